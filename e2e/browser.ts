/** Debian's Chromium driven by playwright-core: never a downloaded browser. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export async function launchBrowser(executablePath: string, options: { width?: number; height?: number } = {}) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    locale: "fr-FR",
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
