import { ZHealth } from "@enquete/contract";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";

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
        await Promise.race([
          db.execute(sql`select 1`),
          new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000).unref()),
        ]);
        return { status: "ok" as const };
      } catch (error) {
        request.log.warn({ err: error }, "database unavailable");
        return reply.status(503).send({ status: "unavailable" as const });
      }
    },
  );
};
