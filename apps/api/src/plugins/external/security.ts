/**
 * Helmet headers, with a Content-Security-Policy the web app runs under; a
 * generous per-address request limit (sign-in has its own, stricter one) and
 * the per-person limit of costly requests, both counted in PostgreSQL so that
 * every API process enforces the same limits as one would.
 */
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { addHits, deleteWindowsBefore } from "../../modules/limits/repository.ts";
import costly from "../app/limits/costly.ts";
import { tooManyRequests } from "../app/limits/messages.ts";
import { sharedRateLimitStore } from "../app/limits/rate-limit-store.ts";
import { SharedCounter } from "../app/limits/shared-counter.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The limits shared with the other API processes. */
    limits: {
      /** Sends this process's counts now and reads the totals back (the timer does it every quarter of a second). */
      flush(): Promise<void>;
    };
  }
}

export default fp(
  async function security(app: FastifyInstance, opts: { config: Config; db: Db }) {
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

    const counter = new SharedCounter(
      { add: (added, refresh) => addHits(opts.db, added, refresh), deleteWindowsBefore: (before) => deleteWindowsBefore(opts.db, before) },
      app.log.child({ module: "limits" }),
    );
    counter.start();
    app.addHook("onClose", async () => await counter.close());
    app.decorate("limits", { flush: () => counter.flush() });

    await app.register(rateLimit, {
      global: true,
      max: opts.config.requestsPerMinute,
      timeWindow: 60_000,
      store: sharedRateLimitStore(counter),
      errorResponseBuilder: (_request, context) => tooManyRequests(context.ttl),
    });
    await app.register(costly, {
      db: opts.db,
      counter,
      concurrency: opts.config.costlyConcurrency,
      perMinute: opts.config.costlyPerMinute,
    });
  },
  { name: "security" },
);
