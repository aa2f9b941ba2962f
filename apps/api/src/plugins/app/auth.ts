/**
 * Who is calling, resolved once per request from the session cookie, and the
 * guards every route uses (with @fastify/auth). Access is decided here and
 * nowhere else; hiding a button is never the check.
 */

import { canReadAtelier, canReadTerritory, hasRole, type Role } from "@enquete/domain";
import fastifyAuth from "@fastify/auth";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { forbidden, notFound, unauthenticated } from "../../errors.ts";
import { sessionCookieOf } from "../../modules/auth/cookie.ts";
import { type Caller, resolveSession } from "../../modules/auth/service.ts";
import { findAtelierTerritory, territoryExists } from "../../modules/referential/repository.ts";

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module "fastify" {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyInstance {
    /** The guards: combine them with `app.auth([...], { relation: "and" })`. */
    guards: {
      signedIn: Guard;
      hasRole: (...roles: Role[]) => Guard;
      atelierInScope: (param?: string) => Guard;
      territoryInScope: (param?: string) => Guard;
    };
    /** Shorthand for the usual chain: signed in, then each given guard. */
    allow: (...guards: Guard[]) => ReturnType<FastifyInstance["auth"]>;
  }
}

export function caller(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthenticated();
  return request.caller;
}

export default fp(
  async function auth(app: FastifyInstance, opts: { db: Db; config: Config }) {
    const settings = {
      idleMinutes: opts.config.sessionIdleMinutes,
      absoluteHours: opts.config.sessionAbsoluteHours,
      maxFailuresPerMinute: opts.config.loginMaxPerMinute,
    };
    app.decorateRequest("caller", null);
    app.addHook("onRequest", async (request) => {
      if (!request.url.startsWith("/api/")) return;
      const raw = sessionCookieOf(request, opts.config);
      if (raw) request.caller = await resolveSession(opts.db, settings, raw);
    });

    await app.register(fastifyAuth);

    const signedIn: Guard = async (request) => {
      if (!request.caller) throw unauthenticated();
    };
    const guards: FastifyInstance["guards"] = {
      signedIn,
      hasRole:
        (...roles) =>
        async (request) => {
          if (!hasRole(caller(request).grants, ...roles)) {
            throw forbidden("Votre rôle ne donne pas accès à cette fonction.");
          }
        },
      atelierInScope:
        (param = "code") =>
        async (request) => {
          const code = (request.params as Record<string, string>)[param] ?? "";
          const territory = await findAtelierTerritory(opts.db, code);
          if (territory === undefined) throw notFound("Cet atelier n'existe pas.");
          if (!canReadAtelier(caller(request).grants, code, territory)) {
            throw forbidden("Cet atelier n'est pas dans votre périmètre.");
          }
        },
      territoryInScope:
        (param = "territory") =>
        async (request) => {
          const source = { ...(request.query as object), ...(request.params as object) } as Record<string, string>;
          const code = source[param];
          if (code === undefined) return;
          if (!(await territoryExists(opts.db, code))) throw notFound("Cette direction territoriale n'existe pas.");
          if (!canReadTerritory(caller(request).grants, code)) {
            throw forbidden("Cette direction territoriale n'est pas dans votre périmètre.");
          }
        },
    };
    app.decorate("guards", guards);
    app.decorate("allow", (...chain: Guard[]) => app.auth([signedIn, ...chain], { relation: "and" }));
  },
  { name: "app-auth", dependencies: ["@fastify/cookie"] },
);
