/**
 * The store @fastify/rate-limit counts in, backed by the shared counter so
 * that every API process enforces one limit. The plugin builds the store
 * itself (`new Store(options)`) and asks it for a child per route that has
 * its own limit; a child counts under the route's own keys, as the plugin's
 * Redis store does.
 */
import type { FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { SharedCounter } from "./shared-counter.ts";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteInfo {
  method?: string | string[];
  url?: string;
}

export function sharedRateLimitStore(counter: SharedCounter): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = "req:",
    ) {}

    // Never fails and never waits: the counter answers from memory.
    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      callback(null, counter.hit(this.prefix + key, timeWindow, max));
    }

    /** For the plugin's `{ increment: false }`. */
    read(key: string, callback: Callback, timeWindow: number): void {
      callback(null, counter.peek(this.prefix + key, timeWindow));
    }

    // The plugin passes the route's merged limit options, the route itself under routeInfo (its typings say otherwise).
    child(routeOptions: object): SharedRateLimitStore {
      const { method, url } = (routeOptions as { routeInfo?: RouteInfo }).routeInfo ?? {};
      const methods = Array.isArray(method) ? method.join(",") : (method ?? "");
      return new SharedRateLimitStore(routeOptions, `${this.prefix}${methods} ${url ?? ""}:`);
    }
  }
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
