/**
 * The session cookie. When it is Secure (outside local development) its name
 * takes the `__Host-` prefix: the browser then accepts it only from this very
 * host, over HTTPS, for the whole site (Path=/, no Domain), so a sibling
 * subdomain cannot plant or overwrite it.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";

export const SESSION_COOKIE_BASE = "enquete_session";

export const sessionCookieName = (config: Pick<Config, "cookieSecure">) =>
  config.cookieSecure ? `__Host-${SESSION_COOKIE_BASE}` : SESSION_COOKIE_BASE;

const options = (config: Pick<Config, "cookieSecure">) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config.cookieSecure,
});

export function setSessionCookie(reply: FastifyReply, config: Pick<Config, "cookieSecure" | "sessionAbsoluteHours">, sessionId: string) {
  reply.setCookie(sessionCookieName(config), sessionId, { ...options(config), maxAge: config.sessionAbsoluteHours * 3600 });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, "cookieSecure">) {
  reply.clearCookie(sessionCookieName(config), options(config));
}

export const sessionCookieOf = (request: FastifyRequest, config: Pick<Config, "cookieSecure">) =>
  request.cookies[sessionCookieName(config)];
