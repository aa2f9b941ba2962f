/**
 * Load figures of the foundation's hot paths against what the machine can
 * do, measured side by side in the same run: a bare Fastify process
 * answering one route that runs `select 1` through pg (pool of 10) on the
 * platform's own database, then GET /api/health, /api/me and /api/ateliers
 * on the platform (as configured: one worker per core by default), all at 20
 * connections, then the bare route again. The budgets are ratios to the bare
 * route's throughput (the mean of its two runs) and a p99, never an absolute
 * throughput: these machines are shared and noisy, and a noisy machine moves
 * both figures alike.
 *   node --import tsx api.bench.ts
 * Budgets (see BUDGET for the measurement they come from): each route's
 * req/s ≥ 0.25 × the bare route's, p99 ≤ 100 ms, no non-2xx answer.
 */
import autocannon from "autocannon";
import { startBareRoute } from "./bare-route.ts";
import { startServer } from "./start-server.ts";

/**
 * One floor for the three: a quarter of the bare route's throughput, the
 * ratio issue 8 asks of a draft save (a transaction of several statements).
 * These are reads of one or two statements, so a quarter is the least they
 * must reach; and p99 ≤ 100 ms, as before. Measured when the budget was set
 * (2 shared cores, load generator on them, bare route 18,000–18,500 req/s on
 * a quiet machine): /api/me ×0.25–0.26 with one worker or two, /api/health
 * ×0.15–0.19, /api/ateliers ×0.02 with p99 150–200 ms (101 rows, 20 kB of
 * JSON, a correlated subquery per atelier for its label). A CPU profile of
 * one worker under this load shows it ~30 % idle on every route, so the
 * shared cores, not the route's own code, bound these figures; the brief's
 * example (/api/me ≥ 0.5) is out of reach on them.
 */
const BUDGET: Record<string, { minRatio: number; p99Ms: number }> = {
  "/api/health": { minRatio: 0.25, p99Ms: 100 },
  "/api/me": { minRatio: 0.25, p99Ms: 100 },
  "/api/ateliers": { minRatio: 0.25, p99Ms: 100 },
};
const CONNECTIONS = 20;
const WARMUP_S = 2;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);

async function measure(url: string, headers: Record<string, string> = {}) {
  // A short unmeasured run first: the figures are those of a warm server, as in service.
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

async function main() {
  const server = await startServer();
  let baseline: Awaited<ReturnType<typeof startBareRoute>> | null = null;
  let failed = false;
  try {
    baseline = await startBareRoute(await server.databaseUrl());
    const bareUrl = baseline.url;
    const cookie = await server.signIn("dis@canope.test");

    const before = await measure(bareUrl);
    const routes: [string, Awaited<ReturnType<typeof measure>>][] = [];
    for (const route of Object.keys(BUDGET)) routes.push([route, await measure(`${server.base}${route}`, { cookie })]);
    const after = await measure(bareUrl);
    const bareRps = (before.rps + after.rps) / 2;

    const workers = process.env.WORKERS ? `WORKERS=${process.env.WORKERS}` : "WORKERS par défaut";
    console.log(
      `Route Fastify nue (select 1, un processus), ${CONNECTIONS} connexions : ${before.rps.toFixed(0)} puis ${after.rps.toFixed(0)} req/s (moyenne ${bareRps.toFixed(0)}), p99 ${before.p99} puis ${after.p99} ms`,
    );
    for (const [route, r] of routes) {
      const budget = BUDGET[route] as { minRatio: number; p99Ms: number };
      const ratio = bareRps > 0 ? r.rps / bareRps : 0;
      const ok = ratio >= budget.minRatio && r.p99 <= budget.p99Ms && r.bad === 0;
      failed ||= !ok;
      console.log(
        `${route.padEnd(16)} ${r.rps.toFixed(0).padStart(6)} req/s  ×${ratio.toFixed(2)} (budget ≥ ${budget.minRatio})  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms (budget ≤ ${budget.p99Ms})  non-2xx ${r.bad}  ${ok ? "OK" : "HORS BUDGET"}`,
      );
    }
    console.log(`Plateforme : ${workers}, ${CONNECTIONS} connexions, ${DURATION_S} s par mesure.`);
    if (before.bad + after.bad > 0) {
      console.log(`La route nue a eu ${before.bad + after.bad} erreurs : mesure invalide.`);
      failed = true;
    }
  } finally {
    await baseline?.stop();
    await server.stop();
  }
  process.exit(failed ? 1 : 0);
}

// Last, once every declaration above is initialised.
await main();
