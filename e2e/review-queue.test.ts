/**
 * The territorial director's review queue in a real browser: every report
 * waiting for review, all months together, oldest month first, with how many
 * wait in all; the month as a filter kept in the address; validating a
 * selection of several months after a DSFR confirmation, and the same with
 * the keyboard only. Normandie's ateliers 14, 27, 50 and 61, the two previous
 * months only: other browser tests use 86, 87 and 79, and the campaign test
 * the month before.
 */

import { formatPeriod, MONTHS_FR, type Period } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildValues } from "../apps/api/test/factories.ts";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { tabTo } from "./support/keyboard.ts";
import { monthsAgo, ofMonth, title } from "./support/months.ts";
import { reportAt, saveReport, submitReport } from "./support/reports.ts";
import { newPage, signIn as signInAs } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const TERRITORY = "dt.normandie@canope.test";
/** 14, 27 and 50 submitted, 61 a draft (not in the queue). */
const LAST_MONTH = monthsAgo(1);
/** 14 and 50 submitted: listed before last month's. */
const TWO_AGO = monthsAgo(2);
const MINE = ["14", "27", "50", "61"];

async function statusOf(atelier: string, p: Period): Promise<string> {
  const territory = await apiSignIn(TERRITORY);
  const report = (await call(territory, "GET", reportAt(atelier, p))) as { status: string };
  return report.status;
}

/** The queue as the API gives it to the territory (other browser tests may have reports waiting in Normandie too). */
async function apiQueue(): Promise<{ total: number; months: { period: string; count: number }[] }> {
  const territory = await apiSignIn(TERRITORY);
  return (await call(territory, "GET", "/review-queue?territory=normandie")) as {
    total: number;
    months: { period: string; count: number }[];
  };
}

/** "5 rapports à examiner, de septembre à novembre 2026", as the page says it. */
function summaryOf(queue: { total: number; months: { period: string }[] }): string {
  const name = (period: string, withYear: boolean) => {
    const m = MONTHS_FR[Number(period.slice(5, 7)) - 1] ?? "";
    return withYear ? `${m} ${period.slice(0, 4)}` : m;
  };
  const of = (text: string) => (/^[aeiou]/.test(text) ? `d'${text}` : `de ${text}`);
  const first = queue.months[0]?.period ?? "";
  const last = queue.months.at(-1)?.period ?? "";
  const what = `${queue.total} rapport${queue.total > 1 ? "s" : ""} à examiner`;
  if (first === last) return `${what}, ${of(name(first, true))}`;
  return `${what}, ${of(name(first, first.slice(0, 4) !== last.slice(0, 4)))} à ${name(last, true)}`;
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  for (const atelier of ["14", "50"]) await submitReport(atelier, TWO_AGO, buildValues());
  for (const atelier of ["14", "27", "50"]) await submitReport(atelier, LAST_MONTH, buildValues());
  await saveReport("61", LAST_MONTH, { trainingActions: 2 });
});
afterAll(async () => await browser?.close());

async function signIn(page: Page, path = "/") {
  await signInAs(page, TERRITORY, path);
  await page.getByRole("heading", { level: 3, name: "Rapports à examiner" }).waitFor();
}

const queueTable = (page: Page) => page.getByRole("table", { name: /^Rapports à examiner/ });

/** "Mois · atelier" of each row of the queue for the ateliers of this test, in the order shown. */
async function queueRows(page: Page): Promise<string[]> {
  const table = queueTable(page);
  await table.waitFor();
  // The cells as seen on screen: the texts only screen readers get are left out.
  const rows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll("td, th")].map((c) => {
        const seen = c.cloneNode(true) as Element;
        for (const hidden of seen.querySelectorAll(".fr-sr-only")) hidden.remove();
        return (seen.textContent ?? "").replace(/\s+/g, " ").trim();
      }),
    ),
  );
  // Columns: selection, atelier (the link to examine), month, submitted on, timeliness.
  return rows.map((cells) => `${cells[2]} · ${cells[1]}`).filter((r) => MINE.some((code) => r.includes(`Canopé ${code} –`)));
}

const row = (p: Period, atelier: string) => `${title(p)} · ${atelier}`;
const CAEN = "Atelier Canopé 14 – Caen";
const EVREUX = "Atelier Canopé 27 – Évreux";
const SAINT_LO = "Atelier Canopé 50 – Saint-Lô";

describe.skipIf(!chromiumPath)("the territorial director's review queue", () => {
  let page: Page;
  let problems: string[] = [];
  beforeAll(async () => {
    if (!chromiumPath) return;
    ({ page, problems } = await newPage(browser.context));
    await signIn(page);
  });

  it("lists every report waiting, all months together, oldest month first, and says how many wait in all", async () => {
    const queue = await apiQueue();
    expect(queue.months.map((m) => m.period)).toEqual(expect.arrayContaining([formatPeriod(TWO_AGO), formatPeriod(LAST_MONTH)]));
    await page.getByText(summaryOf(queue), { exact: true }).waitFor();
    expect(await page.getByLabel("Mois").inputValue()).toBe("");
    expect(await queueRows(page)).toEqual([
      row(TWO_AGO, CAEN),
      row(TWO_AGO, SAINT_LO),
      row(LAST_MONTH, CAEN),
      row(LAST_MONTH, EVREUX),
      row(LAST_MONTH, SAINT_LO),
    ]);
    // The draft of 61 does not wait for review.
    expect(await queueTable(page).getByText("61 – Alençon").count()).toBe(0);
    // The atelier's name is the link that opens the report to examine it.
    const examine = page.getByRole("link", { name: `Examiner le rapport – ${CAEN}, ${title(TWO_AGO)}`, exact: true });
    expect(await examine.getAttribute("href")).toBe(`/ateliers/14/rapports/${formatPeriod(TWO_AGO)}`);
    // Each row says where it stands against its deadline, in the words of the home and the report.
    const caen = queueTable(page)
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: CAEN }) })
      .first();
    expect(await caen.textContent()).toMatch(/Soumis (à temps|en retard) le \d/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("filters by month, keeps the month in the address, and comes back to all", async () => {
    const queue = await apiQueue();
    const lastCount = queue.months.find((m) => m.period === formatPeriod(LAST_MONTH))?.count;
    await page.getByLabel("Mois").selectOption({ label: `${title(LAST_MONTH)} (${lastCount})` });
    await page.waitForURL(new RegExp(`mois=${formatPeriod(LAST_MONTH)}`));
    await expect
      .poll(async () => await queueRows(page))
      .toEqual([row(LAST_MONTH, CAEN), row(LAST_MONTH, EVREUX), row(LAST_MONTH, SAINT_LO)]);
    // The total still counts every month.
    await page.getByText(summaryOf(queue), { exact: true }).waitFor();
    await page.reload();
    expect(await queueRows(page)).toEqual([row(LAST_MONTH, CAEN), row(LAST_MONTH, EVREUX), row(LAST_MONTH, SAINT_LO)]);
    await page.getByLabel("Mois").selectOption({ label: `Tous les mois (${queue.total})` });
    await expect.poll(async () => (await queueRows(page)).length).toBe(5);
  });

  it("validates a selection of two months after the confirmation", async () => {
    const before = await apiQueue();
    await page.getByRole("checkbox", { name: `Sélectionner ${CAEN}, ${title(TWO_AGO)}` }).check();
    await page.getByRole("checkbox", { name: `Sélectionner ${EVREUX}, ${title(LAST_MONTH)}` }).check();
    await page.getByRole("button", { name: "Valider la sélection" }).click();
    const dialog = page.getByRole("dialog", { name: "Valider 2 rapports ?" });
    await dialog.waitFor();
    expect(await dialog.getByRole("listitem").filter({ hasText: "Atelier" }).allInnerTexts()).toEqual([
      `${CAEN}, ${title(TWO_AGO)}`,
      `${EVREUX}, ${title(LAST_MONTH)}`,
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Valider 2 rapports" }).click();
    await page.getByRole("heading", { name: "2 rapports validés", exact: true }).waitFor();
    await dialog.waitFor({ state: "hidden" });
    expect(await statusOf("14", TWO_AGO)).toBe("validated");
    expect(await statusOf("27", LAST_MONTH)).toBe("validated");
    expect(await statusOf("14", LAST_MONTH)).toBe("submitted");
    const after = await apiQueue();
    expect(after.total).toBe(before.total - 2);
    await page.getByText(summaryOf(after), { exact: true }).waitFor();
    await expect
      .poll(async () => await queueRows(page))
      .toEqual([row(TWO_AGO, SAINT_LO), row(LAST_MONTH, CAEN), row(LAST_MONTH, SAINT_LO)]);
  });

  it("cancels with Escape, giving the focus back to the button", async () => {
    await page.getByRole("checkbox", { name: `Sélectionner ${SAINT_LO}, ${title(LAST_MONTH)}` }).check();
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
    await queueTable(keyboard).waitFor();
    expect(await queueRows(keyboard)).toEqual([row(TWO_AGO, SAINT_LO)]);
    await keyboard.getByLabel("Mois").focus();
    await tabTo(keyboard, new RegExp(`^Sélectionner ${SAINT_LO}, ${title(TWO_AGO)}$`));
    await keyboard.keyboard.press("Space");
    await tabTo(keyboard, /^Valider la sélection$/);
    await keyboard.keyboard.press("Enter");
    const dialog = keyboard.getByRole("dialog", { name: `Valider 1 rapport ${ofMonth(TWO_AGO)} ?` });
    await dialog.waitFor();
    // DSFR moves the focus into the modal and keeps it there.
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(keyboard, /^Valider 1 rapport$/, 6);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await keyboard.keyboard.press("Enter");
    await keyboard.getByText(`1 rapport validé ${ofMonth(TWO_AGO)}`).waitFor();
    // The result takes the focus: the button that opened the modal is disabled now.
    await expect
      .poll(() => keyboard.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain(`1 rapport validé ${ofMonth(TWO_AGO)}`);
    expect(await statusOf("50", TWO_AGO)).toBe("validated");
    await keyboard.close();
  });

  it("works on a phone 360 px wide: the tables scroll, not the page, and each report's examine link is in view", async () => {
    await onPhone(chromiumPath as string, async (small) => {
      await signIn(small);
      await queueTable(small).waitFor();
      await small.getByRole("table", { name: /^Statut des rapports mensuels/ }).waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
      const links = queueTable(small).getByRole("link", { name: /^Examiner le rapport – / });
      expect(await links.count()).toBeGreaterThan(0);
      for (const link of await links.all()) {
        const box = await link.boundingBox();
        expect(box).not.toBeNull();
        // Inside the 360 px screen, with the table not scrolled sideways.
        expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
      }
      expect(await queueTable(small).evaluate((t) => t.closest(".fr-table__container")?.scrollLeft ?? 0)).toBe(0);
    });
  });
});
