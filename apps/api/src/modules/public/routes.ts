import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";

/** What anyone may read without signing in (the contact address of the help and legal pages). Being written (issue 12). */
export const publicRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async () => {};
