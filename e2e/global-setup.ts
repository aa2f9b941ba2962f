/**
 * Browser tests need Chromium from Debian and the platform running as a user
 * runs it. Where there is no Chromium, they are reported as not run, loudly,
 * unless REQUIRE_BROWSER=1 makes that a failure.
 */
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain JavaScript helper shared with npm start
import { ensureWebBuilt } from "../scripts/web-build.mjs";
import { startPlatform } from "./support/platform.ts";

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
  const platform = await startPlatform({ demo: "accounts", label: "Le serveur de test" });
  project.provide("baseUrl", platform.baseUrl);
  return platform.stop;
}
