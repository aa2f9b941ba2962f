/**
 * One database fault under load: 20 directors saving and a health probe
 * every 250 ms, the fault begun after a couple of seconds, held for a while,
 * ended, then a few seconds of recovery. Returns every answer and the times
 * the checks need (when the fault was in force, when it was over).
 */
import { type ApiProcess, sleep } from "./api-process.ts";
import { type Director, type SaveRecord, send, signInDirectors, startStorm } from "./storm.ts";

export interface HealthRecord {
  sentAt: number;
  endedAt: number;
  status: number | null;
  error: string | null;
  body: unknown;
  retryAfter: string | null;
}

export interface FaultRun {
  records: SaveRecord[];
  health: HealthRecord[];
  directors: Director[];
  /**
   * The fault is fully in force from `inForceAt` (its start has returned) to `endingAt` (its end
   * is being asked for: a restart, a SIGCONT); `endedAt` is when that end has returned.
   */
  begunAt: number;
  inForceAt: number;
  endingAt: number;
  endedAt: number;
}

export async function runFault(
  api: ApiProcess,
  fault: { begin(): Promise<unknown>; end(): Promise<unknown> },
  options: { directors?: number; warmupMs?: number; holdMs?: number; recoveryMs?: number; tag?: string } = {},
): Promise<FaultRun> {
  const directors = await signInDirectors(api.base, options.directors ?? 20);
  const storm = startStorm(api.base, directors, { requestTimeoutMs: 30_000, pauseOnErrorMs: 100, tag: options.tag });
  const health: HealthRecord[] = [];
  let probing = true;
  const probe = (async () => {
    for (let i = 0; i < 1_000 && probing; i++) {
      health.push(await send(api.base, "", "GET", "/api/health", { timeoutMs: 30_000 }));
      await sleep(250);
    }
  })();

  await sleep(options.warmupMs ?? 2_000);
  const begunAt = Date.now();
  await fault.begin();
  const inForceAt = Date.now();
  await sleep(Math.max(0, begunAt + (options.holdMs ?? 10_000) - Date.now()));
  const endingAt = Date.now();
  await fault.end();
  const endedAt = Date.now();
  await sleep(options.recoveryMs ?? 6_000);
  await storm.stop();
  probing = false;
  await probe;
  return { records: storm.records, health, directors, begunAt, inForceAt, endingAt, endedAt };
}

/** For each director, how long after the fault's end its first save sent after the end was answered 200 (null: never). */
export function recoveryDelays(run: FaultRun): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const d of run.directors) {
    const first = run.records.find((r) => r.atelier === d.atelier && r.sentAt >= run.endedAt && r.status === 200);
    out.set(d.atelier, first ? first.endedAt - run.endedAt : null);
  }
  return out;
}
