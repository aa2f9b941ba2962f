/**
 * The shared counter behind the request limits, on its own: counted in
 * memory, flushed in one statement, shared through PostgreSQL between two
 * "processes" (two counters on one database), and still counting when the
 * database is away. The clock is the test's.
 */

import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../src/db/client.ts";
import { rateLimitHits } from "../src/db/schema.ts";
import { addHits, deleteWindowsBefore } from "../src/modules/limits/repository.ts";
import { type HitStore, SharedCounter } from "../src/plugins/app/limits/shared-counter.ts";
import { createTestDatabase } from "./helpers.ts";

let db: Db;
let pool: { end(): Promise<void> };
beforeAll(async () => {
  ({ db, pool } = createDb(await createTestDatabase(), { max: 4 }));
});
afterAll(async () => await pool.end());

const MINUTE = 60_000;
// A minute of the clock, well inside it.
let clock = Date.UTC(2030, 0, 1, 10, 0, 5);
const now = () => clock;

function logger() {
  const lines: { level: string; msg: string }[] = [];
  const log = {
    warn: (_o: unknown, msg: string) => lines.push({ level: "warn", msg }),
    error: (_o: unknown, msg: string) => lines.push({ level: "error", msg }),
    info: (msg: string) => lines.push({ level: "info", msg }),
  } as unknown as FastifyBaseLogger;
  return { log, lines };
}

/** The repository, counting the statements sent, and failing while `down` is set. */
function store() {
  const state = { statements: 0, down: false };
  const s: HitStore = {
    add: async (added, refresh) => {
      state.statements += 1;
      if (state.down) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      return await addHits(db, added, refresh);
    },
    deleteWindowsBefore: async (before) => {
      if (state.down) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      await deleteWindowsBefore(db, before);
    },
  };
  return Object.assign(state, { store: s });
}

const stored = async (key: string) =>
  (await db.select({ hits: rateLimitHits.hits }).from(rateLimitHits).where(sql`${rateLimitHits.key} = ${key}`)).reduce(
    (sum, r) => sum + r.hits,
    0,
  );

describe("shared counter", () => {
  it("counts in memory and sends every key's hits in one statement per flush", async () => {
    const s = store();
    const counter = new SharedCounter(s.store, logger().log, { now });
    for (let i = 0; i < 50; i++) counter.hit(`one:${i % 5}`, MINUTE, 100);
    expect(s.statements).toBe(0);
    await counter.flush();
    expect(s.statements).toBe(1);
    expect(await stored("one:0")).toBe(10);
    expect(counter.hit("one:0", MINUTE, 100)).toEqual({ current: 11, ttl: 55_000 });
    // Nothing new and nothing near its limit: a flush sends nothing at all.
    await counter.flush();
    await counter.flush();
    expect(s.statements).toBe(2);
  });

  it("makes two processes reach the limit at the same total as one", async () => {
    const a = new SharedCounter(store().store, logger().log, { now });
    const b = new SharedCounter(store().store, logger().log, { now });
    const max = 7;
    const verdicts: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      const counter = i % 2 === 0 ? a : b;
      verdicts.push(counter.hit("two", MINUTE, max).current <= max);
      await a.flush();
      await b.flush();
    }
    expect(verdicts.filter(Boolean)).toHaveLength(max);
    expect(verdicts.slice(0, max).every(Boolean)).toBe(true);
    expect(await stored("two")).toBe(12);
  });

  it("starts a new window on the minute, and forgets old windows now and then", async () => {
    const counter = new SharedCounter(store().store, logger().log, { now });
    counter.hit("old", MINUTE, 10);
    counter.hit("old", MINUTE, 10);
    await counter.flush();
    clock += MINUTE;
    expect(counter.hit("old", MINUTE, 10).current).toBe(1);
    await counter.flush();
    expect(await stored("old")).toBe(3);
    // Past the housekeeping interval, windows over for more than a minute are deleted.
    clock += 3 * MINUTE;
    await counter.flush();
    expect(await stored("old")).toBe(0);
  });

  it("keeps counting when the database is away, says so once, and sends the hits when it is back", async () => {
    const s = store();
    const { log, lines } = logger();
    const counter = new SharedCounter(s.store, log, { now });
    s.down = true;
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      counts.push(counter.hit("away", MINUTE, 4).current);
      await counter.flush();
    }
    // Judged on the hits counted here: the fifth is over the limit of 4.
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    expect(lines.filter((l) => l.level === "warn")).toHaveLength(1);
    expect(await stored("away")).toBe(0);
    s.down = false;
    await counter.flush();
    expect(await stored("away")).toBe(5);
    expect(lines.filter((l) => l.level === "info")).toHaveLength(1);
    expect(counter.hit("away", MINUTE, 4).current).toBe(6);
  });

  it("says a flush that fails for another reason than an outage loudly, at every flush", async () => {
    const { log, lines } = logger();
    const broken = {
      add: async () => {
        throw new TypeError("Cannot read properties of undefined (reading '$client')");
      },
      deleteWindowsBefore: async () => {},
    };
    const counter = new SharedCounter(broken, log, { now });
    for (let i = 0; i < 3; i++) {
      counter.hit("bug", MINUTE, 10);
      await counter.flush();
    }
    expect(lines.filter((l) => l.level === "error")).toHaveLength(3);
    expect(lines.filter((l) => l.level === "warn")).toHaveLength(0);
  });

  it("flushes on close and then stops", async () => {
    const s = store();
    const counter = new SharedCounter(s.store, logger().log, { now, flushMs: 10 });
    counter.start();
    counter.hit("closing", MINUTE, 10);
    await counter.close();
    expect(await stored("closing")).toBe(1);
    const sent = s.statements;
    counter.hit("closing", MINUTE, 10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.statements).toBe(sent);
  });
});
