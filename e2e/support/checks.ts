/** Checks every page goes through: axe (serious and critical only) and a 360 px phone. */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { launchBrowser } from "../browser.ts";

export async function seriousA11yViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** How far the page scrolls sideways: 0 or less when it fits. */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Runs on a page of a phone 360 px wide, closed afterwards. */
export async function onPhone<T>(chromiumPath: string, run: (page: Page) => Promise<T>): Promise<T> {
  const phone = await launchBrowser(chromiumPath, { width: 360, height: 740 });
  try {
    return await run(await phone.context.newPage());
  } finally {
    await phone.close();
  }
}
