/**
 * The OpenAPI document, generated from the contract's zod schemas, at
 * /api/openapi.json, and its browsable page at /api/docs.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import { SESSION_COOKIE_BASE, sessionCookieName } from "../../modules/auth/cookie.ts";

export default fp(
  async function docs(app: FastifyInstance, opts: { config?: Pick<Config, "cookieSecure"> }) {
    // The cookie's real name depends on the deployment (`__Host-` once it is Secure); without the
    // configuration, both names are given.
    const cookie = opts.config
      ? { name: sessionCookieName(opts.config), description: "Le cookie de session déposé par POST /api/auth/login." }
      : {
          name: SESSION_COOKIE_BASE,
          description: `Le cookie de session déposé par POST /api/auth/login : ${SESSION_COOKIE_BASE} en HTTP local, __Host-${SESSION_COOKIE_BASE} en HTTPS.`,
        };
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "Enquête atelier – API",
          description:
            "L'API JSON de la plateforme Enquête atelier (Réseau Canopé) : référentiel, comptes, enquêtes mensuelles et indicateurs. Authentification par cookie de session (POST /api/auth/login), ou, pour les scripts, par jeton d'API personnel (`Authorization: Bearer ea_…`, créé dans le profil) qui ne permet que les requêtes GET.",
          version: "1.0.0",
        },
        components: {
          securitySchemes: {
            session: { type: "apiKey", in: "cookie", ...cookie },
            token: {
              type: "http",
              scheme: "bearer",
              description:
                "Un jeton d'API personnel (ea_ suivi de 43 caractères), créé dans le profil par les rôles national, tutelle et direction territoriale. Lecture seule : requêtes GET uniquement, avec les droits actuels de la personne.",
            },
          },
        },
        security: [{ session: [] }, { token: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, {
      routePrefix: "/api/docs",
      staticCSP: true,
      // The documentation page sets a few inline styles of its own; its scripts stay hashed.
      transformStaticCSP: (header) => header.replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
      uiConfig: { deepLinking: false },
    });
    app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  },
  { name: "docs" },
);
