/**
 * Costly requests (exports, indicators and their breakdowns, the campaign
 * grid) are limited per person, so that one person looping on them cannot
 * slow everyone else down: a few at once across every API process (leases in
 * PostgreSQL), and so many per minute (the shared counter). A route opts in
 * with `config: { costly: true }`.
 *
 * A lease is held from the moment the request is let through until both its
 * handler has returned and its response is closed (sent, failed or dropped
 * by the client): a client that gives up does not free the server from a
 * computation still running. A lease left by a killed process expires by
 * itself; the leases of a live process are renewed while they run.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import fp from "fastify-plugin";
import type { Db } from "../../../db/client.ts";
import { deleteExpiredLeases, releaseLease, renewLeases, takeLease } from "../../../modules/limits/repository.ts";
import { retryAfter, tooManyCostlyAtOnce, tooManyCostlyPerMinute } from "./messages.ts";
import type { SharedCounter } from "./shared-counter.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** An export, indicators or the campaign grid: limited per person, at once and per minute. */
    costly?: boolean;
  }
}

export interface CostlyOptions {
  db: Db;
  counter: SharedCounter;
  /** Costly requests one person may have running at once. */
  concurrency: number;
  /** Costly requests one person may start per minute. */
  perMinute: number;
  /**
   * How long a request waits for one of the person's running requests to end
   * before it is refused. A page that changes its filters drops its loads and
   * starts new ones while the server still finishes the old ones for a moment.
   */
  waitMs?: number;
  /** How long a lease outlives a process that died without releasing it. */
  leaseTtlMs?: number;
}

const MINUTE = 60_000;
const DEFAULT_WAIT_MS = 2_000;
const DEFAULT_LEASE_TTL_MS = 2 * MINUTE;
// What a refused person is told to wait: their own requests usually end in a few seconds.
const AT_ONCE_RETRY_MS = 5_000;

interface Hold {
  userId: string | null;
  leaseId: string | null;
  /** The response is closed: sent, failed, or dropped by the client. */
  closed: boolean;
  running: boolean;
  released: boolean;
}

export default fp(
  async function costly(app: FastifyInstance, opts: CostlyOptions) {
    const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
    const leaseTtlMs = opts.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    const holds = new WeakMap<FastifyRequest, Hold>();
    const held = new Set<string>();
    const waiters = new Map<string, Set<() => void>>();

    const wake = (userId: string) => {
      for (const w of waiters.get(userId) ?? []) w();
    };
    const waitForRelease = (userId: string, ms: number) =>
      new Promise<void>((resolve) => {
        const set = waiters.get(userId) ?? new Set<() => void>();
        waiters.set(userId, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          if (set.size === 0) waiters.delete(userId);
          resolve();
        };
        const timer = setTimeout(done, ms);
        set.add(done);
      });

    const settle = (hold: Hold) => {
      if (hold.released || hold.leaseId === null || hold.running || !hold.closed) return;
      hold.released = true;
      const id = hold.leaseId;
      held.delete(id);
      releaseLease(opts.db, id)
        // Not released (the database is away): it expires by itself, no longer renewed.
        .catch((error: unknown) => app.log.warn({ err: error }, "costly requests: a lease could not be released"))
        .finally(() => {
          if (hold.userId) wake(hold.userId);
        });
    };

    // A hook of the costly routes only: the others pay nothing for this.
    function track(request: FastifyRequest, reply: FastifyReply, done: () => void) {
      const hold: Hold = { userId: null, leaseId: null, closed: false, running: false, released: false };
      holds.set(request, hold);
      // The client may have left during the hooks before this one (the session lookup).
      if (request.raw.socket?.destroyed === true) hold.closed = true;
      reply.raw.once("close", () => {
        hold.closed = true;
        settle(hold);
      });
      done();
    }

    async function take(userId: string, hold: Hold): Promise<string | null> {
      const deadline = Date.now() + waitMs;
      let pause = 50;
      for (;;) {
        // Nobody is waiting for this answer any more: nothing to compute.
        if (hold.closed) return null;
        const id = await takeLease(opts.db, userId, opts.concurrency, leaseTtlMs);
        if (id !== null) return id;
        const left = deadline - Date.now();
        if (left <= 0) return null;
        // Woken at once by a release in this process; a release in another one is seen at the next try.
        await waitForRelease(userId, Math.min(pause, left));
        pause = Math.min(pause * 2, 400);
      }
    }

    // After the route's validation and guards: an invalid or forbidden request takes nothing from the
    // person's allowance. One refused for running too many at once still counts in the minute: a loop
    // of refused requests is a loop all the same.
    async function admit(request: FastifyRequest, reply: FastifyReply) {
      const hold = holds.get(request);
      const userId = request.caller?.userId;
      if (!hold || hold.userId !== null || !userId) return;
      hold.userId = userId;
      const perMinute = opts.counter.hit(`costly:${userId}`, MINUTE, opts.perMinute);
      if (perMinute.current > opts.perMinute) {
        reply.header("retry-after", retryAfter(perMinute.ttl));
        throw tooManyCostlyPerMinute(opts.perMinute, perMinute.ttl);
      }
      const id = await take(userId, hold);
      if (id === null) {
        reply.header("retry-after", retryAfter(AT_ONCE_RETRY_MS));
        throw tooManyCostlyAtOnce(opts.concurrency);
      }
      hold.leaseId = id;
      held.add(id);
      // The client may have left while this request waited for its lease.
      settle(hold);
    }

    app.addHook("onRoute", (route) => {
      if (!route.config?.costly) return;
      const list = <T>(hooks: T | T[] | undefined): T[] => (Array.isArray(hooks) ? hooks : hooks ? [hooks] : []);
      route.onRequest = [...list(route.onRequest), track];
      route.preHandler = [...list(route.preHandler), admit];
      const handler = route.handler as RouteHandlerMethod;
      route.handler = async function costlyHandler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
        const hold = holds.get(request);
        if (hold) hold.running = true;
        try {
          return await handler.call(this, request, reply);
        } finally {
          if (hold) {
            hold.running = false;
            settle(hold);
          }
        }
      };
    });

    // A process alive keeps its leases alive; only a dead one's run out.
    const renewal = setInterval(() => {
      renewLeases(opts.db, [...held], leaseTtlMs)
        .then(() => deleteExpiredLeases(opts.db))
        .catch((error: unknown) => app.log.warn({ err: error }, "costly requests: leases could not be renewed"));
    }, leaseTtlMs / 4);
    renewal.unref();

    app.addHook("onClose", async () => {
      clearInterval(renewal);
      // Requests in flight are over by now: whatever is still held is a leftover.
      await Promise.allSettled([...held].map((id) => releaseLease(opts.db, id)));
      held.clear();
    });
  },
  { name: "costly-limits" },
);
