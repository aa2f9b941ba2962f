/**
 * (c) PostgreSQL frozen (SIGSTOP of the postmaster and every backend: the
 * sockets stay open, nothing answers) for 10 s while 20 directors save: no
 * request waits longer than the query timeout + the connection timeout + a
 * margin, the answers are French 503s (never 500), and saves work again
 * within 5 s of SIGCONT with nothing acknowledged lost.
 */
import { describe, expect, it } from "vitest";
import { FAULT_ENV, startApi } from "./api-process.ts";
import { clusterPerFile } from "./harness.ts";
import { checkLedger } from "./ledger.ts";
import { recoveryDelays, runFault } from "./outage.ts";
import { isFrenchJsonError, tally } from "./storm.ts";

const LONGEST_WAIT_MS = Number(FAULT_ENV.DB_QUERY_TIMEOUT_MS) + Number(FAULT_ENV.DB_CONNECT_TIMEOUT_MS) + 2_000;

const fault = clusterPerFile();

describe("PostgreSQL frozen for 10 s under load", () => {
  it("answers every request within the timeouts, with 503 not 500, and recovers after SIGCONT", async () => {
    const url = await fault.cluster().createDatabase("enquete");
    const api = fault.track(await startApi({ DATABASE_URL: url }));
    let frozen: number[] = [];
    const run = await runFault(
      api,
      {
        begin: async () => {
          frozen = await fault.cluster().freeze();
        },
        end: () => fault.cluster().thaw(),
      },
      { tag: "gel" },
    );
    const waits = run.records.map((r) => r.endedAt - r.sentAt).sort((a, b) => a - b);
    const during = run.records.filter((r) => r.sentAt >= run.inForceAt && r.endedAt <= run.endingAt);
    const delays = [...recoveryDelays(run).values()];
    console.log(
      `gel de PostgreSQL (${frozen.length} processus) : ${run.records.length} requêtes ${JSON.stringify(tally(run.records))} ; pendant le gel ${JSON.stringify(tally(during))} ; ` +
        `santé ${JSON.stringify(tally(run.health))} ; attente max ${waits.at(-1)} ms (borne ${LONGEST_WAIT_MS}) ; reprise max ${Math.max(...delays.map((d) => d ?? Number.POSITIVE_INFINITY))} ms`,
    );
    expect(frozen.length).toBeGreaterThan(1);
    expect(api.alive()).toBe(true);

    const slow = run.records.filter((r) => r.endedAt - r.sentAt > LONGEST_WAIT_MS);
    expect(
      slow.slice(0, 3).map((r) => ({ waitedMs: r.endedAt - r.sentAt, status: r.status, error: r.error })),
      `${slow.length} requests waited longer than ${LONGEST_WAIT_MS} ms`,
    ).toEqual([]);
    const slowHealth = run.health.filter((h) => h.endedAt - h.sentAt > LONGEST_WAIT_MS);
    expect(slowHealth.map((h) => h.endedAt - h.sentAt)).toEqual([]);

    // While frozen: French 503 with Retry-After, never a 500 or a dropped connection.
    expect(during.length).toBeGreaterThan(0);
    const wrong = run.records.filter(
      (r) => r.status !== 200 && r.status !== 409 && (r.status !== 503 || !r.retryAfter || !isFrenchJsonError(r)),
    );
    expect(
      wrong.slice(0, 3).map((r) => ({ status: r.status, error: r.error, retryAfter: r.retryAfter, type: r.contentType, body: r.body })),
      `${wrong.length} answers are neither a save nor a French 503 with Retry-After`,
    ).toEqual([]);
    expect(during.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    const healthDuring = run.health.filter((h) => h.sentAt >= run.inForceAt && h.endedAt <= run.endingAt);
    expect(healthDuring.length).toBeGreaterThan(0);
    expect(healthDuring.every((h) => h.status === 503)).toBe(true);

    for (const [atelier, delay] of recoveryDelays(run))
      expect({ atelier, delay: delay !== null && delay < 5_000 }).toEqual({ atelier, delay: true });
    const ledger = await checkLedger(url, run.records);
    expect(ledger.problems).toEqual([]);
  });
});
