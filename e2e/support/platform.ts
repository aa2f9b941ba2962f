/**
 * The platform started as a user starts it (the API's server.ts, its own
 * embedded PostgreSQL in a fresh folder, on a free port), for the browser
 * tests: the shared one of global-setup.ts, and those a test needs for itself.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../apps/api/src/db/embedded.ts";

export type Platform = { baseUrl: string; stop: () => Promise<void> };

export const PASSWORD = "canope-demo";

/** Starts it and resolves once it says it is ready; rejects with its output if it stops first. */
export async function startPlatform(options: {
  demo: "accounts" | "full";
  label: string;
  env?: Record<string, string>;
}): Promise<Platform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-e2e-"));
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../../apps/api/src/server.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: "development",
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO: options.demo,
        LOG_LEVEL: "warn",
        LOGIN_MAX_PER_MINUTE: "100",
        // The links of its emails lead back to it.
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const exited = new Promise((r) => server.on("exit", r));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!output.includes("est prête")) return;
      clearInterval(timer);
      resolve();
    }, 50);
    server.on("exit", () => {
      clearInterval(timer);
      reject(new Error(`${options.label} s'est arrêté :\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      server.kill("SIGTERM");
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API of the platform at `baseUrl` and returns the session cookie to send back. */
export async function signInAt(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`Connexion de ${email} impossible : ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
