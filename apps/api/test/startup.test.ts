/**
 * The server as a user starts it: a real process, its embedded PostgreSQL,
 * a clean stop on SIGTERM, a reuse of the same data at the next start.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { freePort } from "../src/db/embedded.ts";
import { prepareDatabase } from "../src/db/prepare.ts";
import { atelierLabels, users } from "../src/db/schema.ts";
import { createTestDatabase } from "./helpers.ts";

const SERVER = fileURLToPath(new URL("../src/server.ts", import.meta.url));
const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER], {
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "warn", WEB_DIST: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (stdout.includes("est prête")) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited: ${stderr}`));
    });
  });
  ready.catch(() => {}); // awaited only by the tests that expect a start
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

const stop = async (child: ChildProcess, exited: Promise<number | null>) => {
  child.kill("SIGTERM");
  return await exited;
};

describe("npm start", () => {
  it("starts an embedded PostgreSQL, seeds it, stops cleanly on SIGTERM, and reuses the data next time", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-start-"));
    cleanup.push(dataDir);
    const port = await freePort();
    const first = startServer({ DATA_DIR: dataDir, PORT: String(port), DEMO: "accounts" });
    await first.ready;
    expect(first.output().stdout).toContain("créé et démarré");
    expect(first.output().stdout).toContain("Comptes de démonstration créés");
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "dt.normandie@canope.test", password: "canope-demo" }),
    });
    expect(login.status).toBe(200);
    expect(await stop(first.child, first.exited)).toBe(0);
    expect(first.output().stdout).toContain("Arrêté proprement");

    const second = startServer({ DATA_DIR: dataDir, PORT: String(port), DEMO: "accounts" });
    await second.ready;
    expect(second.output().stdout).toMatch(/PostgreSQL embarqué démarré/);
    expect(second.output().stdout).not.toContain("Comptes de démonstration créés");
    expect(await stop(second.child, second.exited)).toBe(0);
  });

  it("says in one line that a DATABASE_URL does not answer, and exits non-zero", async () => {
    const port = await freePort();
    const s = startServer({ DATABASE_URL: `postgres://enquete:secret@127.0.0.1:${port}/enquete`, PORT: "0" });
    expect(await s.exited).toBe(1);
    const { stderr } = s.output();
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^Erreur : La base de données ne répond pas \(postgres:\/\/enquete:\*\*\*@127\.0\.0\.1/);
    expect(stderr).not.toContain("secret");
    expect(stderr).not.toMatch(/\s+at /);
  });

  it("refuses demo data in production and bad settings, in one French line", async () => {
    for (const [env, message] of [
      [{ NODE_ENV: "production", DEMO: "full", DATABASE_URL: "postgres://x@127.0.0.1:1/x" }, /DEMO est interdit/],
      [{ PORT: "quatre-mille" }, /PORT doit être un entier/],
      [{ DEMO: "peut-être" }, /DEMO doit valoir full, accounts ou off/],
    ] as const) {
      const s = startServer(env);
      expect(await s.exited).toBe(1);
      expect(s.output().stderr).toMatch(message);
    }
  });
});

describe("database preparation", () => {
  it("is idempotent and never creates demo accounts on a real DATABASE_URL without DEMO", async () => {
    const url = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: "production" });
    expect(config.demo).toBe("off");
    for (let i = 0; i < 2; i++) {
      const prepared = await prepareDatabase(config, () => {});
      const { db, pool } = createDb(prepared.url, { max: 1 });
      const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
      expect(n?.n).toBe(0);
      await pool.end();
      await prepared.close();
    }
  });

  it("seeds the demo: every account of section 8 and the contract's labellisation proportions", async () => {
    const url = await createTestDatabase();
    const prepared = await prepareDatabase(loadConfig({ DATABASE_URL: url, DEMO: "accounts" }), () => {});
    const { db, pool } = createDb(prepared.url, { max: 2 });
    try {
      const emails = (await db.select({ email: users.email }).from(users)).map((u) => u.email);
      expect(emails).toHaveLength(101 + 12 + 3);
      for (const e of [
        "atelier.86@canope.test",
        "atelier.2a@canope.test",
        "atelier.971@canope.test",
        "dt.normandie@canope.test",
        "dis@canope.test",
        "admin@canope.test",
        "tutelle@canope.test",
      ]) {
        expect(emails).toContain(e);
      }
      const labels = await db
        .select({ status: atelierLabels.status, n: sql<number>`count(*)::int` })
        .from(atelierLabels)
        .groupBy(atelierLabels.status);
      expect(Object.fromEntries(labels.map((l) => [l.status, l.n]))).toEqual({ labellise: 45, en_cours: 24, non_engage: 32 });
    } finally {
      await pool.end();
      await prepared.close();
    }
  });
});
