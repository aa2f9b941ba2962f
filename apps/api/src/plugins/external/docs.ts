/**
 * The OpenAPI document, generated from the contract's zod schemas, at
 * /api/openapi.json, and its browsable page at /api/docs.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

export default fp(
  async function docs(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: "Enquête atelier – API",
          description:
            "L'API JSON de la plateforme Enquête atelier (Réseau Canopé) : référentiel, comptes, enquêtes mensuelles et indicateurs. Authentification par cookie de session (POST /api/auth/login).",
          version: "1.0.0",
        },
        components: {
          securitySchemes: { session: { type: "apiKey", in: "cookie", name: "enquete_session" } },
        },
        security: [{ session: [] }],
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
