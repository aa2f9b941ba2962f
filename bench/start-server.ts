/** Starts the platform on a fresh embedded database for a benchmark, and stops it. */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, runningEmbeddedUrl } from "../apps/api/src/db/embedded.ts";
import { EMBEDDED_DATABASE } from "../apps/api/src/db/prepare.ts";

export async function startServer(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-bench-"));
  const port = await freePort();
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawn(
    process.execPath,
    [...nodeArgs, "--import", "tsx", fileURLToPath(new URL("../apps/api/src/server.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO: "accounts",
        LOG_LEVEL: "warn",
        WEB_DIST: "",
        LOGIN_MAX_PER_MINUTE: "10000",
        RATE_LIMIT_PER_MINUTE: "10000000",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve) => server.stdout?.on("data", (d) => String(d).includes("est prête") && resolve()));
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    /** The platform's own database (its embedded server, or DATABASE_URL): for a side-by-side baseline on the same server. */
    async databaseUrl(): Promise<string> {
      if (env.DATABASE_URL ?? process.env.DATABASE_URL) return (env.DATABASE_URL ?? process.env.DATABASE_URL) as string;
      const url = await runningEmbeddedUrl(dataDir, EMBEDDED_DATABASE);
      if (!url) throw new Error("PostgreSQL embarqué introuvable");
      return url;
    },
    async signIn(email: string) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "canope-demo" }),
      });
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      if (res.status !== 200 || !cookie) throw new Error(`connexion de ${email} impossible : ${res.status} ${await res.text()}`);
      return cookie;
    },
    async stop() {
      server.kill("SIGTERM");
      await new Promise((r) => server.on("exit", r));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
