/**
 * The API as a real process, as production runs it (`node --import tsx
 * src/server.ts`), on a database the test controls: its output is kept, its
 * exit awaited, and its process tree listed (for kill -9 and memory figures).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "../../src/db/embedded.ts";

const SERVER = fileURLToPath(new URL("../../src/server.ts", import.meta.url));

export const DEMO_PASSWORD = "canope-demo";

export interface ApiProcess {
  base: string;
  port: number;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** Everything it printed, stdout and stderr interleaved. */
  output(): string;
  /** The JSON log lines it printed at `level` or above (pino: 40 warn, 50 error, 60 fatal). */
  logs(level: number): { level: number; msg?: string; err?: { message?: string; code?: string; type?: string } }[];
  kill(signal: NodeJS.Signals): void;
  /** Sends SIGTERM and waits for the exit, bounded. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Settings of every fault test: small timeouts, so that the suite is quick, and limits out of the way. */
export const FAULT_ENV = {
  NODE_ENV: "test",
  LOG_LEVEL: "warn",
  WEB_DIST: "",
  DEMO: "accounts",
  WORKERS: "1",
  JOBS: "0",
  DB_QUERY_TIMEOUT_MS: "2000",
  DB_CONNECT_TIMEOUT_MS: "1000",
  SHUTDOWN_TIMEOUT_MS: "10000",
  LOGIN_MAX_PER_MINUTE: "10000",
  RATE_LIMIT_PER_MINUTE: "10000000",
};

export async function startApi(env: Record<string, string>, options: { port?: number; readyTimeoutMs?: number } = {}): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", SERVER], {
    env: { ...process.env, ...FAULT_ENV, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let running = true;
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  const api: ApiProcess = {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    exited,
    alive: () => running,
    output: () => out,
    logs(level) {
      const lines = [];
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          const parsed = JSON.parse(line) as { level?: number };
          if ((parsed.level ?? 0) >= level) lines.push(parsed as ReturnType<ApiProcess["logs"]>[number]);
        } catch {
          // A line cut by a kill -9.
        }
      }
      return lines;
    },
    kill(signal) {
      if (running) child.kill(signal);
    },
    async stop(timeoutMs = 20_000) {
      if (!running) return await exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (out.includes("est prête")) break;
    if (!running) throw new Error(`le serveur s'est arrêté avant d'être prêt :\n${out}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`le serveur n'est pas prêt après ${options.readyTimeoutMs ?? 60_000} ms :\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return api;
}

/** Opens a session and returns its cookie ("name=value"). */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(10_000),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (res.status !== 200 || !cookie) throw new Error(`connexion de ${email} impossible : ${res.status} ${await res.text()}`);
  return cookie;
}

/** Waits until `check` holds, polling every `everyMs`, at most `timeoutMs`; returns whether it held. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
