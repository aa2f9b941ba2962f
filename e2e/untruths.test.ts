/**
 * The small untruths the first users found, each with the test that would
 * have caught it: the tutelle's home showed links to late reports it may not
 * open; a refusal page offered a useless "Réessayer"; a date of the 1st read
 * "1 décembre"; on a 360 px phone the queue hid its "Examiner" column.
 * Bourgogne-Franche-Comté and its atelier 21 (Dijon): other browser tests use
 * other ateliers. The due day is set to the 1st for this file, and put back.
 */

import { formatPeriod, MONTHS_FR } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { buildValues } from "../apps/api/test/factories.ts";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, title } from "./support/months.ts";
import { reportAt, submitReport } from "./support/reports.ts";
import { newPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const ATELIER = "21";
const DIRECTOR = "atelier.21@canope.test";
const TERRITORY = "dt.bourgogne-franche-comte@canope.test";
const VIEWER = "tutelle@canope.test";
const NATIONAL = "dis@canope.test";
const DIJON = "Atelier Canopé 21 – Dijon";
const LAST_MONTH = monthsAgo(1);

/** What a refused or unknown page says, in the app's words (LoadError, RoleOnly, ScopeError, the 404 page). */
const DEAD_END = /Accès refusé|Accès réservé|Page réservée|Page non trouvée|Périmètre introuvable/;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let dueDayBefore = 10;

beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  const national = await apiSignIn(NATIONAL);
  dueDayBefore = ((await call(national, "GET", "/settings")) as { dueDay: number }).dueDay;
  // Every report is then due on the 1st of the next month: dates of the 1st on every atelier's home.
  await call(national, "PUT", "/settings/due-day", { dueDay: 1 });
  // One report waiting in the territory's queue; the other months of its ateliers are late.
  const state = (await call(await apiSignIn(DIRECTOR), "GET", reportAt(ATELIER, LAST_MONTH))) as { status: string };
  if (state.status !== "submitted") await submitReport(ATELIER, LAST_MONTH, buildValues());
});

afterAll(async () => {
  if (!chromiumPath) return;
  await call(await apiSignIn(NATIONAL), "PUT", "/settings/due-day", { dueDay: dueDayBefore });
  await browser?.close();
});

/** Signs in and waits for the home page's section of the role, and for everything on it to be loaded. */
async function home(page: Page, email: string, section: string) {
  await signIn(page, email);
  await page.getByRole("heading", { level: 2, name: section, exact: true }).waitFor();
  await expect.poll(() => page.locator("[aria-busy='true']").count(), { timeout: 20_000 }).toBe(0);
}

/** Every address inside the app that the page links to (header, content and footer), once each, the API's files aside. */
async function inAppLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator("a[href]").evaluateAll((links) =>
    links.map((a) => {
      const url = new URL((a as HTMLAnchorElement).href, window.location.href);
      return url.origin === window.location.origin ? `${url.pathname}${url.search}` : null;
    }),
  );
  return [...new Set(hrefs.filter((h): h is string => h !== null && !h.startsWith("/api/")))];
}

/**
 * Opens each address as the signed-in person would and lists those that lead
 * to a dead end: a refusal or "not found" on the page, or a call of the page
 * to the API answered 403, 404 or 5xx.
 */
async function deadEnds(page: Page, paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const refusedCalls: string[] = [];
    const listener = (response: { url(): string; status(): number }) => {
      // A refusal, an unknown resource, or a failure of the server: the page does not give what its link promised.
      if (response.url().includes("/api/") && (response.status() === 403 || response.status() === 404 || response.status() >= 500)) {
        refusedCalls.push(`${response.status()} ${new URL(response.url()).pathname}`);
      }
    };
    page.on("response", listener);
    await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
    const titled = await page
      .locator("main h1")
      .first()
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (!titled) found.push(`${path} : aucun titre de page (h1)`);
    await expect
      .poll(() => page.locator("[aria-busy='true'], main [role='status']:has-text('Chargement')").count(), { timeout: 20_000 })
      .toBe(0);
    page.off("response", listener);
    const headings = (await page.locator("h1, h2, h3, h4").allTextContents()).map((t) => t.trim());
    const deadHeading = headings.find((h) => DEAD_END.test(h));
    if (deadHeading) found.push(`${path} : « ${deadHeading} »`);
    if (refusedCalls.length > 0) found.push(`${path} : ${refusedCalls.join(", ")}`);
  }
  return found;
}

describe.skipIf(!chromiumPath)("nobody is shown a link they cannot open", () => {
  let page: Page;
  let problems: string[] = [];
  beforeEach(async () => {
    ({ page, problems } = await newPage(browser.context));
  });
  afterEach(async () => await page?.close());

  it("the tutelle's home lists the late reports without links to them, and every link on it opens", async () => {
    await home(page, VIEWER, "Réseau national (consultation)");
    const late = page.getByRole("table", { name: /^Rapports en retard/ });
    await late.waitFor();
    // The late reports are there, named, and none is a link: the tutelle reads indicators, not reports.
    expect(await late.getByRole("rowheader").count()).toBeGreaterThan(0);
    expect(await late.getByRole("link").count()).toBe(0);
    const links = await inAppLinks(page);
    expect(links.some((l) => l.startsWith("/ateliers/"))).toBe(false);
    expect(links).toContain("/tableau-de-bord");
    const violations = await seriousA11yViolations(page);
    expect(await deadEnds(page, links)).toEqual([]);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it("the territory's home: the queue and the late reports lead to reports it opens, and every other link too", async () => {
    await home(page, TERRITORY, "Bourgogne-Franche-Comté");
    const late = page.getByRole("table", { name: /^Rapports en retard/ });
    await late.waitFor();
    expect(await late.getByRole("link").count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: `Examiner le rapport – ${DIJON}, ${title(LAST_MONTH)}`, exact: true }).waitFor();
    const violations = await seriousA11yViolations(page);
    const links = await inAppLinks(page);
    expect(links).toContain(`/ateliers/${ATELIER}/rapports/${formatPeriod(LAST_MONTH)}`);
    expect(await deadEnds(page, links)).toEqual([]);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  }, 400_000);

  it("the atelier's home: every month and every other link opens", async () => {
    await home(page, DIRECTOR, DIJON);
    const links = await inAppLinks(page);
    expect(links.filter((l) => l.startsWith(`/ateliers/${ATELIER}/rapports/`)).length).toBeGreaterThan(1);
    expect(await deadEnds(page, links)).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);
});

describe.skipIf(!chromiumPath)("dates, refusals and the phone", () => {
  it("writes a due date of the 1st as French does: 1er, never 1 décembre", async () => {
    const { page } = await newPage(browser.context);
    await home(page, DIRECTOR, DIJON);
    const table = page.getByRole("table", { name: `Année ${LAST_MONTH.year}` });
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title(LAST_MONTH) }) });
    const due = LAST_MONTH.month === 12 ? { year: LAST_MONTH.year + 1, month: 1 } : { year: LAST_MONTH.year, month: LAST_MONTH.month + 1 };
    expect((await row.locator("td").nth(1).textContent())?.trim()).toBe(`1er ${MONTHS_FR[due.month - 1]} ${due.year}`);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text keeps table cells apart ("2026" then "1 décembre")
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/\b1er (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/);
    expect(text).not.toMatch(new RegExp(`(^|[^\\d])1 (${MONTHS_FR.join("|")})`));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it("a refused report offers the way home, not a useless Réessayer", async () => {
    const { page, problems } = await newPage(browser.context, /status of (401|403)/);
    await signIn(page, VIEWER, `/ateliers/${ATELIER}/rapports/${formatPeriod(LAST_MONTH)}`);
    await page.getByRole("heading", { name: "Accès refusé" }).waitFor();
    expect(await page.getByRole("button", { name: "Réessayer" }).count()).toBe(0);
    const home = page.getByRole("link", { name: "Retour à l'accueil" });
    expect(await home.getAttribute("href")).toBe("/");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await home.click();
    await page.getByRole("heading", { level: 2, name: "Réseau national (consultation)", exact: true }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it("an unknown atelier's report offers the way home too", async () => {
    const { page } = await newPage(browser.context, /status of (401|403|404)/);
    await signIn(page, TERRITORY, `/ateliers/ZZ/rapports/${formatPeriod(LAST_MONTH)}`);
    await page.getByRole("link", { name: "Retour à l'accueil" }).waitFor();
    expect(await page.getByRole("button", { name: "Réessayer" }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it("on a 360 px phone, the queue's link to examine each report is in view without scrolling sideways", async () => {
    await onPhone(chromiumPath as string, async (small) => {
      await home(small, TERRITORY, "Bourgogne-Franche-Comté");
      const queue = small.getByRole("table", { name: /^Rapports à examiner/ });
      const examine = queue.getByRole("link", { name: `Examiner le rapport – ${DIJON}, ${title(LAST_MONTH)}`, exact: true });
      await examine.waitFor();
      // Brought into view as a person scrolls down to it; had it been out of view sideways, this would
      // have scrolled the table, which the check of its scroll position below catches.
      await examine.evaluate((a) => a.scrollIntoView({ block: "center", inline: "nearest" }));
      expect(await queue.evaluate((t) => t.closest(".fr-table__container")?.scrollLeft ?? -1)).toBe(0);
      const box = await examine.boundingBox();
      expect(box).not.toBeNull();
      expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
      // What is at the centre of the link's first line is the link itself, not a column drawn over it.
      const hit = await examine.evaluate((a) => {
        const line = a.getClientRects()[0];
        if (!line) return null;
        const found = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
        return found?.closest("a")?.getAttribute("href") ?? null;
      });
      expect(hit).toBe(`/ateliers/${ATELIER}/rapports/${formatPeriod(LAST_MONTH)}`);
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    });
  }, 120_000);
});
