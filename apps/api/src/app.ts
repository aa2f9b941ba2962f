/**
 * Builds the Fastify instance: external plugins, then the application's own,
 * then the routes. No I/O here beyond what the given database needs.
 */
import { randomUUID } from "node:crypto";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import { oidcRoutes } from "./modules/auth/oidc-routes.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { campaignRoutes } from "./modules/campaign/routes.ts";
import { exportRoutes } from "./modules/exports/routes.ts";
import { formRoutes } from "./modules/forms/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { distanceLearningRoutes } from "./modules/indicators/distance-learning/routes.ts";
import { indicatorRoutes } from "./modules/indicators/routes.ts";
import { targetRoutes } from "./modules/indicators/targets/routes.ts";
import { type Courier, createCourier } from "./modules/notifications/courier.ts";
import { notificationRoutes } from "./modules/notifications/routes.ts";
import { openDataRoutes } from "./modules/open-data/routes.ts";
import { publicRoutes } from "./modules/public/routes.ts";
import { referentialRoutes } from "./modules/referential/routes.ts";
import { reportRoutes } from "./modules/reports/routes.ts";
import { settingsRoutes } from "./modules/settings/routes.ts";
import { userRoutes } from "./modules/users/routes.ts";
import appAuth from "./plugins/app/auth.ts";
import csrf from "./plugins/app/csrf.ts";
import errorHandler, { clientErrorHandler, frameworkErrors } from "./plugins/app/error-handler.ts";
import textGuard from "./plugins/app/text-guard.ts";
import docs from "./plugins/external/docs.ts";
import security from "./plugins/external/security.ts";
import web from "./plugins/external/web.ts";

// Validation messages of zod in French, for every schema of the contract.
z.config(z.locales.fr());

export function loggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "res.headers['set-cookie']", "*.password", "password"],
      censor: "[masqué]",
    },
  };
}

/**
 * A number of hops becomes "trust the first N hops from this server" (Fastify
 * itself trusts no one when given a bare number); addresses are checked by
 * proxy-addr as they are.
 */
function fastifyTrustProxy(trust: Config["trustProxy"]): FastifyServerOptions["trustProxy"] {
  if (typeof trust === "number") return (_address: string, hop: number) => hop < trust;
  return trust;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Sends what waits in the outbox now (after a commit), for emails a person waits for. */
    courier: Courier;
  }
}

export async function buildApp(options: { config: Config; db: Db; logStream?: NodeJS.WritableStream }) {
  const { config, db } = options;
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    genReqId: () => randomUUID(),
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 256 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before a route runs answer in our JSON shape too, in French, without repeating the input.
    frameworkErrors,
    clientErrorHandler,
    // While closing, requests on connections already open are served (with Connection: close;
    // see the error handler's hooks), not refused by Fastify in its English shape; the server
    // closes idle connections itself, after a short drain (server.ts).
    return503OnClosing: false,
    forceCloseConnections: false,
  }).withTypeProvider<ZodTypeProvider>();
  const courier = createCourier(db, config, app.log);
  app.decorate("courier", courier);
  app.addHook("onClose", async () => await courier.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  });

  await app.register(errorHandler);
  await app.register(textGuard);
  await app.register(security, { config, db });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(csrf);
  await app.register(appAuth, { db, config });
  await app.register(docs, { config });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db });
      await api.register(authRoutes, { db, config });
      await api.register(oidcRoutes, { db, config });
      await api.register(referentialRoutes, { db });
      await api.register(userRoutes, { db, config });
      await api.register(auditRoutes, { db });
      await api.register(reportRoutes, { db, config });
      await api.register(formRoutes, { db, config });
      await api.register(notificationRoutes, { db });
      await api.register(campaignRoutes, { db, config });
      await api.register(settingsRoutes, { db, config });
      await api.register(indicatorRoutes, { db, config });
      await api.register(targetRoutes, { db });
      await api.register(distanceLearningRoutes, { db });
      await api.register(exportRoutes, { db, config });
      await api.register(publicRoutes, { db, config });
      await api.register(openDataRoutes, { db, config });
    },
    { prefix: "/api" },
  );

  await app.register(web, { root: config.webDist });
  return app;
}
