/**
 * (b) PostgreSQL stopped (pg_ctl stop -m fast: every connection ended with
 * 57P01, then refused) for 10 s while 20 directors save, then started again:
 * the API lives on, answers 503 in French with Retry-After meanwhile (never
 * 500, never a hang), its health says so, and saves succeed again within 5 s
 * with nothing acknowledged lost. Once without jobs, once with pg-boss running.
 */
import pg from "pg";
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { PGBOSS_SCHEMA, QUEUES } from "../../src/jobs/scheduler.ts";
import { type ApiProcess, startApi, waitFor } from "./api-process.ts";
import { clusterPerFile } from "./harness.ts";
import { checkLedger } from "./ledger.ts";
import { type FaultRun, recoveryDelays, runFault } from "./outage.ts";
import { isFrenchJsonError, tally } from "./storm.ts";

/** Query timeout + connection timeout of FAULT_ENV, and a margin. */
const LONGEST_WAIT_MS = 2_000 + 1_000 + 2_000;

const fault = clusterPerFile();

function summary(label: string, run: FaultRun) {
  const during = run.records.filter((r) => r.sentAt >= run.inForceAt && r.endedAt <= run.endingAt);
  const delays = [...recoveryDelays(run).values()];
  const slowest = Math.max(...run.records.map((r) => r.endedAt - r.sentAt));
  console.log(
    `${label} : ${run.records.length} requêtes ${JSON.stringify(tally(run.records))} ; pendant l'arrêt ${JSON.stringify(tally(during))} ; ` +
      `santé ${JSON.stringify(tally(run.health))} ; reprise (ms) max ${Math.max(...delays.map((d) => d ?? Number.POSITIVE_INFINITY))} ; attente la plus longue ${slowest} ms`,
  );
  return during;
}

async function expectOutageHandled(api: ApiProcess, run: FaultRun, url: string) {
  expect(api.alive()).toBe(true);
  const during = run.records.filter((r) => r.sentAt >= run.inForceAt && r.endedAt <= run.endingAt);
  expect(during.length).toBeGreaterThan(0);
  // Never a 500, never a dropped connection, never a hang: a French 503 with Retry-After.
  const notUnavailable = during.filter((r) => r.status !== 503 || !r.retryAfter || !isFrenchJsonError(r));
  expect(
    notUnavailable
      .slice(0, 3)
      .map((r) => ({ status: r.status, error: r.error, retryAfter: r.retryAfter, type: r.contentType, body: r.body })),
    `${notUnavailable.length} answers of ${during.length} while stopped are not a French JSON 503 with Retry-After`,
  ).toEqual([]);
  expect(run.records.filter((r) => r.status === null || r.status >= 500).filter((r) => r.status !== 503)).toEqual([]);
  expect(run.records.filter((r) => r.endedAt - r.sentAt > LONGEST_WAIT_MS).map((r) => r.endedAt - r.sentAt)).toEqual([]);

  // Health: ok, then unavailable (503, Retry-After) while stopped, then ok again.
  const healthDuring = run.health.filter((h) => h.sentAt >= run.inForceAt && h.endedAt <= run.endingAt);
  expect(healthDuring.length).toBeGreaterThan(0);
  expect(healthDuring.every((h) => h.status === 503 && (h.body as { status?: string }).status === "unavailable" && h.retryAfter)).toBe(
    true,
  );
  expect(run.health.find((h) => h.endedAt < run.begunAt)?.status).toBe(200);
  const healthyAgain = run.health.find((h) => h.sentAt >= run.endedAt && h.status === 200);
  expect(healthyAgain && healthyAgain.endedAt - run.endedAt).toBeLessThan(5_000);

  // Every director saves again within 5 s of the restart.
  for (const [atelier, delay] of recoveryDelays(run))
    expect({ atelier, delay: delay !== null && delay < 5_000 }).toEqual({ atelier, delay: true });

  const ledger = await checkLedger(url, run.records);
  expect(ledger.problems).toEqual([]);
  expect(ledger.acknowledged).toBeGreaterThan(0);
}

describe("PostgreSQL stopped for 10 s under load", () => {
  it("without jobs: 503 meanwhile, recovery within 5 s, nothing acknowledged lost", async () => {
    const url = await fault.cluster().createDatabase("enquete_sans_jobs");
    const api = await startApi({ DATABASE_URL: url, JOBS: "0" });
    fault.track(api);
    const run = await runFault(api, { begin: () => fault.cluster().stopFast(), end: () => fault.cluster().start() }, { tag: "arret" });
    summary("arrêt de PostgreSQL, JOBS=0", run);
    await expectOutageHandled(api, run, url);
  });

  it("with pg-boss running (JOBS=1): the same, and no unhandled error from the jobs", async () => {
    const url = await fault.cluster().createDatabase("enquete_avec_jobs");
    const api = await startApi({ DATABASE_URL: url, JOBS: "1" });
    fault.track(api);
    const run = await runFault(api, { begin: () => fault.cluster().stopFast(), end: () => fault.cluster().start() }, { tag: "jobs" });
    summary("arrêt de PostgreSQL, JOBS=1", run);
    const errors = api.logs(50).map((l) => `${l.msg} : ${l.err?.message ?? ""}`);
    console.log(`journal (erreurs) : ${JSON.stringify(errors.slice(0, 10))}`);
    await expectOutageHandled(api, run, url);
    // pg-boss's errors during the outage are logged; none is an unhandled rejection of something else than the outage.
    expect(api.logs(50).filter((l) => l.msg === "unhandled rejection" || (l.level ?? 0) >= 60)).toEqual([]);
    // And pg-boss works again: a delivery asked for now is run by this process.
    const boss = new PgBoss({ connectionString: url, schema: PGBOSS_SCHEMA, supervise: false, schedule: false, migrate: false, max: 1 });
    boss.on("error", () => {});
    await boss.start();
    const id = await boss.send(QUEUES.delivery, {});
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 });
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const state = async () =>
        (await db.query<{ state: string }>(`select state from ${PGBOSS_SCHEMA}.job where id = $1`, [id])).rows[0]?.state ?? "absente";
      const done = await waitFor(async () => (await state()) === "completed", 20_000, 250);
      expect({ done, state: await state() }).toEqual({ done: true, state: "completed" });
    } finally {
      await db.end();
    }
  });
});
