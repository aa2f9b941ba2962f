/**
 * The atelier director's home page in a real browser: returned reports at the
 * top with the territory's comment, the months of this year and last year with
 * their status and the truth about their deadline, the oldest report due as
 * the primary button and the current month, while it is not over, as a draft.
 * Atelier 79 (Niort) only: other browser tests use 86 and 87.
 */

import { addMonths, dayInFrench, dueDate, formatPeriod, isMonthOver, MONTHS_FR, type Period, parisDate } from "@enquete/domain";
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

  it("shows each month's status, due date and where it stands against it, in words that tell the truth", async () => {
    const today = parisDate();
    const validated = await monthCells(page, months.validated);
    expect(validated[0]).toBe("Validé");
    const dueMonth = addMonths(months.validated, 1);
    expect(validated[1]).toBe(`10 ${MONTHS_FR[dueMonth.month - 1]} ${dueMonth.year}`);
    // Submitted today, after its due date (the 10th of last month).
    expect(validated[2]).toBe(`Soumis en retard le ${dayInFrench(today)}`);

    const draft = await monthCells(page, months.draft);
    expect(draft[0]).toBe("Brouillon");
    expect(draft[2]).toBe(`En retard (dû le ${dayInFrench(dueDate(formatPeriod(months.draft)))})`);

    // Returned today: its first submission (today) was on time until the 10th; never "Dans les délais".
    const returned = await monthCells(page, months.returned);
    expect(returned[0]).toBe("Renvoyé");
    const due = dueDate(formatPeriod(months.returned));
    expect(returned[2]).toBe(
      today <= due
        ? `Renvoyé le ${dayInFrench(today)}, à rendre au plus tard le ${dayInFrench(due)} (soumis à temps le ${dayInFrench(today)})`
        : `Renvoyé le ${dayInFrench(today)} (soumis en retard le ${dayInFrench(today)})`,
    );

    const missing = await monthCells(page, months.missing);
    expect(missing[0]).toBe("Non commencé");
    expect(missing[2]).toBe(`En retard (dû le ${dayInFrench(dueDate(formatPeriod(months.missing)))})`);

    if (months.future) {
      const future = await monthCells(page, months.future);
      expect(future[0]).toBe("À venir");
      expect(future[2]).toBe("–Sans objet");
    }
    // Both years, twelve months each.
    for (const year of [now.year, now.year - 1]) {
      const rowHeaders = page.getByRole("table", { name: `Année ${year}` }).getByRole("rowheader");
      expect(await rowHeaders.count()).toBe(12);
    }
  });

  it("puts the oldest report due first, as the only primary button, never a month not over", async () => {
    // Nothing was ever sent for January of last year: the oldest month over and not sent.
    const oldest: Period = { year: now.year - 1, month: 1 };
    const buttons = page.locator("main a.fr-btn");
    const primary = page.locator("main a.fr-btn:not(.fr-btn--secondary)");
    expect(await primary.count()).toBe(1);
    expect(await primary.textContent()).toBe(`Commencer le rapport ${ofMonth(oldest)}`);
    expect(await primary.getAttribute("href")).toBe(reportPath(oldest));
    await page
      .getByText(`En retard (dû le ${dayInFrench(dueDate(formatPeriod(oldest)))})`)
      .first()
      .waitFor();
    // The current month, while it is not over, only as a secondary action to note its figures.
    const draft = page.getByRole("link", { name: `Noter les chiffres ${ofMonth(now).replace(/ \d{4}$/, "")} (brouillon)`, exact: true });
    if (isMonthOver(formatPeriod(now), parisDate())) {
      expect(await draft.count()).toBe(0);
    } else {
      expect(await draft.getAttribute("class")).toContain("fr-btn--secondary");
      expect(await draft.getAttribute("href")).toBe(reportPath(now));
      await page.getByText(/Le mois n'est pas terminé : vos saisies sont gardées en brouillon/).waitFor();
    }
    expect(await buttons.count()).toBeLessThanOrEqual(2);
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

  it("opens the oldest report due from the primary button", async () => {
    const oldest: Period = { year: now.year - 1, month: 1 };
    await page.locator("main a.fr-btn:not(.fr-btn--secondary)").click();
    await page.waitForURL(`${baseUrl}${reportPath(oldest)}`);
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(oldest)}` }).waitFor();
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
