/**
 * Helmet headers, with a Content-Security-Policy the web app runs under, and
 * a generous per-address request limit (sign-in has its own, stricter one).
 */
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";

export default fp(
  async function security(app: FastifyInstance, opts: { config: Config }) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
          // Plain-HTTP local use (npm start) must not have its requests upgraded to HTTPS.
          "upgrade-insecure-requests": opts.config.cookieSecure ? [] : null,
        },
      },
      // The HSTS header only makes sense where the platform is served over HTTPS.
      strictTransportSecurity: opts.config.cookieSecure,
    });
    await app.register(rateLimit, {
      global: true,
      max: opts.config.requestsPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: "TOO_MANY_REQUESTS",
        message: `Trop de requêtes. Patientez ${Math.ceil(context.ttl / 1000)} secondes avant de réessayer.`,
      }),
    });
  },
  { name: "security" },
);
