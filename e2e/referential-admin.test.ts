/**
 * The dated referential in a real browser: an administrator moves atelier 28
 * (Eure-et-Loir, Centre-Val de Loire) to Normandie from a month that has
 * submitted reports, with the keyboard alone. Then Normandie's director
 * reviews its later reports, Centre-Val de Loire's still reads the earlier
 * ones and no longer the later ones, and the national dashboard's
 * territories still add up to the nation. On a platform of its own, with the
 * full demo: the move would change two territories for the other tests.
 */

import { addMonths, formatPeriod, type Period } from "@enquete/domain";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildValues } from "../apps/api/test/factories.ts";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { tabTo } from "./support/keyboard.ts";
import { monthsAgo, ofMonth, thisMonth, title } from "./support/months.ts";
import { apiCall, apiOk, ensureSubmitted, type Platform, signInApi, signInPage, startPlatform } from "./support/referential.ts";
import { watchProblems } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");

const ADMIN = "admin@canope.test";
const NORMANDIE = "dt.normandie@canope.test";
const CENTRE = "dt.centre-val-de-loire@canope.test";
const NATIONAL = "dis@canope.test";
const ATELIER = "Atelier Canopé 28 – Chartres";

/** The move takes effect three months ago: its month and the next are over and reported. */
const FROM = monthsAgo(3);
const BEFORE = addMonths(FROM, -1);
/** Submitted and waiting for Normandie's review after the move. */
const LAST_MONTH = monthsAgo(1);
const p = (x: Period) => formatPeriod(x);
/** The years the move touches. */
const YEARS = [...new Set([FROM.year, thisMonth().year])];

type Group = {
  key: string;
  completeness: Record<string, number>;
  indicators: { code: string; value: number | null; numerator?: number; denominator?: number }[];
};
type Indicators = Group & {
  distanceLearning?: { moocTraineeDays: number; magistereTraineeDays: number };
  breakdown: { groups: Group[] };
};

let platform: Platform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
/** The national dashboard of each year and basis, before the move. */
const before = new Map<string, Indicators>();
let expectedMoved = 0;

async function dashboard(year: number, basis: "official" | "provisional"): Promise<Indicators> {
  const national = await signInApi(platform.baseUrl, NATIONAL);
  return (await apiOk(
    platform.baseUrl,
    national,
    "GET",
    `/indicators?scope=national&year=${year}&basis=${basis}&breakdown=territory`,
  )) as Indicators;
}

const sum = (xs: readonly (number | null | undefined)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);

/** Every indicator and every count of the territorial breakdown adds up to the nation's (1-1's FOAD days are national only). */
function expectTerritoriesAddUp(d: Indicators) {
  const foad = (d.distanceLearning?.moocTraineeDays ?? 0) + (d.distanceLearning?.magistereTraineeDays ?? 0);
  for (const count of ["expected", "submitted", "validated", "included"]) {
    expect(sum(d.breakdown.groups.map((g) => g.completeness[count])), count).toBe(d.completeness[count]);
  }
  for (const national of d.indicators) {
    const parts = d.breakdown.groups.map((g) => g.indicators.find((i) => i.code === national.code));
    if (national.denominator !== undefined) {
      expect(sum(parts.map((x) => x?.numerator)), `${national.code} numérateur`).toBeCloseTo(national.numerator ?? 0, 6);
      expect(sum(parts.map((x) => x?.denominator)), `${national.code} dénominateur`).toBeCloseTo(national.denominator, 6);
    } else {
      const extra = national.code === "1-1" ? foad : 0;
      expect(sum(parts.map((x) => x?.value)) + extra, national.code).toBeCloseTo(national.value ?? 0, 6);
    }
  }
}

const groupOf = (d: Indicators, key: string) => d.breakdown.groups.find((g) => g.key === key);
const figureOf = (g: Group | undefined, code: string) => g?.indicators.find((i) => i.code === code)?.value ?? null;

beforeAll(async () => {
  if (!chromiumPath) return;
  platform = await startPlatform();
  browser = await launchBrowser(chromiumPath);
  await ensureSubmitted(platform.baseUrl, "28", p(LAST_MONTH), buildValues());
  const admin = await signInApi(platform.baseUrl, ADMIN);
  // Every report of 28 from the move's month on follows it (none is in a closed year here).
  for (let m = FROM; p(m) <= p(thisMonth()); m = addMonths(m, 1)) {
    const report = (await apiOk(platform.baseUrl, admin, "GET", `/reports/28/${p(m)}`).catch(() => null)) as { version: number } | null;
    if (report && report.version > 0) expectedMoved++;
  }
  for (const year of YEARS)
    for (const basis of ["official", "provisional"] as const) before.set(`${year}-${basis}`, await dashboard(year, basis));
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function freshPage(): Promise<{ page: Page; problems: string[] }> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  return { page, problems: watchProblems(page) };
}

/** The text of each cell of a row, header cell included. */
const cells = async (row: Locator) => (await row.locator("th, td").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());

describe.skipIf(!chromiumPath)("the dated referential, and the move of atelier 28", () => {
  it("lists the ateliers with their territory today, and finds 28 by its city", async () => {
    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/referentiel");
    await page.getByRole("heading", { level: 1, name: "Référentiel : ateliers et directions territoriales" }).waitFor();
    await page.getByText("101 ateliers au référentiel.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("Rechercher un atelier").fill("chartres");
    await page.getByText("1 atelier sur 101 correspond à la recherche.").waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: ATELIER }) });
    expect((await cells(row)).slice(0, 4)).toEqual([ATELIER, "Chartres", "Centre-Val de Loire", "Ouvert"]);
    await page.getByRole("link", { name: ATELIER }).click();
    await page.waitForURL(/\/administration\/referentiel\/ateliers\/28$/);
    await page.getByRole("heading", { level: 1, name: ATELIER }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("moves 28 to Normandie from a month, with the keyboard alone, and says how many reports followed", async () => {
    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/referentiel/ateliers/28");
    await page.getByRole("heading", { level: 1, name: ATELIER }).waitFor();
    await page.getByLabel("Nouvelle direction territoriale", { exact: true }).focus();
    await page.keyboard.type("Normandie");
    await page.keyboard.press("Tab");
    await page.keyboard.type(title(FROM).split(" ")[0]?.toLowerCase() ?? "");
    await page.keyboard.press("Tab");
    await page.keyboard.type(String(FROM.year));
    await tabTo(page, /^Rattacher l'atelier…$/, 4);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Rattacher l'atelier 28 à Normandie ?" });
    await dialog.waitFor();
    const said = ((await dialog.textContent()) ?? "").replace(/\s+/g, " ");
    expect(said).toContain(`Ses rapports ${ofMonth(FROM)} et des mois suivants, hors années closes, suivront`);
    expect(said).toContain("(et non plus à Centre-Val de Loire)");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(page, /^Confirmer le rattachement$/, 6);
    await page.keyboard.press("Enter");
    const notice = page.getByText(`L'atelier est rattaché à Normandie à partir ${ofMonth(FROM)} :`);
    await notice.waitFor();
    expect(expectedMoved).toBeGreaterThan(0);
    expect(await notice.textContent()).toContain(`${expectedMoved} rapports l'ont suivi.`);
    // The notice has the focus: the keyboard goes on from what happened.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("rattaché à Normandie");

    // Its dated territories: Centre-Val de Loire up to the month before, Normandie from then on.
    const memberships = page.getByRole("table", { name: /^Rattachements de l'atelier/ }).locator("tbody tr");
    // The history is loaded again after the move: its new rattachement arrives with it.
    await expect.poll(() => memberships.count()).toBeGreaterThanOrEqual(2);
    const last = await memberships.count();
    const centre = await cells(memberships.nth(last - 2));
    expect([centre[0], centre[2]]).toEqual(["Centre-Val de Loire", title(BEFORE).toLowerCase()]);
    expect(await cells(memberships.nth(last - 1))).toEqual(["Normandie", title(FROM).toLowerCase(), "en cours"]);
    await page
      .getByRole("table", { name: /^Modifications de cet atelier/ })
      .getByText("Administration de la plateforme")
      .first()
      .waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("gives Normandie's director the later reports to review, with the move in their history", async () => {
    const director = await signInApi(platform.baseUrl, NORMANDIE);
    const listed = (await apiOk(platform.baseUrl, director, "GET", `/reports?period=${p(LAST_MONTH)}`)) as { atelierCode: string }[];
    expect(listed.map((r) => r.atelierCode)).toContain("28");
    expect((await apiCall(platform.baseUrl, director, "GET", `/reports/28/${p(FROM)}`)).status).toBe(200);
    expect((await apiCall(platform.baseUrl, director, "GET", `/reports/28/${p(BEFORE)}`)).status).toBeGreaterThanOrEqual(403);

    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, NORMANDIE);
    // The queue: 28's submitted report of last month waits there, and opens.
    const open = page.locator(`a[href="/ateliers/28/rapports/${p(LAST_MONTH)}"]`).first();
    await open.waitFor();
    await open.click();
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(LAST_MONTH)}` }).waitFor();
    await page
      .getByRole("button", { name: /^Valider/ })
      .first()
      .waitFor();
    await page.getByRole("button", { name: "Historique des modifications" }).click();
    await page
      .getByText(/^Rattaché à la direction territoriale Normandie/)
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("leaves Centre-Val de Loire's director the earlier reports, and no longer the later ones", async () => {
    const director = await signInApi(platform.baseUrl, CENTRE);
    expect((await apiCall(platform.baseUrl, director, "GET", `/reports/28/${p(BEFORE)}`)).status).toBe(200);
    expect((await apiCall(platform.baseUrl, director, "GET", `/reports/28/${p(FROM)}`)).status).toBeGreaterThanOrEqual(403);
    expect((await apiCall(platform.baseUrl, director, "GET", `/reports/28/${p(LAST_MONTH)}`)).status).toBeGreaterThanOrEqual(403);
    const earlier = (await apiOk(platform.baseUrl, director, "GET", `/reports?period=${p(BEFORE)}`)) as { atelierCode: string }[];
    expect(earlier.map((r) => r.atelierCode)).toContain("28");
    const later = (await apiOk(platform.baseUrl, director, "GET", `/reports?period=${p(LAST_MONTH)}`)) as { atelierCode: string }[];
    expect(later.map((r) => r.atelierCode)).not.toContain("28");

    const { page } = await freshPage();
    await signInPage(page, platform.baseUrl, CENTRE, `/ateliers/28/rapports/${p(BEFORE)}`);
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(BEFORE)}` }).waitFor();
    await page.getByRole("button", { name: "Historique des modifications" }).waitFor();
    await page.goto(`${platform.baseUrl}/ateliers/28/rapports/${p(LAST_MONTH)}`);
    await page.getByRole("heading", { name: "Accès refusé" }).waitFor();
    // Refused: nothing of the report on the page, neither its figures nor its history.
    expect(await page.getByRole("button", { name: "Historique des modifications" }).count()).toBe(0);
    await page.close();
  });

  it("keeps the national dashboard's territories adding up to the nation, the nation unchanged", async () => {
    const lines: string[] = [];
    for (const year of YEARS) {
      for (const basis of ["official", "provisional"] as const) {
        const was = before.get(`${year}-${basis}`) as Indicators;
        const now = await dashboard(year, basis);
        expectTerritoriesAddUp(was);
        expectTerritoriesAddUp(now);
        for (const i of now.indicators) {
          expect(i.value, `${year} ${basis} ${i.code}`).toBe(was.indicators.find((x) => x.code === i.code)?.value);
        }
        expect(now.completeness).toEqual(was.completeness);
        for (const code of ["1-1", "3-4", "4-1-1"]) {
          const fig = (d: Indicators, key: string) => figureOf(groupOf(d, key), code);
          lines.push(
            `${year} ${basis} ${code} : Centre-Val de Loire ${fig(was, "centre-val-de-loire")} → ${fig(now, "centre-val-de-loire")}, Normandie ${fig(was, "normandie")} → ${fig(now, "normandie")}, national ${was.indicators.find((x) => x.code === code)?.value} → ${now.indicators.find((x) => x.code === code)?.value}`,
          );
        }
      }
    }
    // The figures of both territories and the nation, before and after (for the note).
    process.stdout.write(`\nDéplacement de l'atelier 28 à partir ${ofMonth(FROM)} :\n${lines.join("\n")}\n`);

    // The same breakdown on the dashboard the national team reads.
    const { page } = await freshPage();
    await signInPage(page, platform.baseUrl, NATIONAL, `/tableau-de-bord?annee=${FROM.year}`);
    const normandie = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "Normandie", exact: true }) })
      .first();
    await normandie.waitFor();
    const official = groupOf((await dashboard(FROM.year, "official")) as Indicators, "normandie");
    const sessions = figureOf(official, "3-4");
    if (sessions !== null)
      expect(((await normandie.getByRole("cell").nth(4).textContent()) ?? "").replace(/\D/g, "")).toBe(String(sessions));
    await page.close();
  });

  it("refuses to close 28 from a month with submitted reports, and says why in the confirmation", async () => {
    const { page } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/referentiel/ateliers/28");
    await page.getByRole("heading", { level: 1, name: ATELIER }).waitFor();
    const closing = page.getByRole("group", { name: /^Premier mois fermé/ });
    await closing.getByLabel("Mois").selectOption(String(FROM.month).padStart(2, "0"));
    await closing.getByLabel("Année").selectOption(String(FROM.year));
    await page.getByRole("button", { name: "Fermer l'atelier…" }).click();
    const dialog = page.getByRole("dialog", { name: `Fermer ${ATELIER} ?` });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: `Fermer à partir ${ofMonth(FROM)}` }).click();
    await dialog.getByText("Fermeture refusée").waitFor();
    const admin = await signInApi(platform.baseUrl, ADMIN);
    const history = (await apiOk(platform.baseUrl, admin, "GET", "/ateliers/28/history")) as { closedFrom: string | null };
    expect(history.closedFrom).toBeNull();
    await page.close();
  });

  it("previews a referential file, shows its refused line, applies a correct one", async () => {
    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/referentiel/import");
    await page.getByRole("heading", { level: 1, name: "Importer un fichier du référentiel" }).waitFor();
    const header = "type;code;nom;a_partir_de";
    const refused = [header, "direction;grand-essai;Grand Essai;", "fermeture;28;;2026-13"].join("\n");
    await page
      .getByLabel(/Fichier CSV du référentiel/)
      .setInputFiles({ name: "referentiel.csv", mimeType: "text/csv", buffer: Buffer.from(refused) });
    await page.getByRole("button", { name: "Voir l'aperçu" }).click();
    const refusedTable = page.getByRole("table", { name: "Lignes refusées (1)" });
    await refusedTable.waitFor();
    const line = await cells(refusedTable.locator("tbody tr").first());
    expect(line[0]).toBe("3");
    expect(line[1]).toContain("2026-13");
    expect(await page.getByRole("button", { name: "Appliquer l'import" }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const correct = [header, "direction;grand-essai;Grand Essai;"].join("\n");
    await page
      .getByLabel(/Fichier CSV du référentiel/)
      .setInputFiles({ name: "referentiel.csv", mimeType: "text/csv", buffer: Buffer.from(correct) });
    await page.getByRole("button", { name: "Voir l'aperçu" }).click();
    await page.getByText("1 ligne lue : 1 changement, aucune ligne refusée. Rien n'est encore écrit.").waitFor();
    await page.getByRole("button", { name: "Appliquer l'import" }).click();
    await page.getByRole("heading", { name: "Import appliqué" }).waitFor();
    const admin = await signInApi(platform.baseUrl, ADMIN);
    const territories = (await apiOk(platform.baseUrl, admin, "GET", "/territories")) as { code: string; name: string }[];
    expect(territories.find((t) => t.code === "grand-essai")?.name).toBe("Grand Essai");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("refuses the referential pages to everyone but administrators", async () => {
    const { page } = await freshPage();
    await signInPage(page, platform.baseUrl, NATIONAL, "/administration/referentiel/ateliers/28");
    await page.getByRole("heading", { name: "Accès réservé à l'administration de la plateforme" }).waitFor();
    const national = await signInApi(platform.baseUrl, NATIONAL);
    const res = await apiCall(platform.baseUrl, national, "POST", "/ateliers/28/moves", { territoryCode: "normandie", from: p(FROM) });
    expect(res.status).toBe(403);
    await page.close();
  });

  it("fits a phone 360 px wide: the three pages scroll their tables, not the page", async () => {
    await onPhone(chromiumPath as string, async (small) => {
      await signInPage(small, platform.baseUrl, ADMIN, "/administration/referentiel");
      await small.getByText("101 ateliers au référentiel.").waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
      await small.goto(`${platform.baseUrl}/administration/referentiel/ateliers/28`);
      await small.getByRole("heading", { level: 1, name: ATELIER }).waitFor();
      await small.getByRole("table", { name: /^Rattachements de l'atelier/ }).waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
      await small.goto(`${platform.baseUrl}/administration/referentiel/import`);
      await small.getByRole("heading", { level: 1, name: "Importer un fichier du référentiel" }).waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    });
  });
});
