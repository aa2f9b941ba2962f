/**
 * Many writers on one draft, over real HTTP (the app listens, requests race
 * on real sockets and a real pool): every save is applied or refused with a
 * 409, an accepted save answers with what it wrote and nothing else, no save
 * overwrites another silently, and the history explains the final values.
 */
import type { AddressInfo } from "node:net";
import { formatPeriod, parisDate, periodOfDate, type ReportValues } from "@enquete/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let base = "";
const THIS_MONTH = formatPeriod(periodOfDate(parisDate()));
const WRITERS = 20;
/** Cookies of twenty people who all direct atelier 86 (and one who directs 14). */
const directors: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ requestsPerMinute: 1_000_000 });
  for (let i = 0; i < WRITERS; i++) {
    const user = await buildUser(t.db, { grants: [{ role: "atelier", atelierCode: "86" }], displayName: `Direction ${i}` });
    directors.push((await signIn(t.app, user.email, user.password)).cookie);
  }
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => await t.close());

type Saved = { version: number; values: ReportValues; status: string };
type Conflict = { code: string; current: { version: number; values: ReportValues } };
type Event = { version: number; action: string; actor: string; changes: { field: string; from: unknown; to: unknown }[] };

async function put(cookie: string, atelier: string, period: string, values: ReportValues, version: number) {
  const res = await fetch(`${base}/api/reports/${atelier}/${period}`, {
    method: "PUT",
    headers: { cookie, "content-type": "application/json", ...(version > 0 ? { "if-match": `"${version}"` } : {}) },
    body: JSON.stringify({ values }),
  });
  return { status: res.status, body: (await res.json()) as Saved & Conflict };
}

async function get<T>(cookie: string, path: string): Promise<T> {
  const res = await fetch(`${base}/api${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** The whole history through the paged route, oldest first. */
async function historyOf(atelier: string, period: string): Promise<Event[]> {
  const events: Event[] = [];
  for (let page = 1; ; page++) {
    const res = await get<{ items: Event[]; total: number }>(
      directors[0] as string,
      `/reports/${atelier}/${period}/history?page=${page}&pageSize=100&group=none`,
    );
    events.push(...res.items);
    if (events.length >= res.total || res.items.length === 0) break;
  }
  return events.reverse();
}

/** Replays the field changes of the history: the values after each version. */
function replay(events: Event[]): Map<number, ReportValues> {
  const after = new Map<number, ReportValues>();
  let values: ReportValues = {};
  for (const e of events) {
    values = { ...values };
    for (const c of e.changes) {
      if (c.to === null) delete values[c.field];
      else values[c.field] = c.to as number | string;
    }
    after.set(e.version, values);
  }
  return after;
}

/** What the server keeps of what a writer sent: entered values only. */
const stored = (values: ReportValues) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== ""));

function expectContiguous(events: Event[]) {
  expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
  expect(events[0]?.action).toBe("create");
  expect(events.slice(1).every((e) => e.action === "save")).toBe(true);
}

describe("twenty directors saving one draft at once", () => {
  it("applies each save or refuses it with 409; versions are contiguous and the history explains the final values", async () => {
    const period = THIS_MONTH;
    const created = await put(directors[0] as string, "86", period, { trainingActions: 1 }, 0);
    expect(created.status).toBe(200);
    const accepted: { version: number; values: ReportValues }[] = [{ version: 1, values: created.body.values }];
    let refused = 0;
    // Each writer autosaves five times on the version it last read (a 409 tells it the current one).
    await Promise.all(
      directors.map(async (cookie, i) => {
        let known = { version: created.body.version, values: created.body.values };
        for (let round = 0; round < 5; round++) {
          const values = { ...known.values, trainees: i * 100 + round, highlights: `Direction ${i}, passage ${round}` };
          const res = await put(cookie, "86", period, values, known.version);
          expect([200, 409]).toContain(res.status);
          if (res.status === 200) {
            // Its own version and exactly its own values, whoever saved right before or after.
            expect(res.body.version).toBe(known.version + 1);
            expect(res.body.values).toEqual(stored(values));
            accepted.push({ version: res.body.version, values: res.body.values });
            known = { version: res.body.version, values: res.body.values };
          } else {
            expect(res.body.code).toBe("VERSION_CONFLICT");
            expect(res.body.current.version).not.toBe(known.version);
            refused += 1;
            known = { version: res.body.current.version, values: res.body.current.values };
          }
        }
      }),
    );
    expect(accepted.length + refused).toBe(1 + WRITERS * 5);
    // Both outcomes happened: saves that won their race, and saves refused because another had just won.
    expect(accepted.length).toBeGreaterThan(1);
    expect(refused).toBeGreaterThan(0);

    const events = await historyOf("86", period);
    expectContiguous(events);
    // One event per accepted save, each at the version its answer carried, with the values it answered.
    expect(events).toHaveLength(accepted.length);
    const after = replay(events);
    for (const a of accepted) expect(after.get(a.version)).toEqual(a.values);
    const final = await get<{ version: number; values: ReportValues }>(directors[0] as string, `/reports/86/${period}`);
    expect(final.version).toBe(events.length);
    expect(after.get(final.version)).toEqual(final.values);
  });
});

describe("the tight race: a second writer names the next version blindly, right after the first one's request left", () => {
  it("over 300 tries, no 200 carries a version or values its request did not write, and no save overwrites another silently", async () => {
    const period = "2024-03";
    const [a, b] = [directors[1] as string, directors[2] as string];
    const first = await put(a, "86", period, { trainingActions: 0 }, 0);
    expect(first.status).toBe(200);
    let version = first.body.version;
    const answers: { ifMatch: number; sent: ReportValues; status: number; body: Saved & Conflict }[] = [];
    let bothAccepted = 0;
    for (let i = 0; i < 300; i++) {
      const sentA = { trainingActions: 2 * i + 1, highlights: `A ${i}` };
      const sentB = { trainingActions: 2 * i + 2, highlights: `B ${i}` };
      const fromA = put(a, "86", period, sentA, version);
      // B goes a moment later (0 to 2 ms, so that it lands before, during and after A's write).
      await new Promise((r) => setTimeout(r, i % 3));
      const fromB = put(b, "86", period, sentB, version + 1);
      const [ra, rb] = await Promise.all([fromA, fromB]);
      answers.push({ ifMatch: version, sent: sentA, ...ra }, { ifMatch: version + 1, sent: sentB, ...rb });
      for (const r of [ra, rb]) expect([200, 409]).toContain(r.status);
      if (ra.status === 200 && rb.status === 200) bothAccepted += 1;
      const current = [ra, rb].filter((r) => r.status === 200).map((r) => r.body.version);
      version = current.length > 0 ? Math.max(...current) : (ra.body.current?.version ?? version);
    }
    for (const r of answers) {
      if (r.status === 200) {
        expect(r.body.version).toBe(r.ifMatch + 1);
        expect(r.body.values).toEqual(stored(r.sent));
      } else {
        expect(r.body.code).toBe("VERSION_CONFLICT");
        expect(r.body.current.version).not.toBe(r.ifMatch);
      }
    }
    // Both orders happened: B sometimes arrived after A's write (and built on it), sometimes before.
    expect(bothAccepted).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status === 409).length).toBeGreaterThan(0);

    const events = await historyOf("86", period);
    expectContiguous(events);
    const accepted = answers.filter((r) => r.status === 200);
    expect(events).toHaveLength(1 + accepted.length);
    // Each accepted save's event is at its If-Match + 1: it built on the version it named, and its
    // changes start from that version's values, so nobody's values vanished without an event.
    const after = replay(events);
    for (const r of accepted) {
      const event = events.find((e) => e.version === r.ifMatch + 1);
      expect(event?.actor).toBe(r.sent.highlights?.toString().startsWith("A") ? "Direction 1" : "Direction 2");
      expect(after.get(r.ifMatch + 1)).toEqual(stored(r.sent));
      for (const c of event?.changes ?? []) expect(c.from ?? null).toEqual(after.get(r.ifMatch)?.[c.field] ?? null);
    }
  }, 120_000);
});

describe("once a save has committed", () => {
  it("answers 200 with what it wrote even when the database fails right after the write", async () => {
    const period = "2024-05";
    const cookie = directors[3] as string;
    const created = await put(cookie, "86", period, { trainingActions: 3 }, 0);
    expect(created.status).toBe(200);
    // From the moment the write statement has returned, every query of this pool fails, as if
    // PostgreSQL went away just after the commit: any work after it would turn the answer into an error.
    const pool = t.pool as unknown as { query: (...args: unknown[]) => Promise<unknown> };
    const query = pool.query;
    let down = false;
    let writes = 0;
    pool.query = function (this: unknown, ...args: unknown[]) {
      if (down) return Promise.reject(new Error("Connection terminated unexpectedly"));
      const config = args[0] as string | { text?: string };
      const text = typeof config === "string" ? config : (config.text ?? "");
      const result = query.apply(this, args);
      if (/update reports/i.test(text)) {
        writes += 1;
        result.then(() => {
          down = true;
        });
      }
      return result;
    };
    try {
      const saved = await put(cookie, "86", period, { trainingActions: 4 }, created.body.version);
      expect(writes).toBe(1);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ version: 2, values: { trainingActions: 4 } });
    } finally {
      pool.query = query;
    }
    const events = await historyOf("86", period);
    expect(events.map((e) => e.version)).toEqual([1, 2]);
  });
});
