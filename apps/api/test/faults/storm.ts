/**
 * Many directors saving their drafts at once, as the web app's autosave does
 * (PUT with the version it holds in If-Match, the answer's version as the
 * next one), with every answer recorded: what was sent, when, how long it
 * took, and what came back (or which network error did).
 */
import { readFileSync } from "node:fs";
import { formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { signIn, sleep } from "./api-process.ts";

export type DraftValues = Record<string, number | string>;

export interface SaveRecord {
  atelier: string;
  period: string;
  ifMatch: number | null;
  values: DraftValues;
  /** Date.now() when the request was sent and when its answer (or its failure) was complete. */
  sentAt: number;
  endedAt: number;
  /** null: no HTTP answer at all (refused, reset, timed out). */
  status: number | null;
  error: string | null;
  body: unknown;
  contentType: string | null;
  retryAfter: string | null;
  /** Which API process answered, when a test proxy says so (x-replica). */
  servedBy: string | null;
}

export interface Director {
  atelier: string;
  period: string;
  cookie: string;
}

/** The atelier codes of the referential, in its order (01 … 19, 2A, 2B, 21 …). */
export const ATELIER_CODES = readFileSync(new URL("../../src/db/seed/data/ateliers.csv", import.meta.url), "utf8")
  .split("\n")
  .slice(1)
  .map((line) => line.split(",")[0] ?? "")
  .filter(Boolean);

export const currentPeriod = () => formatPeriod(periodOfDate(parisDate()));

/** Signs in the directors of the first `count` ateliers, each on its own draft of `period`. */
export async function signInDirectors(base: string, count: number, period = currentPeriod()): Promise<Director[]> {
  const out: Director[] = [];
  for (const atelier of ATELIER_CODES.slice(0, count)) {
    out.push({ atelier, period, cookie: await signIn(base, `atelier.${atelier.toLowerCase()}@canope.test`) });
  }
  return out;
}

function describeFailure(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return "TIMEOUT";
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}

export async function send(
  base: string,
  cookie: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
) {
  const sentAt = Date.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(options.body !== undefined ? { "content-type": "application/json" } : {}), ...options.headers },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text, the checks say so.
    }
    return {
      sentAt,
      endedAt: Date.now(),
      status: res.status,
      error: null,
      body,
      contentType: res.headers.get("content-type"),
      retryAfter: res.headers.get("retry-after"),
      servedBy: res.headers.get("x-replica"),
    };
  } catch (error) {
    return {
      sentAt,
      endedAt: Date.now(),
      status: null,
      error: describeFailure(error),
      body: null,
      contentType: null,
      retryAfter: null,
      servedBy: null,
    };
  }
}

/** The version a director holds: that of its report as it is now (0 when it does not exist yet). */
async function currentVersion(base: string, d: Director): Promise<number | null> {
  const res = await send(base, d.cookie, "GET", `/api/reports/${d.atelier}/${d.period}`, { timeoutMs: 10_000 });
  if (res.status !== 200) return null;
  return (res.body as { version: number }).version;
}

export interface StormOptions {
  /** Each director stops after this many saves, whatever happens (a bound, not a target). */
  maxSaves?: number;
  /** Pause between two saves of one director. */
  pauseMs?: number;
  /** Pause after an answer that is not 200 or 409, so that an outage is not a busy loop. */
  pauseOnErrorMs?: number;
  requestTimeoutMs?: number;
  /** Marks the values of this run (highlights), so that every save changes something. */
  tag?: string;
  /** Where to send each director's requests (several API processes); by default the one base. */
  baseFor?: (director: Director, attempt: number) => string;
}

export interface Storm {
  records: SaveRecord[];
  /** Asks every director to stop after its request in flight; resolves when all have. */
  stop(): Promise<void>;
}

export function startStorm(base: string, directors: Director[], options: StormOptions = {}): Storm {
  const records: SaveRecord[] = [];
  let stopped = false;
  const tag = options.tag ?? Math.random().toString(36).slice(2, 8);
  const loop = async (d: Director) => {
    let version: number | null = null;
    for (let i = 0; i < 50 && version === null && !stopped; i++) {
      version = await currentVersion(options.baseFor?.(d, i) ?? base, d);
      if (version === null) await sleep(200);
    }
    if (version === null) return;
    for (let n = 1; n <= (options.maxSaves ?? 5_000) && !stopped; n++) {
      const values: DraftValues = {
        trainingActions: n,
        trainees: 100 + (n % 13),
        highlights: `Sauvegarde ${tag}-${n} de l'atelier ${d.atelier}`,
      };
      const ifMatch: number | null = version > 0 ? version : null;
      const target = options.baseFor?.(d, n) ?? base;
      const res = await send(target, d.cookie, "PUT", `/api/reports/${d.atelier}/${d.period}`, {
        body: { values },
        headers: ifMatch !== null ? { "if-match": `"${ifMatch}"` } : {},
        timeoutMs: options.requestTimeoutMs,
      });
      records.push({ atelier: d.atelier, period: d.period, ifMatch, values, ...res });
      const body = res.body as { version?: number; current?: { version?: number } } | null;
      if (res.status === 200 && typeof body?.version === "number") version = body.version;
      else if (res.status === 409 && typeof body?.current?.version === "number") version = body.current.version;
      else {
        // A failure whose outcome is unknown (the save may have committed): the next PUT says, with a 409 or a 428.
        if (res.status === 428 || res.status === 404) version = (await currentVersion(target, d)) ?? version;
        await sleep(options.pauseOnErrorMs ?? 100);
      }
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };
  const running = Promise.all(directors.map((d) => loop(d)));
  return {
    records,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

const FRENCH = /\b(le|la|les|des|du|un|une|est|pas|ne|dans|de)\b|[éèêàç]/i;

/** The app's JSON error shape with a French message (what a 503 or a 429 must carry). */
export function isFrenchJsonError(r: { body: unknown; contentType: string | null }): boolean {
  const body = r.body as { code?: unknown; message?: unknown } | null;
  return (
    (r.contentType ?? "").includes("application/json") &&
    typeof body === "object" &&
    body !== null &&
    typeof body.code === "string" &&
    typeof body.message === "string" &&
    FRENCH.test(body.message)
  );
}

/** Counts of answers by status ("200", "503", or the network error). */
export function tally(records: { status: number | null; error: string | null }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) {
    const key = r.status !== null ? String(r.status) : (r.error ?? "?");
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
