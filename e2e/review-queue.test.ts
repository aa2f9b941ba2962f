/**
 * The territorial director's review queue in a real browser: a month's
 * reports with what waits, the status filter kept in the address, validating
 * a selection after a DSFR confirmation, and the same with the keyboard only.
 * Normandie's ateliers 14, 27, 50 and 61, the two previous months only: other
 * browser tests use 86, 87 and 79, and the campaign test the month before.
 */

import { dueDate, formatPeriod, type Period, parisDate } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildValues } from "../apps/api/test/factories.ts";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, ofMonth, title } from "./support/months.ts";
import { reportAt, saveReport, submitReport } from "./support/reports.ts";
import { newPage, signIn as signInAs } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const TERRITORY = "dt.normandie@canope.test";
/** The queue's default month: its three reports are submitted, 61's is a draft, 76 has none. */
const LAST_MONTH = monthsAgo(1);
/** Before the 10th, last month's reports are not late yet. */
const LAST_MONTH_LATE = parisDate() > dueDate(formatPeriod(LAST_MONTH));
/** Reviewed with the keyboard only: 14 and 50 submitted. */
const TWO_AGO = monthsAgo(2);

async function statusOf(atelier: string, p: Period): Promise<string> {
  const territory = await apiSignIn(TERRITORY);
  const report = (await call(territory, "GET", reportAt(atelier, p))) as { status: string };
  return report.status;
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  for (const atelier of ["14", "27", "50"]) await submitReport(atelier, LAST_MONTH, buildValues());
  await saveReport("61", LAST_MONTH, { trainingActions: 2 });
  for (const atelier of ["14", "50"]) await submitReport(atelier, TWO_AGO, buildValues());
});
afterAll(async () => await browser?.close());

async function signIn(page: Page, path = "/") {
  await signInAs(page, TERRITORY, path);
  await page.getByRole("heading", { level: 3, name: "Rapports à examiner" }).waitFor();
}

const queueTable = (page: Page, p: Period) => page.getByRole("table", { name: new RegExp(`^Rapports ${ofMonth(p)}`) });

/** The text of each row of the queue: atelier, status, and so on. */
async function queueRows(page: Page, p: Period): Promise<string[]> {
  const table = queueTable(page, p);
  await table.waitFor();
  return (await table.locator("tbody tr").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
}

/** Presses Tab until the focused element's accessible text matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, max = 40): Promise<void> {
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

describe.skipIf(!chromiumPath)("the territorial director's review queue", () => {
  let page: Page;
  let problems: string[] = [];
  beforeAll(async () => {
    if (!chromiumPath) return;
    ({ page, problems } = await newPage(browser.context));
    await signIn(page);
  });

  it("shows the previous month by default, every atelier with its status, and what waits", async () => {
    expect(await page.getByLabel("Mois").inputValue()).toBe(formatPeriod(LAST_MONTH));
    await page.getByText(`${title(LAST_MONTH)} : 3 rapports à examiner`).waitFor();
    const rows = await queueRows(page, LAST_MONTH);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.includes("14 – Caen"))).toMatch(/Soumis.*Examiner/i);
    const lateness = LAST_MONTH_LATE ? "En retard" : "Attendu au plus tard";
    expect(rows.find((r) => r.includes("61 – Alençon"))).toMatch(new RegExp(`Brouillon.*${lateness}.*Voir`, "i"));
    expect(rows.find((r) => r.includes("76 – Rouen"))).toMatch(new RegExp(`Non commencé.*${lateness}`, "i"));
    const examine = page.getByRole("link", { name: "Examiner le rapport – Atelier Canopé 14 – Caen" });
    expect(await examine.getAttribute("href")).toBe(`/ateliers/14/rapports/${formatPeriod(LAST_MONTH)}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("filters by status, and keeps the filter in the address", async () => {
    await page.getByLabel("Statut").selectOption({ label: "Soumis (à examiner) (3)" });
    await page.waitForURL(/statut=soumis/);
    await expect.poll(async () => (await queueRows(page, LAST_MONTH)).length).toBe(3);
    await page.getByLabel("Statut").selectOption({ label: "Brouillons (1)" });
    await page.waitForURL(/statut=brouillon/);
    await expect.poll(async () => (await queueRows(page, LAST_MONTH)).length).toBe(1);
    const drafts = await queueRows(page, LAST_MONTH);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toContain("61 – Alençon");
    // A reload keeps it.
    await page.reload();
    expect(await queueRows(page, LAST_MONTH)).toHaveLength(1);
    await page.getByLabel("Statut").selectOption({ label: "Tous les statuts" });
    await expect.poll(async () => (await queueRows(page, LAST_MONTH)).length).toBe(5);
  });

  it("validates two selected reports after the confirmation", async () => {
    await page.getByRole("checkbox", { name: "Sélectionner Atelier Canopé 14 – Caen" }).check();
    await page.getByRole("checkbox", { name: "Sélectionner Atelier Canopé 27 – Évreux" }).check();
    await page.getByRole("button", { name: "Valider la sélection" }).click();
    const dialog = page.getByRole("dialog", { name: `Valider 2 rapports ${ofMonth(LAST_MONTH)} ?` });
    await dialog.waitFor();
    expect(await dialog.getByRole("listitem").filter({ hasText: "Atelier" }).allInnerTexts()).toEqual([
      "Atelier Canopé 14 – Caen",
      "Atelier Canopé 27 – Évreux",
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Valider 2 rapports" }).click();
    await page.getByText(`2 rapports validés ${ofMonth(LAST_MONTH)}`).waitFor();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`${title(LAST_MONTH)} : 1 rapport à examiner`).waitFor();
    expect(await statusOf("14", LAST_MONTH)).toBe("validated");
    expect(await statusOf("27", LAST_MONTH)).toBe("validated");
    expect(await statusOf("50", LAST_MONTH)).toBe("submitted");
    const rows = await queueRows(page, LAST_MONTH);
    expect(rows.find((r) => r.includes("27 – Évreux"))).toMatch(/Validé.*Voir/i);
  });

  it("cancels with Escape, giving the focus back to the button", async () => {
    await page.getByRole("checkbox", { name: "Sélectionner Atelier Canopé 50 – Saint-Lô" }).check();
    const open = page.getByRole("button", { name: "Valider la sélection" });
    await open.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Valider la sélection");
    expect(await statusOf("50", LAST_MONTH)).toBe("submitted");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works with the keyboard only: choose, confirm in the modal, read the result", async () => {
    const keyboard = await browser.context.newPage();
    await keyboard.goto(`${baseUrl}/?mois=${formatPeriod(TWO_AGO)}`);
    await keyboard.getByText(`${title(TWO_AGO)} : 2 rapports à examiner`).waitFor();
    await keyboard.getByLabel("Statut").focus();
    await tabTo(keyboard, /^Sélectionner Atelier Canopé 14 – Caen$/);
    await keyboard.keyboard.press("Space");
    await tabTo(keyboard, /^Sélectionner Atelier Canopé 50 – Saint-Lô$/);
    await keyboard.keyboard.press("Space");
    await tabTo(keyboard, /^Valider la sélection$/);
    await keyboard.keyboard.press("Enter");
    const dialog = keyboard.getByRole("dialog", { name: `Valider 2 rapports ${ofMonth(TWO_AGO)} ?` });
    await dialog.waitFor();
    // DSFR moves the focus into the modal and keeps it there.
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(keyboard, /^Valider 2 rapports$/, 6);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await keyboard.keyboard.press("Enter");
    await keyboard.getByText(`2 rapports validés ${ofMonth(TWO_AGO)}`).waitFor();
    // The result takes the focus: the button that opened the modal is disabled now.
    await expect
      .poll(() => keyboard.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain(`2 rapports validés ${ofMonth(TWO_AGO)}`);
    expect(await statusOf("14", TWO_AGO)).toBe("validated");
    expect(await statusOf("50", TWO_AGO)).toBe("validated");
    await keyboard.close();
  });

  it("works on a phone 360 px wide: the tables scroll, not the page", async () => {
    await onPhone(chromiumPath as string, async (small) => {
      await signIn(small);
      await queueTable(small, LAST_MONTH).waitFor();
      await small.getByRole("table", { name: /^Statut des rapports mensuels/ }).waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    });
  });
});
