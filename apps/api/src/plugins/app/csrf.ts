/**
 * Cross-site request forgery: an unsafe request that a browser marks as coming
 * from another site is refused. Scripts (no Origin, no Sec-Fetch-Site) pass,
 * since they carry no ambient cookie of a user's browser.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { forbidden } from "../../errors.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string" && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.origin;
  if (typeof origin === "string" && origin !== "") {
    if (origin === "null") return true;
    // Fastify's request.host reads X-Forwarded-Host only from the proxies TRUST_PROXY names.
    const hostHeader = request.host ?? "";
    try {
      const from = new URL(origin);
      // Parsing the Host header with the Origin's scheme drops a default port the same way (":80", ":443").
      return from.host !== new URL(`${from.protocol}//${hostHeader}`).host;
    } catch {
      return true;
    }
  }
  return false;
}

export default fp(
  async function csrf(app: FastifyInstance) {
    app.addHook("onRequest", async (request) => {
      if (SAFE.has(request.method)) return;
      if (isCrossSite(request)) {
        throw forbidden("Requête refusée : elle provient d'un autre site (protection contre la falsification de requête).");
      }
    });
  },
  { name: "csrf" },
);
