/**
 * Limits that hold across replicas: two API processes on one database (two
 * buildApp on the same test database, as two replicas would be) enforce the
 * request, sign-in and costly-request limits as one process would, answer
 * 429 in the app's shape with Retry-After, and keep serving when the
 * database behind the limits is away.
 */
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costlyLeases } from "../src/db/schema.ts";
import { countLiveLeases } from "../src/modules/limits/repository.ts";
import { buildUser, createTestDatabase, signIn } from "./helpers.ts";
import { buildProcess, flushBoth, type Process, sleep, twoProcesses, until, withinOneWindow } from "./limits-helpers.ts";

const YEAR = new Date().getFullYear() - 1;
const CAMPAIGN = `/api/campaign?year=${YEAR}`;
const AT_ONCE =
  "Vous avez déjà 2 calculs en cours (exports, indicateurs, grille de campagne) : attendez qu'ils se terminent, puis réessayez.";

function expectTooMany(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  expect(res.statusCode).toBe(429);
  expect(res.json()).toEqual({ code: "TOO_MANY_REQUESTS", message: expect.any(String), requestId: expect.any(String) });
  const retryAfter = Number(res.headers["retry-after"]);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${res.headers["retry-after"]}`).toBe(true);
  return { retryAfter, message: (res.json() as { message: string }).message };
}

describe("the request limit per address, across two processes", () => {
  let a: Process;
  let b: Process;
  beforeAll(async () => {
    [a, b] = await twoProcesses({ requestsPerMinute: 10 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("refuses the request after the 10th of the minute whichever process gets it, as one process alone would", async () => {
    await withinOneWindow(20_000);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof a.app.inject>> | null = null;
    for (let i = 0; i < 12; i++) {
      last = await (i % 2 === 0 ? a : b).app.inject({ url: "/api/me", remoteAddress: "10.9.0.1" });
      statuses.push(last.statusCode);
      // The processes share their counts every quarter of a second: this waits for it rather than for a guessed time.
      await flushBoth(a, b);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const { retryAfter, message } = expectTooMany(last as NonNullable<typeof last>);
    expect(message).toBe(
      `Trop de requêtes depuis votre adresse. Patientez ${retryAfter} seconde${retryAfter > 1 ? "s" : ""} avant de réessayer.`,
    );

    // One process alone, from another address: the same total.
    const alone: number[] = [];
    for (let i = 0; i < 11; i++) alone.push((await a.app.inject({ url: "/api/me", remoteAddress: "10.9.0.2" })).statusCode);
    expect(alone).toEqual([...Array(10).fill(401), 429]);
    // Somebody else's address is untouched.
    expect((await b.app.inject({ url: "/api/me", remoteAddress: "10.9.0.3" })).statusCode).toBe(401);
  });

  it("without waiting for the flush, lets through at most what the other process counted since its last one", async () => {
    await withinOneWindow(20_000);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await (i % 2 === 0 ? a : b).app.inject({ url: "/api/me", remoteAddress: "10.9.1.1" })).statusCode);
    }
    await flushBoth(a, b);
    const allowed = statuses.filter((s) => s === 401).length;
    // Each process counts its own hits at once, so even before any flush neither lets through more than the limit.
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThanOrEqual(20);
    // Once shared, both refuse.
    expect((await a.app.inject({ url: "/api/me", remoteAddress: "10.9.1.1" })).statusCode).toBe(429);
    expect((await b.app.inject({ url: "/api/me", remoteAddress: "10.9.1.1" })).statusCode).toBe(429);
  });
});

describe("the sign-in ceiling per address, across two processes", () => {
  let a: Process;
  let b: Process;
  beforeAll(async () => {
    // The ceiling on all attempts is six times the failures allowed: 12.
    [a, b] = await twoProcesses({ loginMaxPerMinute: 2 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("counts the attempts made on either process, successful ones included", async () => {
    const user = await buildUser(a.db);
    await withinOneWindow(20_000);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof a.app.inject>> | null = null;
    for (let i = 0; i < 13; i++) {
      last = await (i % 2 === 0 ? a : b).app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: user.email, password: user.password },
        remoteAddress: "10.9.2.1",
      });
      statuses.push(last.statusCode);
      await flushBoth(a, b);
    }
    expect(statuses).toEqual([...Array(12).fill(200), 429]);
    const { retryAfter, message } = expectTooMany(last as NonNullable<typeof last>);
    expect(message).toMatch(new RegExp(`^Trop de tentatives de connexion depuis votre adresse\\. Patientez ${retryAfter} secondes?`));
    expect(last?.cookies).toHaveLength(0);
  });
});

describe("when the database behind the limits is away", () => {
  it("keeps serving, still counts in the process, and says so once in the log", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const p = await buildProcess(await createTestDatabase(), { loginMaxPerMinute: 2, logLevel: "warn" }, stream);
    await p.pool.end();
    try {
      await withinOneWindow(20_000);
      const statuses: number[] = [];
      for (let i = 0; i < 14; i++) {
        // An empty body is refused by validation: no database needed but for the limits.
        const res = await p.app.inject({ method: "POST", url: "/api/auth/login", payload: {}, remoteAddress: "10.9.3.1" });
        statuses.push(res.statusCode);
        await p.app.limits.flush();
      }
      expect(statuses).toEqual([...Array(12).fill(422), 429, 429]);
      const warnings = lines.filter((l) => l.includes("shared limits: the database does not answer"));
      expect(warnings).toHaveLength(1);
    } finally {
      await p.close();
    }
  });
});

describe("costly requests, per person, across two processes", () => {
  let a: Process;
  let b: Process;
  let national: { id: string; cookie: string };
  let other: { id: string; cookie: string };
  beforeAll(async () => {
    [a, b] = await twoProcesses({ costlyConcurrency: 2, costlyPerMinute: 1000 });
    const make = async () => {
      const user = await buildUser(a.db, { grants: [{ role: "national" }] });
      return { id: user.id, cookie: (await signIn(a.app, user.email, user.password)).cookie };
    };
    national = await make();
    other = await make();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const get = (p: Process, who: { cookie: string }, url = CAMPAIGN) => p.app.inject({ url, headers: { cookie: who.cookie } });
  const leases = (who: { id: string }) => countLiveLeases(a.db, who.id);

  /** Holds the reports table, so that the campaign grid (which reads it) stays in its handler, lease taken, until released. */
  async function holdReports() {
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    await client.query("begin");
    await client.query("lock table reports in access exclusive mode");
    return {
      client,
      async release() {
        await client.query("rollback");
        await client.end();
      },
    };
  }

  it("lets a person run two at once over both processes, and refuses a third with 429 and Retry-After", async () => {
    const hold = await holdReports();
    try {
      const first = get(a, national);
      const second = get(b, national);
      await until(async () => (await leases(national)) === 2, 10_000, "two leases");
      const third = await get(a, national);
      const { retryAfter, message } = expectTooMany(third);
      expect(message).toBe(AT_ONCE);
      expect(retryAfter).toBe(5);
      // Another person is not held back by the first one's requests.
      const theirs = get(b, other);
      await until(async () => (await leases(other)) === 1, 10_000, "the other person's lease");
      await hold.release();
      expect((await first).statusCode).toBe(200);
      expect((await second).statusCode).toBe(200);
      expect((await theirs).statusCode).toBe(200);
    } finally {
      await hold.release().catch(() => {});
    }
    await until(async () => (await leases(national)) === 0 && (await leases(other)) === 0, 5_000, "leases released");
    expect((await get(b, national)).statusCode).toBe(200);
  });

  it("lets a third wait a moment for one of the person's own requests to end, rather than refusing it at once", async () => {
    const hold = await holdReports();
    try {
      const running = [get(a, national), get(b, national)];
      await until(async () => (await leases(national)) === 2, 10_000, "two leases");
      const third = get(b, national);
      await sleep(300);
      await hold.release();
      expect((await third).statusCode).toBe(200);
      for (const r of running) expect((await r).statusCode).toBe(200);
    } finally {
      await hold.release().catch(() => {});
    }
    await until(async () => (await leases(national)) === 0, 5_000, "leases released");
  });

  it("releases the lease of a request that fails", async () => {
    const hold = await holdReports();
    try {
      const failing = get(a, national);
      await until(async () => (await leases(national)) === 1, 10_000, "a lease");
      // The grid's query, waiting on the lock, is cancelled: the handler throws.
      await hold.client.query(
        "select pg_cancel_backend(pid) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
      );
      expect((await failing).statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await hold.release().catch(() => {});
    }
    await until(async () => (await leases(national)) === 0, 5_000, "lease released");
  });

  it("releases the lease of a request whose client gave up, once the server is done with it", async () => {
    await a.app.listen({ port: 0, host: "127.0.0.1" });
    const address = a.app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const hold = await holdReports();
    try {
      const controller = new AbortController();
      const request = fetch(`http://127.0.0.1:${port}${CAMPAIGN}`, {
        headers: { cookie: national.cookie },
        signal: controller.signal,
      }).catch((error: unknown) => error);
      await until(async () => (await leases(national)) === 1, 10_000, "a lease");
      controller.abort();
      expect(await request).toBeInstanceOf(Error);
      // The server is still computing for the client that left: the lease still counts.
      await sleep(300);
      expect(await leases(national)).toBe(1);
      await hold.release();
      await until(async () => (await leases(national)) === 0, 5_000, "lease released");
    } finally {
      await hold.release().catch(() => {});
    }
    const res = await fetch(`http://127.0.0.1:${port}${CAMPAIGN}`, { headers: { cookie: national.cookie } });
    expect(res.status).toBe(200);
  });

  it("limits every export, the indicators with their breakdowns and the campaign grid; a lease of a dead process runs out", async () => {
    // Two leases alive, as another process would hold them.
    const alive = (ms: number) => ({ userId: national.id, expiresAt: new Date(Date.now() + ms) });
    const rows = await a.db
      .insert(costlyLeases)
      .values([alive(60_000), alive(60_000)])
      .returning({ id: costlyLeases.id });
    const urls = [
      `/api/indicators?scope=national&year=${YEAR}&breakdown=territory`,
      `/api/indicators?scope=national&year=${YEAR}&breakdown=month`,
      `/api/exports/reports.csv?year=${YEAR}`,
      `/api/exports/indicators.xlsx?year=${YEAR}`,
      CAMPAIGN,
    ];
    for (const url of urls) {
      const res = await get(a, national, url);
      expect(res.statusCode, url).toBe(429);
      expect(res.json().message).toBe(AT_ONCE);
    }
    // Other requests are not costly.
    expect((await get(a, national, "/api/me")).statusCode).toBe(200);
    // The process that held them died: past their expiry they count for nothing.
    await a.db.update(costlyLeases).set({ expiresAt: new Date(Date.now() - 1000) });
    for (const url of urls) expect((await get(b, national, url)).statusCode, url).toBe(200);
    expect(rows).toHaveLength(2);
    await until(async () => (await leases(national)) === 0, 5_000, "leases released");
  });
});

describe("costly requests per minute, across two processes", () => {
  let a: Process;
  let b: Process;
  beforeAll(async () => {
    [a, b] = await twoProcesses({ costlyPerMinute: 3 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("refuses the 4th of the minute with the wait, and only to that person", async () => {
    const signInNational = async () => {
      const user = await buildUser(a.db, { grants: [{ role: "national" }] });
      return (await signIn(a.app, user.email, user.password)).cookie;
    };
    const one = await signInNational();
    const two = await signInNational();
    await withinOneWindow(20_000);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof a.app.inject>> | null = null;
    for (let i = 0; i < 4; i++) {
      last = await (i % 2 === 0 ? a : b).app.inject({ url: CAMPAIGN, headers: { cookie: one } });
      statuses.push(last.statusCode);
      await flushBoth(a, b);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const { retryAfter, message } = expectTooMany(last as NonNullable<typeof last>);
    expect(message).toBe(
      `Vous avez lancé 3 calculs en une minute (exports, indicateurs, grille de campagne), le maximum : patientez ${retryAfter} seconde${retryAfter > 1 ? "s" : ""} avant d'en lancer un autre.`,
    );
    expect((await b.app.inject({ url: CAMPAIGN, headers: { cookie: two } })).statusCode).toBe(200);
    // A request refused by its guard or its validation uses nothing of the allowance.
    expect((await b.app.inject({ url: "/api/campaign?year=1999", headers: { cookie: two } })).statusCode).toBe(422);
    expect((await b.app.inject({ url: "/api/campaign?year=1999", headers: { cookie: two } })).statusCode).toBe(422);
    expect((await b.app.inject({ url: CAMPAIGN, headers: { cookie: two } })).statusCode).toBe(200);
  });
});
