/**
 * Load figures of the foundation's hot paths, compared with budgets:
 * every authenticated request resolves its session in PostgreSQL, so
 * GET /api/me and GET /api/ateliers (101 rows) show what that costs.
 *   npm run bench
 * Budgets (2 cores, load generator on the same machine): p99 ≤ 100 ms at
 * 20 connections, and ≥ 1,000 requests per second.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { freePort } from "../apps/api/src/db/embedded.ts";

const BUDGET = { p99Ms: 100, minRps: 1000 };

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-bench-"));
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../apps/api/src/server.ts", import.meta.url))], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO: "accounts",
      LOG_LEVEL: "warn",
      WEB_DIST: "",
      LOGIN_MAX_PER_MINUTE: "10000",
      RATE_LIMIT_PER_MINUTE: "10000000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => server.stdout?.on("data", (d) => String(d).includes("est prête") && resolve()));
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "dis@canope.test", password: "canope-demo" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
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
  server.kill("SIGTERM");
  await new Promise((r) => server.on("exit", r));
  await rm(dataDir, { recursive: true, force: true });
  console.log(`Budgets : p99 ≤ ${BUDGET.p99Ms} ms, ≥ ${BUDGET.minRps} req/s à 20 connexions.`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
