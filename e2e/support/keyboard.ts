/** The keyboard alone, as a person who does not use a mouse works. */
import type { Page } from "playwright-core";

/** Presses Tab until the focused element's label or text matches, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "";
      const labels = (el as HTMLInputElement).labels;
      return labels && labels.length > 0 ? (labels[0]?.textContent ?? "") : (el.textContent ?? "");
    });
    if (name.test(focused.replace(/\s+/g, " ").trim())) return;
  }
  throw new Error(`Aucun élément « ${name} » atteint au clavier.`);
}
