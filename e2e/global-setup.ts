/**
 * Browser tests need Chromium from Debian and the platform running as a user
 * runs it. Where there is no Chromium, they are reported as not run, loudly,
 * unless REQUIRE_BROWSER=1 makes that a failure.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { freePort } from "../apps/api/src/db/embedded.ts";
// @ts-expect-error plain JavaScript helper shared with npm start
import { ensureWebBuilt } from "../scripts/web-build.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    chromiumPath: string | null;
    baseUrl: string;
  }
}

export const INSTALL_HINT = "sudo apt-get install -y chromium";

export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export default async function setup(project: TestProject) {
  const chromium = findChromium();
  project.provide("chromiumPath", chromium);
  project.provide("baseUrl", "");
  if (!chromium) {
    const banner = `\n${"!".repeat(78)}\n  TESTS NAVIGATEUR NON EXÉCUTÉS : Chromium est introuvable (CHROMIUM_PATH, /usr/bin/chromium).\n  Installez-le avec : ${INSTALL_HINT}\n${"!".repeat(78)}\n`;
    if (process.env.REQUIRE_BROWSER === "1") throw new Error(`REQUIRE_BROWSER=1 et Chromium est introuvable. ${INSTALL_HINT}`);
    process.stderr.write(banner);
    return;
  }
  ensureWebBuilt({ quiet: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-e2e-"));
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../apps/api/src/server.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: "development",
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO: "accounts",
        LOG_LEVEL: "warn",
        LOGIN_MAX_PER_MINUTE: "100",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!output.includes("est prête")) return;
      clearInterval(timer);
      resolve();
    }, 50);
    server.on("exit", () => {
      clearInterval(timer);
      reject(new Error(`Le serveur de test s'est arrêté :\n${output}`));
    });
  });
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  return async () => {
    const exited = new Promise((r) => server.on("exit", r));
    server.kill("SIGTERM");
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
}
