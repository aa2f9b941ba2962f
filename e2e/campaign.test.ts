/**
 * The campaign follow-up in a real browser: the national grid with its status
 * texts (not colour alone), the rates and the late reports; the same grid
 * limited to Normandie for its territorial director; the national settings.
 * Normandie's ateliers 27 and 76, three months ago only: other browser tests
 * use 86, 87, 79 and Normandie's two previous months.
 */

import { formatPeriod, type Period } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildValues } from "../apps/api/test/factories.ts";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, ofMonth, thisMonth } from "./support/months.ts";
import { submitReport, validateReport } from "./support/reports.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");

const NATIONAL = "dis@canope.test";
const TERRITORY = "dt.normandie@canope.test";
const now = thisMonth();
/** 27 submits and is validated that month (after its due date: late, but validated); 76 never reports. */
const MONTH = monthsAgo(3);
const YEAR = MONTH.year;
/** Months over in the grid's year: each atelier is expected to have reported for them. */
const FINISHED_MONTHS = YEAR === now.year ? now.month - 1 : 12;

/** The due day is shared by every browser test: it goes back to 10 whatever happens here. */
async function resetDueDay() {
  const national = await apiSignIn(NATIONAL);
  await call(national, "PUT", "/settings/due-day", { dueDay: 10 });
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  await submitReport("27", MONTH, buildValues());
  await validateReport(TERRITORY, "27", MONTH);
});
afterAll(async () => {
  if (chromiumPath) await resetDueDay();
  await browser?.close();
});

/** The network's grid (1,212 cells) goes through two accessibility engines: more than a test's usual minute on a busy machine. */
const NETWORK_GRID_TIMEOUT = 120_000;

// A 422 is the due day refused on purpose.
const newPage = () => freshPage(browser.context, /status of (401|422)/);

const grid = (page: Page) => page.getByRole("table", { name: `Statut des rapports mensuels ${YEAR}, par atelier et par mois` });

/** A cell of the grid: what is seen (the short text) and what is read (the full status). */
async function gridCell(page: Page, atelierName: string, p: Period) {
  const row = grid(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: atelierName, exact: true }) });
  const cell = row.getByRole("cell").nth(p.month - 1);
  return {
    seen: (await cell.locator("[aria-hidden=true]").first().textContent())?.trim(),
    read: (await cell.locator(".fr-sr-only").textContent())?.trim(),
  };
}

async function overflowAt360(email: string, path: string, ready: (page: Page) => Promise<unknown>): Promise<number> {
  return await onPhone(chromiumPath as string, async (small) => {
    await signIn(small, email, path);
    await ready(small);
    return await horizontalOverflow(small);
  });
}

describe.skipIf(!chromiumPath)("the campaign follow-up", () => {
  it(
    "shows the national team the grid with text in each cell, the national rates and the late reports",
    async () => {
      const { page, problems } = await newPage();
      await signIn(page, NATIONAL, `/?annee=${YEAR}`);
      await grid(page).waitFor();

      // Twelve territories, 101 ateliers, twelve months (after the territory and atelier columns).
      expect(await grid(page).locator("th[scope=rowgroup]").count()).toBe(12);
      expect(await grid(page).locator("tbody th[scope=row]").count()).toBe(101);
      expect(await grid(page).locator("thead th").count()).toBe(14);

      expect(await gridCell(page, "Atelier Canopé 27 – Évreux", MONTH)).toEqual({ seen: "V", read: "Validé, en retard" });
      expect(await gridCell(page, "Atelier Canopé 76 – Rouen", MONTH)).toEqual({ seen: "–", read: "Non commencé, en retard" });
      await page.getByText("Légende du tableau").waitFor();

      const rates = page.getByRole("table", { name: `Taux de réponse ${YEAR} (mois terminés)` });
      const nation = rates.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Réseau national" }) });
      const nationCells = (await nation.getByRole("cell").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
      expect(nationCells[0]?.replace(/\D/g, "")).toBe(String(101 * FINISHED_MONTHS));
      for (const share of nationCells.slice(1)) expect(share).toMatch(/^\d+ % \(\d+\)$/);
      expect(await rates.getByRole("rowheader").count()).toBe(13);

      expect(await seriousA11yViolations(page)).toEqual([]);

      // 76 has never reported: its month is listed late, a link to the report page (after the first ones).
      const late = page.getByRole("table", { name: new RegExp(`^Rapports en retard ${YEAR}`) });
      await late.waitFor();
      const more = page.getByRole("button", { name: /^Afficher les .* en retard$/ });
      if (await more.isVisible()) await more.click();
      const link = late.getByRole("link", { name: `Atelier Canopé 76 – Rouen – rapport ${ofMonth(MONTH)}` });
      expect(await link.getAttribute("href")).toBe(`/ateliers/76/rapports/${formatPeriod(MONTH)}`);
      expect(await late.getByRole("link", { name: `Atelier Canopé 27 – Évreux – rapport ${ofMonth(MONTH)}` }).count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    },
    NETWORK_GRID_TIMEOUT,
  );

  it("shows a territorial director only their territory, without the settings", async () => {
    const { page, problems } = await newPage();
    await signIn(page, TERRITORY, `/?annee=${YEAR}`);
    await grid(page).waitFor();
    expect(await grid(page).locator("th[scope=rowgroup]").allInnerTexts()).toEqual(["Normandie"]);
    expect(await grid(page).locator("tbody th[scope=row]").count()).toBe(5);
    expect(await gridCell(page, "Atelier Canopé 27 – Évreux", MONTH)).toEqual({ seen: "V", read: "Validé, en retard" });
    const rates = page.getByRole("table", { name: `Taux de réponse ${YEAR} (mois terminés)` });
    expect(await rates.getByRole("rowheader").allInnerTexts()).toEqual(["Normandie"]);
    const late = page.getByRole("table", { name: new RegExp(`^Rapports en retard ${YEAR}`) });
    expect(await late.getByRole("link", { name: /^Atelier Canopé (14|27|50|61|76) – / }).count()).toBe(
      await late.getByRole("link").count(),
    );
    expect(await page.getByRole("link", { name: /Paramètres de la campagne/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works on a phone 360 px wide: the grid scrolls, not the page", async () => {
    expect(await overflowAt360(NATIONAL, `/?annee=${YEAR}`, (p) => grid(p).waitFor())).toBeLessThanOrEqual(0);
  });

  it("lets the national team change the due day, with the API's French error at the field", async () => {
    const { page, problems } = await newPage();
    await signIn(page, NATIONAL);
    await page.getByRole("link", { name: /Paramètres de la campagne/ }).click();
    await page.waitForURL(/\/parametres$/);
    const field = page.getByRole("spinbutton", { name: /Jour d'échéance/ });
    expect(await field.inputValue()).toBe("10");
    const save = page.getByRole("button", { name: "Enregistrer le jour d'échéance" });

    await field.fill("31");
    await save.click();
    const error = page.getByText("Saisissez un jour entre 1 et 28 (tous les mois en ont 28).");
    await error.waitFor();
    // At the field: described by it, and focused so that it is heard.
    expect((await field.getAttribute("aria-describedby"))?.split(" ")).toContain(await error.getAttribute("id"));
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await field.fill("12");
    await save.click();
    await page.getByText("Enregistré : les rapports sont maintenant dus le 12 du mois suivant.").waitFor();
    const national = await apiSignIn(NATIONAL);
    expect(((await call(national, "GET", "/settings")) as { dueDay: number }).dueDay).toBe(12);

    await field.fill("10");
    await save.click();
    await page.getByText("Enregistré : les rapports sont maintenant dus le 10 du mois suivant.").waitFor();
    expect(((await call(national, "GET", "/settings")) as { dueDay: number }).dueDay).toBe(10);

    // Closing a year is asked for in a modal; cancelled here: a closed year would freeze other tests' reports.
    await page.getByRole("button", { name: `Clore l'année ${now.year - 1}` }).click();
    const dialog = page.getByRole("dialog", { name: `Clore l'année ${now.year - 1} ?` });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Annuler" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(((await call(national, "GET", "/settings")) as { closedYears: number[] }).closedYears).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the settings page usable at 360 px", async () => {
    expect(
      await overflowAt360(NATIONAL, "/parametres", (p) => p.getByRole("spinbutton", { name: /Jour d'échéance/ }).waitFor()),
    ).toBeLessThanOrEqual(0);
  });
});
