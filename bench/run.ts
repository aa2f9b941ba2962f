/**
 * npm run bench: every bench, one after the other (each starts its own
 * platform), whatever the previous one found; then one line per bench and a
 * non-zero exit when any missed its budget. BENCH=save,network runs some only.
 */
import { spawnSync } from "node:child_process";

const BENCHES = ["api", "save", "save-ratio", "network", "campaign", "aggregate", "indicators"];
const only = process.env.BENCH?.split(",").map((b) => b.trim());
const results: { bench: string; ok: boolean; seconds: number }[] = [];
for (const bench of BENCHES.filter((b) => !only || only.includes(b))) {
  console.log(`\n== ${bench}.bench.ts`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", `${bench}.bench.ts`], { stdio: "inherit" });
  results.push({ bench, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log("\n== Bilan");
for (const r of results) console.log(`${r.ok ? "OK         " : "HORS BUDGET"}  ${r.bench}.bench.ts (${r.seconds} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
