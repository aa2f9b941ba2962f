/**
 * The atelier director's home page in a real browser: returned reports at the
 * top with the territory's comment, the months of this year and last year with
 * their status and lateness, and the button for this month's report.
 * Atelier 79 (Niort) only: other browser tests use 86 and 87.
 */

import { addMonths, formatPeriod, MONTHS_FR, type Period } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildValues } from "../apps/api/test/factories.ts";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, ofMonth, thisMonth, title } from "./support/months.ts";
import { returnReport, saveReport, submitReport, validateReport } from "./support/reports.ts";
import { newPage, signIn as signInAs } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const ATELIER = "79";
const DIRECTOR = "atelier.79@canope.test";
const TERRITORY = "dt.aquitaine-limousin-poitou-charentes@canope.test";
const COMMENT = "Les journées stagiaires hors les murs semblent élevées : merci de vérifier.";

const now = thisMonth();
const months = {
  current: now,
  returned: monthsAgo(1),
  validated: monthsAgo(2),
  draft: monthsAgo(3),
  missing: monthsAgo(4),
  // In December the next month belongs to a year the page does not show.
  future: now.month < 12 ? addMonths(now, 1) : null,
};

const reportPath = (p: Period) => `/ateliers/${ATELIER}/rapports/${formatPeriod(p)}`;

/** Last month returned with a comment, the month before validated, the one before a draft, the one before nothing. */
async function createReports() {
  for (const p of [months.returned, months.validated]) await submitReport(ATELIER, p, buildValues());
  await returnReport(TERRITORY, ATELIER, months.returned, COMMENT);
  await validateReport(TERRITORY, ATELIER, months.validated);
  await saveReport(ATELIER, months.draft, { trainingActions: 3 });
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  await createReports();
});
afterAll(async () => await browser?.close());

async function signIn(page: Page) {
  await signInAs(page, DIRECTOR);
  await page.getByRole("heading", { level: 3, name: "Rapports mensuels" }).waitFor();
}

/** The status, due date and lateness cells of a month's row, as read (not as CSS capitalises them). */
async function monthCells(page: Page, p: Period): Promise<string[]> {
  const table = page.getByRole("table", { name: `Année ${p.year}` });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title(p), exact: true }) });
  return (await row.locator("td").allTextContents()).map((t) => t.trim());
}

describe.skipIf(!chromiumPath)("the atelier director's home page", () => {
  let page: Page;
  let problems: string[] = [];
  beforeAll(async () => {
    if (!chromiumPath) return;
    ({ page, problems } = await newPage(browser.context));
    await signIn(page);
  });

  it("shows the returned report at the top with the territory's comment", async () => {
    const heading = page.getByRole("heading", { name: `Rapport ${ofMonth(months.returned)} renvoyé par la direction territoriale` });
    await heading.waitFor();
    await page.getByText(COMMENT).waitFor();
    // At the top: before the monthly reports' heading.
    const alertTop = (await heading.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const reportsTop = (await page.getByRole("heading", { name: "Rapports mensuels" }).boundingBox())?.y ?? 0;
    expect(alertTop).toBeLessThan(reportsTop);
  });

  it("shows each month's status, due date and lateness", async () => {
    const validated = await monthCells(page, months.validated);
    expect(validated[0]).toBe("Validé");
    const dueMonth = addMonths(months.validated, 1);
    expect(validated[1]).toBe(`10 ${MONTHS_FR[dueMonth.month - 1]} ${dueMonth.year}`);

    expect((await monthCells(page, months.draft))[0]).toBe("Brouillon");
    expect((await monthCells(page, months.returned))[0]).toBe("Renvoyé");

    const missing = await monthCells(page, months.missing);
    expect(missing[0]).toBe("Non commencé");
    expect(missing[2]).toBe("En retard");

    if (months.future) {
      const future = await monthCells(page, months.future);
      expect(future[0]).toBe("À venir");
      expect(future[2]).not.toContain("En retard");
    }
    // Both years, twelve months each.
    for (const year of [now.year, now.year - 1]) {
      const rowHeaders = page.getByRole("table", { name: `Année ${year}` }).getByRole("rowheader");
      expect(await rowHeaders.count()).toBe(12);
    }
  });

  it("has no serious accessibility problem", async () => {
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("leads from the returned report's alert to its page", async () => {
    await page.getByRole("link", { name: `Corriger le rapport ${ofMonth(months.returned)}` }).click();
    await page.waitForURL(`${baseUrl}${reportPath(months.returned)}`);
    await page.goBack();
    await page.getByRole("heading", { level: 3, name: "Rapports mensuels" }).waitFor();
  });

  it("starts the current month's report from its button", async () => {
    const start = page.getByRole("link", { name: `Commencer le rapport ${ofMonth(months.current)}`, exact: true });
    expect(await start.getAttribute("href")).toBe(reportPath(months.current));
    await start.click();
    await page.waitForURL(`${baseUrl}${reportPath(months.current)}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works on a phone 360 px wide: the tables scroll, not the page", async () => {
    await onPhone(chromiumPath as string, async (small) => {
      await signIn(small);
      await small.getByRole("table", { name: `Année ${now.year}` }).waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    });
  });
});
