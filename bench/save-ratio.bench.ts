/**
 * Draft saves under concurrency, against what the machine can do: 20
 * directors (atelier.01 … atelier.2a) each autosave their own current month
 * in a loop with its If-Match, while, side by side on the same database and
 * at the same concurrency, a bare Fastify app answers one route doing
 * `select 1` through pg. The budget is the ratio of the two throughputs, so
 * that a noisy shared machine moves both figures alike.
 *   node --import tsx save-ratio.bench.ts
 * Budget: saves/s ≥ 0.25 × the bare route's req/s. The platform runs as
 * configured (WORKERS etc. from the environment); the bare app is one process.
 */
import { readFileSync } from "node:fs";
import { formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import autocannon from "autocannon";
import { startBareRoute } from "./bare-route.ts";
import { startServer } from "./start-server.ts";

const BUDGET_RATIO = 0.25;
const DIRECTORS = 20;
const WARMUP_S = 3;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 5;
/** The first 20 ateliers of the referential (01 … 19, 2A: there is no atelier 20), each directed by its demo account. */
const ATELIERS = readFileSync(new URL("../apps/api/src/db/seed/data/ateliers.csv", import.meta.url), "utf8")
  .split("\n")
  .slice(1)
  .map((line) => line.split(",")[0] ?? "")
  .filter(Boolean)
  .slice(0, DIRECTORS);

/** Every save of the run writes values of its own: none is a save that changes nothing. */
let seq = 0;

type Loop = { ok: number; conflicts: number; errors: number; latencies: number[] };

/** One director autosaving with one connection: each answer's version is the next If-Match. */
function directorLoop(base: string, atelier: string, cookie: string, startVersion: number, seconds: number, loop: Loop) {
  const period = formatPeriod(periodOfDate(parisDate()));
  let version = startVersion;
  return autocannon({
    url: `${base}/api/reports/${atelier}/${period}`,
    connections: 1,
    duration: seconds,
    requests: [
      {
        method: "PUT",
        setupRequest: (req) => {
          seq += 1;
          const n = seq;
          const values = { trainingActions: n % 50, trainees: 100 + (n % 7), highlights: `Autosauvegarde ${n}` };
          return {
            ...req,
            headers: { cookie, "content-type": "application/json", ...(version > 0 ? { "if-match": `"${version}"` } : {}) },
            body: JSON.stringify({ values }),
          };
        },
        onResponse: (status, body) => {
          if (status === 200) {
            loop.ok += 1;
            version = (JSON.parse(body) as { version: number }).version;
          } else if (status === 409) {
            loop.conflicts += 1;
            version = (JSON.parse(body) as { current: { version: number } }).current.version;
          } else {
            loop.errors += 1;
            if (loop.errors <= 3) console.error(`${atelier} : ${status} ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
}

async function saves(server: Awaited<ReturnType<typeof startServer>>, cookies: string[], seconds: number) {
  const period = formatPeriod(periodOfDate(parisDate()));
  const loop: Loop = { ok: 0, conflicts: 0, errors: 0, latencies: [] };
  const runs = await Promise.all(
    cookies.map(async (cookie, i) => {
      const atelier = ATELIERS[i] as string;
      const res = await fetch(`${server.base}/api/reports/${atelier}/${period}`, { headers: { cookie } });
      const version = ((await res.json()) as { version: number }).version;
      return directorLoop(server.base, atelier, cookie, version, seconds, loop);
    }),
  );
  return {
    perSecond: loop.ok / seconds,
    ...loop,
    p50: median(runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
  };
}

async function bareRoute(url: string, seconds: number) {
  const runs = await Promise.all(Array.from({ length: DIRECTORS }, () => autocannon({ url, connections: 1, duration: seconds })));
  return {
    perSecond: runs.reduce((s, r) => s + r["2xx"], 0) / seconds,
    errors: runs.reduce((s, r) => s + r.non2xx + r.errors, 0),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main() {
  const server = await startServer();
  let baseline: Awaited<ReturnType<typeof startBareRoute>> | null = null;
  try {
    baseline = await startBareRoute(await server.databaseUrl());
    const bareUrl = baseline.url;

    const cookies: string[] = [];
    for (const code of ATELIERS) cookies.push(await server.signIn(`atelier.${code.toLowerCase()}@canope.test`));
    // Warm both up first (JIT, pools, first report rows): the figures are those of warm servers.
    await saves(server, cookies, WARMUP_S);
    await bareRoute(bareUrl, WARMUP_S);

    // Side by side in time as well: short turns of each, alternated, so that whatever else the
    // machine is doing weighs on both figures alike.
    const turn = DURATION_S / ROUNDS;
    const savedTurns: Awaited<ReturnType<typeof saves>>[] = [];
    const rawTurns: Awaited<ReturnType<typeof bareRoute>>[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      savedTurns.push(await saves(server, cookies, turn));
      rawTurns.push(await bareRoute(bareUrl, turn));
    }
    const saved = {
      perSecond: savedTurns.reduce((s, r) => s + r.perSecond, 0) / ROUNDS,
      conflicts: savedTurns.reduce((s, r) => s + r.conflicts, 0),
      errors: savedTurns.reduce((s, r) => s + r.errors, 0),
      p50: median(savedTurns.map((r) => r.p50)),
      p99: Math.max(...savedTurns.map((r) => r.p99)),
    };
    const raw = {
      perSecond: rawTurns.reduce((s, r) => s + r.perSecond, 0) / ROUNDS,
      errors: rawTurns.reduce((s, r) => s + r.errors, 0),
      p50: median(rawTurns.map((r) => r.p50)),
      p99: Math.max(...rawTurns.map((r) => r.p99)),
    };
    const ratio = raw.perSecond > 0 ? saved.perSecond / raw.perSecond : 0;
    const ok = ratio >= BUDGET_RATIO && saved.errors === 0 && saved.conflicts === 0 && raw.errors === 0;
    const workers = process.env.WORKERS ? `WORKERS=${process.env.WORKERS}` : "WORKERS par défaut";
    console.log(
      `Enregistrements de brouillon, ${DIRECTORS} directions en parallèle (${workers}) : ${saved.perSecond.toFixed(0)} /s, médiane ${saved.p50} ms, p99 ${saved.p99} ms, ${saved.conflicts} conflits, ${saved.errors} erreurs`,
    );
    console.log(
      `Route Fastify nue (select 1, un processus), ${DIRECTORS} connexions : ${raw.perSecond.toFixed(0)} req/s, médiane ${raw.p50} ms, p99 ${raw.p99} ms, ${raw.errors} erreurs`,
    );
    console.log(`Rapport : ${ratio.toFixed(3)} ; budget ≥ ${BUDGET_RATIO} : ${ok ? "OK" : "HORS BUDGET"}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await baseline?.stop();
    await server.stop();
  }
}

// Last, once every declaration above is initialised.
await main();
