import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";

/** GET /api/audit (admin): the administrative journal. Built in issue 9. */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (_app, _opts) => {};
