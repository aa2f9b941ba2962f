import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";

/** GET /api/auth/oidc/login and /callback: single sign-on (section 7.2), off unless configured. Built in issue 9. */
export const oidcRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (_app, _opts) => {};
