import { ZApiError, ZAuthOptions } from "@enquete/contract";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { setSessionCookie } from "./cookie.ts";
import { createOidcClient } from "./oidc-client.ts";
import { ZOidcLoginQuery } from "./oidc-schemas.ts";
import * as oidc from "./oidc-service.ts";
import { logout } from "./service.ts";

/** Where the login page takes the person back after a refused single sign-on (it shows the French message). */
export const SSO_UNKNOWN = "/connexion?sso=inconnu";
export const SSO_ERROR = "/connexion?sso=erreur";

/**
 * The state a browser was given when it left for the provider, so that the
 * callback only completes a sign-in this very browser started (otherwise an
 * attacker could send a victim the end of their own sign-in and have them
 * work under the attacker's account). SameSite=Lax: the provider's redirect
 * back is a top-level GET, which carries it.
 */
const STATE_COOKIE_BASE = "enquete_sso";
const stateCookieName = (config: Pick<Config, "cookieSecure">) => (config.cookieSecure ? `__Host-${STATE_COOKIE_BASE}` : STATE_COOKIE_BASE);
const stateCookieOptions = (config: Pick<Config, "cookieSecure">) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config.cookieSecure,
});

/** The callback's address carries the authorization code: its log line keeps the path only. */
const requestWithoutQuery = (request: FastifyRequest) => ({
  method: request.method,
  url: request.url.split("?")[0],
  host: request.host,
  remoteAddress: request.ip,
});

/** What went wrong, for the operator: the error's kind and the provider's error code, never the code, a token or a body. */
function reasonOf(err: unknown) {
  if (!(err instanceof Error)) return { reason: String(err) };
  const e = err as Error & { code?: unknown; error?: unknown; error_description?: unknown; status?: unknown; params?: unknown };
  // A failed query's message lists its parameters (a nonce, a PKCE verifier): its cause says enough.
  const message = e.params !== undefined && e.cause instanceof Error ? e.cause.message : e.message;
  return {
    reason: message,
    kind: e.name,
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(typeof e.error === "string" ? { providerError: e.error } : {}),
    ...(typeof e.error_description === "string" ? { providerDescription: e.error_description } : {}),
    ...(typeof e.status === "number" ? { status: e.status } : {}),
  };
}

/** GET /api/auth/options, /api/auth/oidc/login and /callback: single sign-on (section 7.2), off unless configured. */
export const oidcRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const provider = config.oidc ? createOidcClient(config.oidc) : null;
  const notConfigured = () => notFound("La connexion unique n'est pas configurée.");
  const fail = (request: FastifyRequest, reply: FastifyReply, step: string, err: unknown) => {
    request.log.warn({ sso: step, ...reasonOf(err) }, "single sign-on failed");
    return reply.redirect(SSO_ERROR, 302);
  };

  app.get(
    "/auth/options",
    {
      schema: {
        tags: ["Authentification"],
        summary: "Les moyens de connexion proposés",
        description: "Public : dit si la connexion unique (ProConnect) est configurée, et le libellé de son bouton.",
        response: { 200: ZAuthOptions },
      },
    },
    async () => ({ oidc: { enabled: config.oidc !== null, label: config.oidc?.label ?? "ProConnect" } }),
  );

  app.get(
    "/auth/oidc/login",
    {
      schema: {
        tags: ["Authentification"],
        summary: "Se connecter avec la connexion unique",
        description:
          "Redirige (302) vers le fournisseur d'identité. `returnTo` : la page où revenir une fois connecté (un chemin de ce site ; sinon l'accueil).",
        querystring: ZOidcLoginQuery,
        response: { 404: ZApiError },
      },
    },
    async (request, reply) => {
      if (!config.oidc || !provider) throw notConfigured();
      try {
        const { url, state } = await oidc.beginSignIn(db, config.oidc, provider, request.query.returnTo);
        reply.setCookie(stateCookieName(config), state, { ...stateCookieOptions(config), maxAge: oidc.LOGIN_LIFETIME_MINUTES * 60 });
        return reply.redirect(url, 302);
      } catch (err) {
        return fail(request, reply, "login", err);
      }
    },
  );

  app.get(
    "/auth/oidc/callback",
    {
      logSerializers: { req: requestWithoutQuery },
      schema: {
        tags: ["Authentification"],
        summary: "Retour du fournisseur d'identité",
        description:
          "Le fournisseur y renvoie le navigateur. Connecté : redirection vers la page demandée. Adresse inconnue ou compte désactivé : /connexion?sso=inconnu. Toute autre erreur : /connexion?sso=erreur.",
        response: { 404: ZApiError },
      },
    },
    async (request, reply) => {
      if (!config.oidc || !provider) throw notConfigured();
      const browserState = request.cookies[stateCookieName(config)];
      reply.clearCookie(stateCookieName(config), stateCookieOptions(config));
      try {
        const answer = new URL(request.url, "http://callback.invalid").searchParams;
        const outcome = await oidc.finishSignIn(
          db,
          { absoluteHours: config.sessionAbsoluteHours },
          config.oidc,
          provider,
          answer,
          browserState,
          {
            userAgent: request.headers["user-agent"] ?? null,
            ip: request.ip,
          },
        );
        if (outcome.kind === "unknown") {
          request.log.info(
            { sso: "callback", emailDomain: outcome.emailDomain },
            "single sign-on refused: no active account with this email",
          );
          return reply.redirect(SSO_UNKNOWN, 302);
        }
        // A sign-in replaces whatever session the browser had.
        if (request.caller) await logout(db, request.caller);
        setSessionCookie(reply, config, outcome.sessionId);
        request.log.info({ userId: outcome.userId, method: "oidc" }, "signed in");
        return reply.redirect(outcome.returnTo, 302);
      } catch (err) {
        return fail(request, reply, "callback", err);
      }
    },
  );
};
