/**
 * Hit counts shared by every API process through PostgreSQL, without a
 * database round trip per request (the save path has no room for one): each
 * process counts in memory and, every quarter of a second, adds what it
 * counted to the shared totals in one statement that reads the totals back.
 * A request is judged on the last total read plus the hits not yet added, so
 * the only slack between N processes is what the others counted since the
 * last flush. Windows are fixed (aligned on the clock), so every process puts
 * a hit in the same window without asking.
 *
 * The database being away never fails a request: counting goes on in this
 * process alone, and what was counted meanwhile is added when it is back.
 */

import type { FastifyBaseLogger } from "fastify";
import { isDatabaseUnavailable } from "../../../db/errors.ts";
import type { WindowHits, WindowRef } from "../../../modules/limits/repository.ts";

export interface HitStore {
  add(added: readonly WindowHits[], refresh: readonly WindowRef[]): Promise<WindowHits[]>;
  deleteWindowsBefore(before: number): Promise<void>;
}

export interface Count {
  /** Hits in the window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

interface Entry {
  key: string;
  windowStart: number;
  windowMs: number;
  max: number;
  /** The shared total as last read, this process's added hits included. */
  known: number;
  /** Counted here, not yet sent. */
  pending: number;
  /** Sent in the flush under way. */
  sending: number;
}

export const FLUSH_MS = 250;
// Keys past half their limit have their total read back at every flush even when
// this process adds nothing to them: near the limit, what the others counted matters.
const REFRESH_FROM = 0.5;
const HOUSEKEEPING_MS = 60_000;

export interface SharedCounterOptions {
  flushMs?: number;
  now?: () => number;
}

export class SharedCounter {
  private readonly entries = new Map<string, Entry>();
  private readonly flushMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private unreachable = false;
  private longestWindowMs = 0;
  private nextHousekeeping: number;

  constructor(
    private readonly store: HitStore,
    private readonly log: FastifyBaseLogger,
    options: SharedCounterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? FLUSH_MS;
    this.now = options.now ?? Date.now;
    // Spread the processes' housekeeping over the minute rather than all at once.
    this.nextHousekeeping = this.now() + Math.random() * HOUSEKEEPING_MS;
  }

  /** Counts one hit of `key` in its current window of `windowMs`, and says where the key stands. */
  hit(key: string, windowMs: number, max: number): Count {
    const now = this.now();
    const entry = this.entry(key, windowMs, now);
    entry.max = max;
    entry.pending += 1;
    return { current: entry.known + entry.sending + entry.pending, ttl: entry.windowStart + windowMs - now };
  }

  /** Where `key` stands, without counting a hit. */
  peek(key: string, windowMs: number): Count {
    const now = this.now();
    const entry = this.entries.get(key);
    if (!entry || entry.windowMs !== windowMs || entry.windowStart + windowMs <= now) return { current: 0, ttl: 0 };
    return { current: entry.known + entry.sending + entry.pending, ttl: entry.windowStart + windowMs - now };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A flush still waiting on a slow database is not doubled: the next one carries its hits too.
      if (this.inFlight === 0) void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  /** Sends what was counted and reads the totals back now; resolves once done (never rejects). */
  flush(): Promise<void> {
    this.inFlight += 1;
    const run = this.chain
      .then(() => this.flushOnce())
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.inFlight -= 1;
      });
    this.chain = run;
    return run;
  }

  /** Stops the timer and sends the last hits. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private entry(key: string, windowMs: number, now: number): Entry {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    let entry = this.entries.get(key);
    if (!entry || entry.windowStart !== windowStart || entry.windowMs !== windowMs) {
      // A new window: the previous one's unsent hits no longer decide anything.
      entry = { key, windowStart, windowMs, max: Number.POSITIVE_INFINITY, known: 0, pending: 0, sending: 0 };
      this.entries.set(key, entry);
      if (windowMs > this.longestWindowMs) this.longestWindowMs = windowMs;
    }
    return entry;
  }

  private async flushOnce(): Promise<void> {
    const now = this.now();
    const sent: Entry[] = [];
    const refreshed: Entry[] = [];
    for (const [key, e] of this.entries) {
      if (e.windowStart + e.windowMs <= now) {
        this.entries.delete(key);
      } else if (e.pending > 0) {
        e.sending = e.pending;
        e.pending = 0;
        sent.push(e);
      } else if (e.known >= e.max * REFRESH_FROM && e.known <= e.max) {
        refreshed.push(e);
      }
    }
    if (sent.length > 0 || refreshed.length > 0) {
      try {
        const totals = await this.store.add(
          sent.map((e) => ({ key: e.key, windowStart: e.windowStart, hits: e.sending })),
          refreshed.map((e) => ({ key: e.key, windowStart: e.windowStart })),
        );
        const byWindow = new Map(totals.map((t) => [`${t.windowStart}|${t.key}`, t.hits]));
        for (const e of sent) {
          e.known = byWindow.get(`${e.windowStart}|${e.key}`) ?? e.known + e.sending;
          e.sending = 0;
        }
        for (const e of refreshed) e.known = byWindow.get(`${e.windowStart}|${e.key}`) ?? e.known;
        this.reachable();
      } catch (error) {
        // Kept for the next flush: the hits still count here, and will count everywhere once sent.
        for (const e of sent) {
          e.pending += e.sending;
          e.sending = 0;
        }
        this.failed(error);
        return;
      }
    }
    if (now >= this.nextHousekeeping && this.longestWindowMs > 0) {
      this.nextHousekeeping = now + HOUSEKEEPING_MS;
      try {
        await this.store.deleteWindowsBefore(now - this.longestWindowMs - HOUSEKEEPING_MS);
      } catch (error) {
        this.failed(error);
      }
    }
  }

  private failed(error: unknown): void {
    if (!isDatabaseUnavailable(error)) {
      // Not an outage but a fault of ours: said loudly at every flush, since limits are per process meanwhile.
      this.log.error({ err: error }, "shared limits: the flush failed; counting in this process alone");
      return;
    }
    if (this.unreachable) return;
    this.unreachable = true;
    this.log.warn({ err: error }, "shared limits: the database does not answer; counting in this process alone until it does");
  }

  private reachable(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.log.info("shared limits: the database answers again; limits are shared again");
  }
}
