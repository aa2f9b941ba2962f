/**
 * Helpers of the limit tests: two API processes on one database, and a wait
 * that keeps a counted sequence inside one window of the shared limits
 * (fixed minutes of the clock), so a test never sees a count reset midway.
 */
import type { Config } from "../src/config.ts";
import { appOn, createTestDatabase } from "./helpers.ts";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, if need be, for the next minute of the clock, so that `ms` fit in what is left of the current one. */
export async function withinOneWindow(ms: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < ms) await sleep(left + 50);
}

/** Polls `probe` until it returns true; fails after `ms`. */
export async function until(probe: () => Promise<boolean> | boolean, ms = 10_000, label = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await sleep(20);
  }
}

/** An API process of its own on `url` (the test harness's app builder). */
export const buildProcess = appOn;

export type Process = Awaited<ReturnType<typeof buildProcess>>;

/** Two API processes sharing one test database, as two replicas would. */
export async function twoProcesses(overrides: Partial<Config> = {}): Promise<[Process, Process]> {
  const url = await createTestDatabase();
  return [await buildProcess(url, overrides), await buildProcess(url, overrides)];
}

/**
 * Both processes have sent their counts and each has read back a total that
 * includes the other's: two rounds, since the first to flush cannot yet see
 * what the second sends (their timers do the same within half a second).
 */
export async function flushBoth(a: Process, b: Process): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await a.app.limits.flush();
    await b.app.limits.flush();
  }
}
