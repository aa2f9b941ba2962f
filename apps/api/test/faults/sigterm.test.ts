/**
 * (d) SIGTERM to the API while 20 directors save, as a deployment does: the
 * process exits 0, every request sent before the signal gets a complete
 * answer (no reset, no hang-up), and every 200 is in the database. With one
 * process and with a cluster of two workers. A few saves are kept waiting on
 * a row lock across the signal, so that requests are really in flight while
 * the server stops (a save alone lasts a few milliseconds).
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { sleep, startApi } from "./api-process.ts";
import { clusterPerFile } from "./harness.ts";
import { checkLedger } from "./ledger.ts";
import { signInDirectors, startStorm, tally } from "./storm.ts";

const fault = clusterPerFile();

describe("SIGTERM mid-storm", () => {
  for (const workers of [1, 2]) {
    it(`WORKERS=${workers}: exits 0 after answering every request it had received`, async () => {
      const url = await fault.cluster().createDatabase(`enquete_w${workers}`);
      // JOBS=1, as production runs: the stop includes pg-boss's.
      const api = await startApi({ DATABASE_URL: url, WORKERS: String(workers), JOBS: "1" });
      fault.track(api);
      const directors = await signInDirectors(api.base, 20);
      const storm = startStorm(api.base, directors, { requestTimeoutMs: 30_000, tag: `term${workers}` });
      await sleep(2_000);

      // Three directors' drafts locked by another transaction: their saves wait on it.
      // On a loaded machine a director may not have saved yet after 2 s (no row to lock, so
      // nothing would wait): wait for each one's first 200, then for their saves to be
      // really waiting on the lock, before the signal.
      const blocked = directors.slice(0, 3);
      const savedOnce = () => blocked.every((d) => storm.records.some((r) => r.atelier === d.atelier && r.status === 200));
      for (let i = 0; i < 150 && !savedOnce(); i++) await sleep(100);
      expect(savedOnce(), "each blocked director has a draft before the lock").toBe(true);
      const locker = new pg.Client({ connectionString: url });
      await locker.connect();
      await locker.query("begin");
      const locked = await locker.query("select 1 from reports where atelier_code = any($1) and period = $2 for update", [
        blocked.map((d) => d.atelier),
        blocked[0]?.period,
      ]);
      expect(locked.rowCount).toBe(blocked.length);
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      const waiting = async () =>
        Number(
          (
            await probe.query(
              "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
            )
          ).rows[0]?.n ?? 0,
        );
      for (let i = 0; i < 100 && (await waiting()) < blocked.length; i++) await sleep(50);
      await probe.end();
      await sleep(100);
      const signalAt = Date.now();
      api.kill("SIGTERM");
      await sleep(1_200);
      await locker.query("commit");
      await locker.end();
      const timer = setTimeout(() => api.kill("SIGKILL"), 30_000);
      const exit = await api.exited;
      clearTimeout(timer);
      const exitedAt = Date.now();
      await sleep(300);
      await storm.stop();

      const records = storm.records;
      const before = records.filter((r) => r.sentAt < signalAt);
      const inFlight = before.filter((r) => r.endedAt >= signalAt);
      const cut = before.filter((r) => r.status === null);
      const held = inFlight.filter((r) => blocked.some((d) => d.atelier === r.atelier) && r.endedAt - signalAt >= 1_000);
      const resets = records.filter((r) => r.sentAt >= signalAt && r.status === null && r.error !== "ECONNREFUSED");
      console.log(
        `SIGTERM, WORKERS=${workers} : sortie ${JSON.stringify(exit)} en ${exitedAt - signalAt} ms ; ${records.length} requêtes ${JSON.stringify(tally(records))} ; ` +
          `${inFlight.length} en cours au signal ${JSON.stringify(tally(inFlight))} ; après le signal ${JSON.stringify(tally(records.filter((r) => r.sentAt >= signalAt)))} ; ` +
          `${held.length} retenues par le verrou ${JSON.stringify(tally(held))} ; coupées après le signal : envoyées à +${resets.map((r) => r.sentAt - signalAt).join(", +")} ms`,
      );
      expect(exit).toEqual({ code: 0, signal: null });
      expect(api.output()).toContain("Arrêté proprement");
      expect(inFlight.length).toBeGreaterThan(0);
      // The saves held across the signal finished, with their 200.
      expect(held.map((r) => r.status)).toEqual(blocked.map(() => 200));
      expect(
        cut.slice(0, 5).map((r) => ({
          atelier: r.atelier,
          error: r.error,
          sentBeforeSignalMs: signalAt - r.sentAt,
          endedAfterSignalMs: r.endedAt - signalAt,
        })),
        `${cut.length} requests sent before the signal got no answer`,
      ).toEqual([]);
      expect(records.filter((r) => r.status !== null && r.status >= 500 && r.status !== 503)).toEqual([]);
      const ledger = await checkLedger(url, records);
      expect(ledger.problems).toEqual([]);
      expect(ledger.acknowledged).toBeGreaterThan(0);
    });
  }
});
