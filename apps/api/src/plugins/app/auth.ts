/**
 * Who is calling, resolved once per request from the session cookie or an API
 * token, and the guards every route uses (with @fastify/auth). Access is
 * decided here and nowhere else; hiding a button is never the check.
 *
 * A token (`Authorization: Bearer ea_…`) is for scripts that read: it opens
 * GET and HEAD requests only, with its owner's grants of the moment. When one
 * is sent it decides alone: a dead token is a 401 even if a session cookie
 * rides along, so a script never quietly runs as whoever used the browser.
 */

import { canReadAtelier, canReadTerritory, hasRole, type Role } from "@enquete/domain";
import fastifyAuth from "@fastify/auth";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError, forbidden, notFound, unauthenticated } from "../../errors.ts";
import { sessionCookieOf } from "../../modules/auth/cookie.ts";
import { type Caller, resolveSession, resolveToken } from "../../modules/auth/service.ts";
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

const READ_METHODS = new Set(["GET", "HEAD"]);

/** The token of an `Authorization: Bearer …` header; undefined when the request carries none. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer[ ]+(\S*)\s*$/i.exec(header);
  return match ? (match[1] ?? "") : undefined;
}

const invalidToken = () =>
  new AppError("INVALID_TOKEN", 401, "Ce jeton d'API n'est pas valable : il est inconnu, révoqué ou expiré, ou son compte est désactivé.");
const tokenReadsOnly = () => forbidden("Un jeton d'API ne permet que la lecture (requêtes GET).");

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
      const token = bearerTokenOf(request);
      if (token !== undefined) {
        // Checked before the token itself: a script that writes learns why at once, whatever its token.
        if (!READ_METHODS.has(request.method)) throw tokenReadsOnly();
        const owner = await resolveToken(opts.db, token);
        if (!owner) throw invalidToken();
        request.caller = owner;
        return;
      }
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
