import { ZHealth } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";
import { ping } from "./repository.ts";

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["Exploitation"],
        summary: "État du service",
        description: "200 quand la base de données répond, 503 sinon.",
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
        return reply.status(503).send({ status: "unavailable" as const });
      }
    },
  );
};
