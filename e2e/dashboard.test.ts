/**
 * The dashboards in a real browser: the DIS opens the national indicators of
 * last year, reads a fiche and a curve's table, drills down to a territory,
 * an atelier and one of its reports, downloads both exports; each dashboard
 * page passes axe and fits a 360 px phone. Data: the Corse ateliers 2A and
 * 2B, last year, which no other browser test touches (they use this year's
 * recent months, and other territories). Then, on a platform of its own with
 * the full demo (version 2 of the questionnaire published from the school
 * year's first month), 1-5 names the definitions each figure rests on; the
 * cards show the year before; 4-1-1's thin last month (its reports not yet
 * due) warns of it; counts of people stay whole on the curve and the targets page.
 */
import { readFile } from "node:fs/promises";
import { addMonths, formatPeriod, isThin } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { thisMonth } from "./support/months.ts";
import { type Platform, signInAt, startPlatform } from "./support/platform.ts";
import { signInPage } from "./support/referential.ts";
import { submitReport as submit, validateReport } from "./support/reports.ts";
import { newPage as freshPage, signIn, watchProblems } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");

const NATIONAL = "dis@canope.test";
const TERRITORY = "dt.paca-corse@canope.test";
const TERRITORY_NAME = "Provence-Alpes-Côte d'Azur – Corse";
const YEAR = thisMonth().year - 1;
/** The territory's eight ateliers, twelve months each. */
const TERRITORY_EXPECTED = 8 * 12;

/** Validated reports (atelier, month, co-design sessions), and one only submitted: official figures leave it out. */
const VALIDATED = [
  { atelier: "2A", month: 1, codesignSessions: 2 },
  { atelier: "2A", month: 2, codesignSessions: 3 },
  { atelier: "2A", month: 3, codesignSessions: 4 },
  { atelier: "2B", month: 1, codesignSessions: 6 },
] as const;
const SUBMITTED = { atelier: "2B", month: 2, codesignSessions: 5 } as const;
const sessions = (atelier?: string) =>
  VALIDATED.filter((r) => atelier === undefined || r.atelier === atelier).reduce((sum, r) => sum + r.codesignSessions, 0);
const period = (month: number) => `${YEAR}-${String(month).padStart(2, "0")}`;

async function submitReport(report: { atelier: string; month: number; codesignSessions: number }) {
  await submit(report.atelier, period(report.month), { ...COMPLETE_VALUES, codesignSessions: report.codesignSessions });
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  for (const report of VALIDATED) {
    await submitReport(report);
    await validateReport(TERRITORY, report.atelier, period(report.month));
  }
  await submitReport(SUBMITTED);
});
afterAll(async () => {
  await browser?.close();
});

const newPage = () => freshPage(browser.context);

const text = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
const card = (page: Page, code: string) => page.getByRole("article", { name: new RegExp(`^${code} – `) });
const cardValue = async (page: Page, code: string) => text(await card(page, code).locator("dd").first().textContent());
const dashboardReady = (page: Page) => card(page, "4-1-1").waitFor();

/** The cells of a breakdown row, after its header: the six indicators, then the reports counted. */
async function breakdownRow(page: Page, name: string): Promise<string[]> {
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  return (await row.getByRole("cell").allTextContents()).map(text);
}

async function overflowAt360(path: string): Promise<{ overflow: number; widest: string[] }> {
  return await onPhone(chromiumPath as string, async (small) => {
    await signIn(small, NATIONAL, path);
    await dashboardReady(small);
    // The curves are drawn at the width they are given: let them measure it.
    await small.waitForTimeout(200);
    const overflow = await horizontalOverflow(small);
    // What sticks out, to name it when the page scrolls sideways.
    const widest =
      overflow > 0
        ? await small.evaluate(() =>
            [...document.querySelectorAll("body *")]
              .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .slice(-5)
              .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ${Math.round(e.getBoundingClientRect().right)}`),
          )
        : [];
    return { overflow, widest };
  });
}

async function downloaded(page: Page, linkName: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const waiting = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  const download = await waiting;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

describe.skipIf(!chromiumPath)("the dashboards", () => {
  it("take the national team from the network down to a territory, an atelier and a report, with both exports", async () => {
    const { page, problems } = await newPage();
    await signIn(page, NATIONAL, `/tableau-de-bord?annee=${YEAR}`);
    await page.getByRole("heading", { level: 1, name: "Indicateurs : Réseau national" }).waitFor();
    await dashboardReady(page);

    // The six contract indicators, each with its value.
    expect(await page.getByRole("article").count()).toBe(6);
    for (const code of ["1-1", "1-4", "1-5", "2-2-2", "3-4", "4-1-1"]) expect(await cardValue(page, code)).not.toBe("");
    const completeness = text(await page.getByText(/^Chiffres établis sur .* attendus \(/).textContent());
    expect(completeness).toContain(`sur ${text((101 * 12).toLocaleString("fr-FR"))} attendus`);

    // The territory's row of the breakdown: 3-4 is the sum of its validated reports' sessions, the submitted one left out.
    const corse = await breakdownRow(page, TERRITORY_NAME);
    expect(corse[4]).toBe(String(sessions()));
    expect(corse[6]?.replace(/\s/g, "")).toBe(`${VALIDATED.length}/${TERRITORY_EXPECTED}`);

    // A fiche beside its figure, and the curve's numbers as a table.
    // By keyboard: the fiche's button, then (below) the territory's link.
    await card(page, "3-4").getByRole("button", { name: "Fiche de l'indicateur 3-4" }).focus();
    await page.keyboard.press("Enter");
    await card(page, "3-4").getByText("Mesure le rôle joué par Réseau Canopé pour favoriser les démarches innovantes").waitFor();
    await card(page, "3-4").getByRole("button", { name: "Données du graphique (tableau)" }).click();
    const curve = card(page, "3-4").getByRole("table", { name: `Cumul mois après mois – 3-4, ${YEAR}` });
    await curve.waitFor();
    expect(await curve.getByRole("row").count()).toBe(13);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Both exports of the year, named by the API.
    const csv = await downloaded(page, /^Télécharger les rapports mensuels de l'année/);
    expect(csv.name).toBe(`rapports-mensuels-année-${YEAR}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = csv.bytes.toString("utf8").slice(1).split(/\r?\n/)[0] ?? "";
    expect(header.split(";").length).toBeGreaterThan(20);
    expect(header).toContain("codesignSessions");
    const xlsx = await downloaded(page, /^Télécharger le tableau de bord de l'année/);
    expect(xlsx.name).toBe(`tableau-de-bord-indicateurs-année-${YEAR}.xlsx`);
    expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    // Down to the territory: its own figures, then provisional ones that count the submitted report.
    await page.getByRole("link", { name: TERRITORY_NAME, exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/tableau-de-bord/territoires/paca-corse\\?annee=${YEAR}$`));
    await page.getByRole("heading", { level: 1, name: `Indicateurs : ${TERRITORY_NAME}` }).waitFor();
    await dashboardReady(page);
    expect(await cardValue(page, "3-4")).toBe(String(sessions()));
    await page.getByText(`Chiffres établis sur ${VALIDATED.length} rapports validés sur ${TERRITORY_EXPECTED} attendus (`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByText("Provisoires (soumis)").click();
    await page.waitForURL(/base=provisoire/);
    await page
      .getByText(`Chiffres établis sur ${VALIDATED.length + 1} rapports soumis ou validés sur ${TERRITORY_EXPECTED} attendus (`)
      .waitFor();
    expect(await cardValue(page, "3-4")).toBe(String(sessions() + SUBMITTED.codesignSessions));
    await page.getByText("Officiels (validés)").click();
    await page.getByText(`Chiffres établis sur ${VALIDATED.length} rapports validés`).first().waitFor();
    expect((await breakdownRow(page, "Atelier Canopé 2A – Ajaccio"))[4]).toBe(String(sessions("2A")));

    // Down to the atelier, month by month, then to the report behind a month.
    await page.getByRole("link", { name: "Atelier Canopé 2A – Ajaccio", exact: true }).click();
    await page.waitForURL(new RegExp(`/tableau-de-bord/ateliers/2A\\?annee=${YEAR}$`));
    await page.getByRole("heading", { level: 1, name: "Indicateurs : Atelier Canopé 2A – Ajaccio" }).waitFor();
    await dashboardReady(page);
    expect(await cardValue(page, "3-4")).toBe(String(sessions("2A")));
    const breadcrumb = page.getByRole("navigation", { name: "vous êtes ici :" });
    expect(await breadcrumb.getByRole("link", { name: TERRITORY_NAME }).getAttribute("href")).toBe(
      `/tableau-de-bord/territoires/paca-corse?annee=${YEAR}`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("link", { name: `février ${YEAR} – voir le rapport` }).click();
    await page.waitForURL(new RegExp(`/ateliers/2A/rapports/${period(2)}$`));
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité de février ${YEAR}` }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows an atelier director their atelier's dashboard from the home page, without the national workbook", async () => {
    const { page, problems } = await newPage();
    await signIn(page, "atelier.2a@canope.test", "/");
    await page.getByRole("link", { name: "Indicateurs de l'atelier, mois par mois" }).click();
    await page.waitForURL(/\/tableau-de-bord\/ateliers\/2A$/);
    await dashboardReady(page);
    await page.getByRole("link", { name: /^Télécharger les rapports mensuels/ }).waitFor();
    expect(await page.getByRole("link", { name: /^Télécharger le tableau de bord/ }).count()).toBe(0);
    expect(await page.getByRole("navigation", { name: "vous êtes ici :" }).getByRole("link", { name: "Réseau national" }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("fits each dashboard page on a phone 360 px wide", async () => {
    for (const path of [
      `/tableau-de-bord?annee=${YEAR}`,
      `/tableau-de-bord/territoires/paca-corse?annee=${YEAR}`,
      `/tableau-de-bord/ateliers/2A?annee=${YEAR}`,
    ]) {
      const { overflow, widest } = await overflowAt360(path);
      expect({ path, overflow }, widest.join("\n")).toEqual({ path, overflow: 0 });
    }
  });
});

type DefinitionUsed = { label: string; versions: number[]; reports: number; numerator: number; denominator: number; value: number | null };
type Indicator15 = { code: string; value: number | null; numerator?: number; denominator?: number; definitions?: DefinitionUsed[] };

const frNumber = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const frPercent = (v: number) => `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} %`;
const versionsWords = (versions: number[]) =>
  `questionnaire version${versions.length > 1 ? "s" : ""} ${new Intl.ListFormat("fr-FR").format(versions.map(String))}`;

type YearBefore = { value: number | null; change: number | null; changeUnit: "%" | "points"; periodLabel: string };
type MonthGroup = {
  key: string;
  completeness: { included: number; expected: number };
  indicators: { code: string; value: number | null }[];
};

describe.skipIf(!chromiumPath)("the full demo: 1-5 over two questionnaire versions, the year before, a thin month, whole counts", () => {
  let demo: Platform;
  let mixedYear: number;
  let cookie: string;
  const indicator15 = async (query: string): Promise<Indicator15> => {
    const res = await fetch(`${demo.baseUrl}/api/indicators?scope=national&${query}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { indicators: Indicator15[] };
    const found = answer.indicators.find((i) => i.code === "1-5");
    if (!found) throw new Error("1-5 manque dans la réponse.");
    return found;
  };

  beforeAll(async () => {
    if (!chromiumPath) return;
    demo = await startPlatform({ demo: "full", label: "Le serveur du test des définitions de 1-5", env: { WORKERS: "1" } });
    cookie = await signInAt(demo.baseUrl, NATIONAL);
    const res = await fetch(`${demo.baseUrl}/api/forms`, { headers: { cookie } });
    const { versions } = (await res.json()) as { versions: { version: number; validFrom: string | null }[] };
    const v2 = versions.find((v) => v.version === 2)?.validFrom;
    // The demo publishes version 2 from the school year's first month: its calendar year mixes both versions.
    const now = thisMonth();
    const schoolYear = now.month >= 9 ? now.year : now.year - 1;
    expect(v2).toBe(`${schoolYear}-09`);
    mixedYear = schoolYear;
  }, 180_000);
  afterAll(async () => {
    await demo?.stop();
  });

  it("shows the national figure of a year on both sides of version 2 with each definition named, its reports and its figure", async () => {
    const api = await indicator15(`year=${mixedYear}`);
    const definitions = api.definitions ?? [];
    // Version 2 by the fiche, version 1 by its proxy; the figure adds each report's terms as its version defines them.
    expect(definitions.map((d) => d.versions)).toEqual([[2], [1]]);
    expect(definitions[0]?.label).toMatch(/^Selon la fiche : jours de formation/);
    expect(definitions[1]?.label).toMatch(/^Approximation \(questionnaire sans jours de formation\) : journées stagiaires/);
    expect(definitions.reduce((s, d) => s + d.numerator, 0)).toBeCloseTo(api.numerator ?? Number.NaN, 6);
    expect(definitions.reduce((s, d) => s + d.denominator, 0)).toBeCloseTo(api.denominator ?? Number.NaN, 6);

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await signInPage(page, demo.baseUrl, NATIONAL, `/tableau-de-bord?annee=${mixedYear}`);
    await dashboardReady(page);
    const c15 = card(page, "1-5");
    expect(await cardValue(page, "1-5")).toBe(text(frPercent(api.value ?? Number.NaN)));

    // Under the figure: why several definitions, then a list of them (read as a list, not a tooltip).
    const figure = c15.locator("dd").nth(1);
    expect(text(await figure.locator("p").first().textContent())).toBe(
      "Rapports de plusieurs versions du questionnaire : chacun compte selon la sienne.",
    );
    const items = (await figure.getByRole("list", { name: "Définitions employées" }).getByRole("listitem").allTextContents()).map(text);
    expect(items).toEqual(
      definitions.map((d) =>
        text(
          `${d.label} (${versionsWords(d.versions)}) — ${d.reports.toLocaleString("fr-FR")} rapport${d.reports > 1 ? "s" : ""}, ` +
            `${d.value === null ? "non calculable" : frPercent(d.value)} (soit ${frNumber.format(d.numerator)} sur ${frNumber.format(d.denominator)})`,
        ),
      ),
    );
    await c15.getByText(/\(sommes des numérateurs et des dénominateurs de chaque rapport, selon sa version\)\.$/).waitFor();

    // The territories' table says the same of its 1-5 column and leads to the list.
    const note = page.getByText(/^1-5 – Rapports de plusieurs versions du questionnaire/);
    expect(text(await note.textContent())).toBe(
      "1-5 – Rapports de plusieurs versions du questionnaire : chacun compte selon la sienne. Il en va de même dans chaque ligne. Définitions employées et leurs chiffres (indicateur 1-5)",
    );
    await note.getByRole("link", { name: "Définitions employées et leurs chiffres (indicateur 1-5)" }).click();
    await page.waitForURL(/#indicateur-1-5$/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The year before has version 1 only: one definition, said in one line.
    const before = (await indicator15(`year=${mixedYear - 1}`)).definitions ?? [];
    expect(before.map((d) => d.versions)).toEqual([[1]]);
    await page.goto(`${demo.baseUrl}/tableau-de-bord?annee=${mixedYear - 1}`);
    await dashboardReady(page);
    const only = card(page, "1-5").locator("dd").nth(1);
    expect(text(await only.textContent())).toBe(`Définition employée : ${before[0]?.label} (questionnaire version 1).`);
    expect(await only.getByRole("list").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();

    // The list wraps on a phone.
    const overflow = await onPhone(chromiumPath as string, async (small) => {
      await signInPage(small, demo.baseUrl, NATIONAL, `/tableau-de-bord?annee=${mixedYear}`);
      await card(small, "1-5").getByRole("listitem").first().waitFor();
      await small.waitForTimeout(200);
      return await horizontalOverflow(small);
    });
    expect(overflow).toBe(0);
  }, 180_000);

  it("shows each card beside the year before, warns of 4-1-1's thin last month, and keeps counts of people whole", async () => {
    // The year of the month just over, whose curve ends on it.
    const year = addMonths(thisMonth(), -1).year;
    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const res = await fetch(`${demo.baseUrl}/api${path}`, {
        ...init,
        headers: { cookie, ...(init.body ? { "content-type": "application/json" } : {}) },
      });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    // A target that does not divide by twelve: 680 000 beneficiaries, 623 333 at the end of November.
    await api(`/targets/2-2-2/${year}`, { method: "PUT", body: JSON.stringify({ value: 680_000 }) });
    // The month just over: its reports are not due yet. One comes in (14 reports its team as in the month before) and is validated.
    const justOver = formatPeriod(addMonths(thisMonth(), -1));
    const monthBefore = await api<{ values: Record<string, unknown> }>(`/reports/14/${formatPeriod(addMonths(thisMonth(), -2))}`);
    const director = await signInAt(demo.baseUrl, "atelier.14@canope.test");
    const draft = await fetch(`${demo.baseUrl}/api/reports/14/${justOver}`, { headers: { cookie: director } });
    const started = draft.ok ? ((await draft.json()) as { status: string; version?: number }) : null;
    const save = await fetch(`${demo.baseUrl}/api/reports/14/${justOver}`, {
      method: "PUT",
      headers: {
        cookie: director,
        "content-type": "application/json",
        ...(started && started.status !== "not_started" && started.version ? { "if-match": `"${started.version}"` } : {}),
      },
      body: JSON.stringify({ values: monthBefore.values }),
    });
    expect(save.status, await save.clone().text()).toBe(200);
    const submitted = await fetch(`${demo.baseUrl}/api/reports/14/${justOver}/submit`, {
      method: "POST",
      headers: { cookie: director, "content-type": "application/json" },
      body: "{}",
    });
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const reviewer = await signInAt(demo.baseUrl, "dt.normandie@canope.test");
    const validated = await fetch(`${demo.baseUrl}/api/reports/14/${justOver}/validate`, { method: "POST", headers: { cookie: reviewer } });
    expect(validated.status, await validated.clone().text()).toBe(200);
    const body = await api<{ indicators: { code: string; previous: YearBefore | null }[] }>(`/indicators?scope=national&year=${year}`);
    const previous = body.indicators.find((i) => i.code === "2-2-2")?.previous;
    expect(previous?.value).toBeGreaterThan(0);
    expect(previous?.change).not.toBeNull();
    const months = await api<{ breakdown: { groups: MonthGroup[] } }>(`/indicators?scope=national&year=${year}&breakdown=month`);
    const lastMonth = months.breakdown.groups.filter((g) => g.completeness.included > 0).at(-1) as MonthGroup;
    expect(lastMonth.key).toBe(justOver);
    expect(isThin(lastMonth.completeness)).toBe(true);

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await signInPage(page, demo.baseUrl, NATIONAL, `/tableau-de-bord?annee=${year}`);
    await dashboardReady(page);

    // 2-2-2 beside the same months a year earlier, its growth in words for a screen reader.
    const beneficiaries = card(page, "2-2-2");
    const line = beneficiaries.locator("dl > div").filter({ has: page.locator("dt", { hasText: "Un an plus tôt" }) });
    const p = previous as YearBefore;
    const change = p.change as number;
    const size = `${new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(change))} %`;
    const when = p.periodLabel.startsWith("année ") ? `en ${p.periodLabel.slice(6)}` : `de ${p.periodLabel}`;
    expect(text(await line.locator("dd").textContent())).toBe(
      text(
        `${frNumber.format(p.value as number)} ${when} · ${change > 0 ? "+" : "−"}${size}${change > 0 ? "en hausse de" : "en baisse de"} ${size}`,
      ),
    );
    expect(text(await line.locator('[aria-hidden="true"]').textContent())).toBe(text(`${change > 0 ? "+" : "−"}${size}`));
    // Every card has its line.
    for (const code of ["1-1", "1-4", "1-5", "2-2-2", "3-4", "4-1-1"]) {
      expect(await card(page, code).getByText("Un an plus tôt :").count(), code).toBe(1);
    }

    // The trajectory of a count of people is whole: 623 333, never 623 333,33.
    const summary = text(await beneficiaries.locator("figure > p").first().textContent());
    expect(summary).toMatch(/trajectoire de la cible : 623 333\.$/);

    // 4-1-1: the last month's level rests on a few reports: said in the chart's note and at the headline.
    const trainers = card(page, "4-1-1");
    const monthName = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${lastMonth.key}-01T00:00:00Z`),
    );
    const completeness = `sur ${lastMonth.completeness.included.toLocaleString("fr-FR")} rapport${lastMonth.completeness.included > 1 ? "s" : ""} validé${lastMonth.completeness.included > 1 ? "s" : ""} de ${lastMonth.completeness.expected.toLocaleString("fr-FR")} attendus`;
    const note = text(await trainers.locator("figure > p").first().textContent());
    expect(note).toContain(`Fin ${monthName} : `);
    expect(note).toContain(`(${text(completeness)})`);
    expect(note).toContain("Chiffre provisoire : peu de rapports");
    const alert = text(await trainers.locator(".fr-alert").textContent());
    expect(alert).toContain("Chiffre provisoire : peu de rapports.");
    expect(alert).toContain(`Dernier mois compté, ${monthName} :`);
    expect(alert).toContain(text(completeness));
    // A month with most of its reports has no warning: 2-2-2 is a sum, never warned.
    expect(await beneficiaries.getByText("Chiffre provisoire : peu de rapports").count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The targets page: the target is whole, and a decimal one for people is refused at the field.
    await page.goto(`${demo.baseUrl}/cibles`);
    const section = page.getByRole("region", { name: /^2-2-2 – / });
    await section.waitFor();
    const field = section.getByLabel(`Cible ${year} de l'indicateur 2-2-2`);
    expect(text(await field.inputValue())).toBe("680 000");
    // The national values (second column) of a count of people: whole numbers (the shares reached keep their decimal).
    const values: string[] = [];
    for (const row of await section.getByRole("row").all()) {
      const cells = row.getByRole("cell");
      if ((await cells.count()) > 1) values.push(text(await cells.nth(1).textContent()));
    }
    expect(values.some((v) => /^\d{1,3}( \d{3})*/.test(v))).toBe(true);
    for (const v of values) expect(v).not.toMatch(/\d,\d/);
    await field.fill("623333,33");
    await section.getByRole("button", { name: `Enregistrer cible ${year} de l'indicateur 2-2-2` }).click();
    await section
      .getByText("Cet indicateur compte des personnes ou des actions : saisissez un nombre entier (par exemple 680 000).")
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();

    for (const path of [`/tableau-de-bord?annee=${year}`, "/cibles"]) {
      const overflow = await onPhone(chromiumPath as string, async (small) => {
        await signInPage(small, demo.baseUrl, NATIONAL, path);
        await small.getByRole("heading", { level: 1 }).waitFor();
        await (path === "/cibles" ? small.getByRole("region", { name: /^2-2-2 – / }) : card(small, "4-1-1").locator(".fr-alert")).waitFor();
        await small.waitForTimeout(200);
        return await horizontalOverflow(small);
      });
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  }, 240_000);
});
