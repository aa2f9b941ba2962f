import { ZHealth } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../db/errors.ts";
import { ping } from "./repository.ts";

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["Exploitation"],
        summary: "État du service",
        description:
          "200 quand la base de données répond en moins de 2 secondes, 503 sinon (avec Retry-After) : c'est la sonde des mandataires et des orchestrateurs.",
        response: { 200: ZHealth, 503: ZHealth },
      },
      config: { rateLimit: false },
    },
    async (request, reply) => {
      try {
        await ping(db, 2_000);
        return { status: "ok" as const };
      } catch (error) {
        request.log.warn({ err: error }, "database unavailable");
        return reply
          .status(503)
          .header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS))
          .send({ status: "unavailable" as const });
      }
    },
  );
};
