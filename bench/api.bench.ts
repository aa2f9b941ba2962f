/**
 * Load figures of the foundation's hot paths, compared with budgets:
 * every authenticated request resolves its session in PostgreSQL, so
 * GET /api/me and GET /api/ateliers (101 rows) show what that costs.
 *   npm run bench
 * Budgets (2 cores, load generator on the same machine): p99 ≤ 100 ms at
 * 20 connections, and ≥ 1,000 requests per second.
 */
import autocannon from "autocannon";
import { startServer } from "./start-server.ts";

const BUDGET = { p99Ms: 100, minRps: 1000 };

async function main() {
  const server = await startServer();
  const base = server.base;
  const cookie = await server.signIn("dis@canope.test");
  let failed = false;
  for (const route of ["/api/health", "/api/me", "/api/ateliers"]) {
    // A short unmeasured run first: the figures are those of a warm server, as in service.
    await autocannon({ url: `${base}${route}`, connections: 20, duration: 2, headers: { cookie } });
    const result = await autocannon({ url: `${base}${route}`, connections: 20, duration: 8, headers: { cookie } });
    const p99 = result.latency.p99;
    const rps = result.requests.average;
    const ok = p99 <= BUDGET.p99Ms && rps >= BUDGET.minRps && result.non2xx === 0;
    failed ||= !ok;
    console.log(
      `${route.padEnd(16)} ${rps.toFixed(0).padStart(6)} req/s  p99 ${String(p99).padStart(4)} ms  non-2xx ${result.non2xx}  ${ok ? "OK" : "HORS BUDGET"}`,
    );
  }
  await server.stop();
  console.log(`Budgets : p99 ≤ ${BUDGET.p99Ms} ms, ≥ ${BUDGET.minRps} req/s à 20 connexions.`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
