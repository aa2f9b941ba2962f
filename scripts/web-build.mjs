// Builds the web app when its build is missing or older than its sources.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = path.join(root, "apps/web/dist/index.html");
const sources = [
  "apps/web/src",
  "apps/web/index.html",
  "apps/web/vite.config.ts",
  "apps/web/package.json",
  "packages/domain/src",
  "packages/contract/src",
];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

export function webBuildIsStale() {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > builtAt);
}

export function ensureWebBuilt({ quiet = false } = {}) {
  if (!webBuildIsStale()) return;
  if (!quiet) console.log("Construction de l'application web…");
  const started = Date.now();
  // Always a production build: a test runner's NODE_ENV=test would give a development React.
  const res = spawnSync("npm", ["run", "build", "-w", "apps/web"], {
    cwd: root,
    stdio: quiet ? "pipe" : "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (res.status !== 0) {
    if (quiet) process.stderr.write(String(res.stdout) + String(res.stderr));
    throw new Error("La construction de l'application web a échoué.");
  }
  if (!quiet) console.log(`Application web construite en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
