import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";

/** The closed years' indicators as open data, without sign-in. Being written (issue 12). */
export const openDataRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async () => {};
