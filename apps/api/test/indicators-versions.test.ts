/**
 * GET /api/indicators over reports of two questionnaire versions, on a real
 * PostgreSQL: version 2 published through the forms service from July 2025
 * after version 1 reports were validated, then version 2 reports. Every
 * scope, basis and breakdown gives what the domain's reference rule gives
 * (aggregateReports, then the indicator definitions) and, for 1-5, what a
 * hand computation gives: each report by its own version, then the sums
 * divided, with the definitions used named beside the figure.
 */
import {
  aggregatedFields,
  aggregateReports,
  CONTRACT_INDICATORS,
  dashboardFigures,
  evaluateFigure,
  evaluateIndicator,
  type FormCatalogue,
  type IndicatorBasis,
  LABEL_STATUSES,
  type PeriodRange,
  parisDate,
  type ReportFacts,
  VERSION_2_CHANGES,
} from "@enquete/domain";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atelierFlags, atelierLabels, atelierTerritories } from "../src/db/schema.ts";
import { createDraft, publishVersion } from "../src/modules/forms/service.ts";
import { readPublishedForms } from "../src/modules/settings/service.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { type Fixture, IDF, insert, NORMANDIE, values } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: Record<string, string> = {};
let forms: FormCatalogue;
const fixture: Fixture = { facts: [] };

const FICHE = "Selon la fiche : jours de formation en partenariat ESPE/INSPÉ sur jours de formation";
const PROXY =
  "Approximation (questionnaire sans jours de formation) : journées stagiaires en partenariat ESPE/INSPÉ sur journées stagiaires";
const month = (m: number) => `2025-${String(m).padStart(2, "0")}`;
const training = (trainingDays: number, trainingDaysEspe: number) => ({ trainingDays, trainingDaysEspe });

/** Version 1 reports of January–June 2025, all validated before version 2 exists. */
async function seedVersion1() {
  await t.db.update(atelierTerritories).set({ validTo: "2025-07-01" }).where(eq(atelierTerritories.atelierCode, "27"));
  await t.db.insert(atelierTerritories).values({ atelierCode: "27", territoryCode: IDF, validFrom: "2025-07-01" });
  await t.db.insert(atelierFlags).values([
    { atelierCode: "14", flag: "lab", validFrom: "2016-01-01", value: true },
    { atelierCode: "61", flag: "espe", validFrom: "2016-01-01", value: true },
  ]);
  await t.db.insert(atelierLabels).values([
    { atelierCode: "14", status: "en_cours", validFrom: "2016-01-01" },
    { atelierCode: "14", status: "labellise", validFrom: "2025-06-01" },
  ]);
  for (let m = 1; m <= 6; m++) {
    const days = { traineeDaysOnSite: 10, traineeDaysOffSite: 2, traineeDaysRemote: 3, traineeDaysEspe: 3 };
    await insert(t.db, fixture, {
      atelierCode: "14",
      period: month(m),
      territoryCode: NORMANDIE,
      status: "validated",
      values: values({ ...days, trainers: 10, trainersCertified: 1, eventsDpe: 1, events: 1 }),
    });
    await insert(t.db, fixture, {
      atelierCode: "27",
      period: month(m),
      territoryCode: NORMANDIE,
      status: "validated",
      values: values({ traineeDaysOnSite: 100 + m, traineeDaysEspe: 10, trainers: m, trainersCertified: 1 }),
    });
  }
  await insert(t.db, fixture, {
    atelierCode: "50",
    period: "2025-05",
    territoryCode: NORMANDIE,
    status: "validated",
    values: values({ trainers: 5, trainersCertified: 5, eventsDpe: 50, events: 50 }),
  });
  await insert(t.db, fixture, {
    atelierCode: "61",
    period: "2025-02",
    territoryCode: NORMANDIE,
    status: "validated",
    values: values({ traineeDaysOnSite: 2, traineeDaysEspe: 2 }),
  });
}

/** Version 2 reports from July, and one report of October that kept version 1 (a draft its director did not move). */
async function seedVersion2() {
  for (let m = 7; m <= 12; m++) {
    const team = m === 12 ? { trainers: 12, trainersCertified: 6 } : { trainers: 10, trainersCertified: 1 };
    const days = { traineeDaysOnSite: 10, traineeDaysOffSite: 2, traineeDaysRemote: 3, traineeDaysEspe: 3 };
    await insert(t.db, fixture, {
      atelierCode: "14",
      period: month(m),
      territoryCode: NORMANDIE,
      status: "validated",
      formVersion: 2,
      values: values({ ...days, ...training(2, 1), ...team, eventsDpe: 1, events: 1 }),
    });
    // Its trainee-days ESPE are large on purpose: a version 2 report never counts them in 1-5.
    await insert(t.db, fixture, {
      atelierCode: "27",
      period: month(m),
      territoryCode: IDF,
      status: "validated",
      formVersion: 2,
      values: values({
        traineeDaysOnSite: 100 + m,
        traineeDaysEspe: 100,
        ...training(20, m === 12 ? 8 : 4),
        trainers: m,
        trainersCertified: 1,
      }),
    });
  }
  const outcomes = [
    [7, "returned"],
    [8, "submitted"],
    [9, "validated"],
    [10, "draft"],
  ] as const;
  for (const [m, status] of outcomes) {
    await insert(t.db, fixture, {
      atelierCode: "50",
      period: month(m),
      territoryCode: NORMANDIE,
      status,
      formVersion: 2,
      values: values({ traineeDaysOnSite: 6, ...training(3, 3), trainers: 5, trainersCertified: 4 }),
    });
  }
  await insert(t.db, fixture, {
    atelierCode: "61",
    period: "2025-10",
    territoryCode: NORMANDIE,
    status: "validated",
    values: values({ traineeDaysOnSite: 98, traineeDaysEspe: 0 }),
  });
  for (const period of ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]) {
    await insert(t.db, fixture, {
      atelierCode: "75",
      period,
      territoryCode: IDF,
      status: "validated",
      formVersion: 2,
      values: values({ traineeDaysOnSite: 8, ...training(5, 0), codesignSessions: 1 }),
    });
  }
}

beforeAll(async () => {
  t = await createTestApp({ costlyPerMinute: 1_000 });
  cookie = await signInPeople(t, {
    national: [{ role: "national" }],
    dtNormandie: [{ role: "territory", territoryCode: NORMANDIE }],
  });
  await seedVersion1();
  const actor = { id: null, label: "Test des indicateurs" };
  const { version } = await createDraft(t.db, actor, 1, VERSION_2_CHANGES);
  await publishVersion(t.db, actor, version, "2025-07", { today: parisDate(), allowPast: true });
  await seedVersion2();
  forms = await readPublishedForms(t.db);
});
afterAll(async () => await t.close());

type Figure = { code: string; value: number | null; numerator?: number; denominator?: number };
type Definition = { label: string; versions: number[]; reports: number; numerator: number; denominator: number; value: number | null };
type Indicator = Figure & { definitions?: Definition[] };
type Group = { key: string; completeness: Record<string, number>; figures: Figure[]; indicators: Figure[] };
type Body = { completeness: Record<string, number>; indicators: Indicator[]; figures: Figure[]; breakdown?: { groups: Group[] } };

async function get(query: string, who = "national"): Promise<Body> {
  const res = await t.app.inject({ url: `/api/indicators?${query}`, headers: { cookie: cookie[who] ?? "" } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const of = (body: { indicators: Indicator[] }, code: string) => body.indicators.find((i) => i.code === code) as Indicator;
const terms = ({ code, value, numerator, denominator }: Figure) => ({ code, value, numerator, denominator });
const REPORTING = new Set(
  dashboardFigures([])
    .filter((f) => f.group === "remontees")
    .map((f) => f.code),
);

/** What the domain's rule gives for a scope: its contract indicators (with their definitions) and its figures. */
function reference(range: PeriodRange, basis: IndicatorBasis, include?: (r: ReportFacts) => boolean, withRange = true) {
  const fields = aggregatedFields(forms);
  const totals = aggregateReports(fixture.facts, fields, { ...range, basis, ...(include ? { include } : {}) });
  const counts = { expected: 0, submitted: 0, validated: 0, onTime: 0 };
  return {
    indicators: CONTRACT_INDICATORS.map((def) => {
      const { parts: _parts, ...value } = evaluateIndicator(def, totals, { national: false, forms, ...(withRange ? { range } : {}) });
      return value;
    }),
    figures: dashboardFigures(fields)
      .filter((f) => !REPORTING.has(f.code))
      .map((def) => evaluateFigure(def, totals, counts, forms)),
  };
}

/** The API's figures in the reference's shape (1-1's national distance learning is 0 here, its parts left aside). */
function read(body: { indicators: Indicator[]; figures: Figure[] }, withDefinitions = true) {
  return {
    indicators: body.indicators.map((i) => ({ ...terms(i), ...(withDefinitions && i.definitions ? { definitions: i.definitions } : {}) })),
    figures: body.figures.filter((f) => !REPORTING.has(f.code)).map(terms),
  };
}

const compact = <T extends Figure>(list: T[]) =>
  list.map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined))) as unknown as T[];
const normalised = (x: { indicators: Indicator[]; figures: Figure[] }) => ({
  indicators: compact(x.indicators),
  figures: compact(x.figures),
});

describe("a period mixing versions, by hand", () => {
  it("1-5 nationally: version 2's training days and version 1's trainee-days, each report by its own version", async () => {
    const body = await get("scope=national&year=2025");
    // Version 2, validated (July–December): 14 2 days a month (1 ESPE), 27 20 (4, December 8), 50 September 3 (3), 75 four months of 5 (0).
    const fiche = { numerator: 6 * 1 + (5 * 4 + 8) + 3 + 0, denominator: 6 * 2 + 6 * 20 + 3 + 4 * 5 };
    // Version 1, validated: 14 January–June 15 trainee-days (3 ESPE), 27 101…106 (10), 50 May none, 61 February 2 (2), October 98 (0).
    const proxy = { numerator: 6 * 3 + 6 * 10 + 0 + 2 + 0, denominator: 6 * 15 + (101 + 102 + 103 + 104 + 105 + 106) + 0 + 2 + 98 };
    const share = (n: number, d: number) => Math.round((n / d) * 10_000) / 100;
    expect(of(body, "1-5")).toMatchObject({
      numerator: fiche.numerator + proxy.numerator,
      denominator: fiche.denominator + proxy.denominator,
      value: share(fiche.numerator + proxy.numerator, fiche.denominator + proxy.denominator),
    });
    expect(of(body, "1-5").definitions).toEqual([
      { label: FICHE, versions: [2], reports: 6 + 6 + 1 + 4, ...fiche, value: share(fiche.numerator, fiche.denominator) },
      { label: PROXY, versions: [1], reports: 6 + 6 + 1 + 2, ...proxy, value: share(proxy.numerator, proxy.denominator) },
    ]);
  });

  it("provisional figures add the submitted version 2 report of August, by the fiche", async () => {
    const official = of(await get("scope=national&year=2025"), "1-5").definitions?.[0] as Definition;
    const provisional = of(await get("scope=national&year=2025&basis=provisional"), "1-5").definitions?.[0] as Definition;
    expect(provisional).toMatchObject({
      label: FICHE,
      reports: official.reports + 1,
      numerator: official.numerator + 3,
      denominator: official.denominator + 3,
    });
  });

  it("a version 1 report still counts, and reads by the proxy, after version 2 is published", async () => {
    const body = await get("scope=atelier:61&year=2025");
    expect(of(body, "1-5")).toMatchObject({ numerator: 2, denominator: 100, value: 2 });
    expect(of(body, "1-5").definitions?.map((d) => [d.label, d.versions, d.reports])).toEqual([
      [FICHE, [2], 0],
      [PROXY, [1], 2],
    ]);
    expect(body.completeness.included).toBe(2);
    expect(body.figures.find((f) => f.code === "traineeDaysOnSite")?.value).toBe(100);
  });

  it("a half-year of version 1 names the proxy alone and has no training days (no value, not 0)", async () => {
    for (const quarter of [1, 2]) {
      const body = await get(`scope=national&year=2025&quarter=${quarter}`);
      expect(of(body, "1-5").definitions?.map((d) => d.label)).toEqual([PROXY]);
      expect(body.figures.find((f) => f.code === "trainingDays")?.value).toBeNull();
      expect(body.figures.find((f) => f.code === "traineeDaysEspe")?.value).not.toBeNull();
    }
    const third = await get("scope=national&year=2025&quarter=3");
    expect(of(third, "1-5").definitions?.map((d) => d.label)).toEqual([FICHE]);
  });

  it("a territorial director reading an atelier that moved sees its months in the territory only, of version 1", async () => {
    const body = await get("scope=atelier:27&year=2025", "dtNormandie");
    expect(of(body, "1-5")).toMatchObject({ numerator: 60, denominator: 621 });
    // Version 2 is in force from July, but none of those months is the territory's to read.
    expect(of(body, "1-5").definitions?.map((d) => [d.label, d.reports])).toEqual([
      [FICHE, 0],
      [PROXY, 6],
    ]);
  });
});

describe("the SQL aggregation follows the domain's rule on both versions", () => {
  const year: PeriodRange = { from: "2025-01", to: "2025-12" };
  const cases: { query: string; range: PeriodRange; include?: (r: ReportFacts) => boolean }[] = [
    { query: "scope=national&year=2025", range: year },
    { query: `scope=territory:${NORMANDIE}&year=2025`, range: year, include: (r) => r.territoryCode === NORMANDIE },
    { query: `scope=territory:${IDF}&year=2025`, range: year, include: (r) => r.territoryCode === IDF },
    { query: "scope=atelier:14&year=2025", range: year, include: (r) => r.atelierCode === "14" },
    { query: "scope=atelier:27&year=2025", range: year, include: (r) => r.atelierCode === "27" },
    { query: "scope=atelier:50&year=2025", range: year, include: (r) => r.atelierCode === "50" },
    { query: "scope=national&year=2025&yearType=school", range: { from: "2025-09", to: "2026-08" } },
    { query: "scope=national&year=2025&quarter=3", range: { from: "2025-07", to: "2025-09" } },
    { query: "scope=national&year=2025&month=2025-06", range: { from: "2025-06", to: "2025-06" } },
    { query: "scope=national&year=2024", range: { from: "2024-01", to: "2024-12" } },
  ];
  for (const c of cases) {
    for (const basis of ["official", "provisional"] as const) {
      it(`${c.query} (${basis})`, async () => {
        const body = await get(`${c.query}&basis=${basis}`);
        expect(normalised(read(body))).toEqual(normalised(reference(c.range, basis, c.include)));
      });
    }
  }

  it("each group of every breakdown, and the groups add up to the whole", async () => {
    const labelOf = (r: ReportFacts) => (r.atelierCode === "14" ? (r.period >= "2025-06" ? "labellise" : "en_cours") : "inconnu");
    const keyOf: Record<string, (r: ReportFacts) => string> = {
      territory: (r) => r.territoryCode,
      atelier: (r) => r.atelierCode,
      label: labelOf,
      lab: (r) => String(r.atelierCode === "14"),
      espe: (r) => String(r.atelierCode === "61"),
      month: (r) => r.period,
    };
    for (const basis of ["official", "provisional"] as const) {
      for (const [breakdown, key] of Object.entries(keyOf)) {
        const body = await get(`scope=national&year=2025&basis=${basis}&breakdown=${breakdown}`);
        // The whole scope through the per-atelier statement, as the summary gives it without breakdown.
        expect(normalised(read(body)), `${breakdown} (${basis})`).toEqual(normalised(reference(year, basis)));
        let numerator = 0;
        let denominator = 0;
        for (const group of body.breakdown?.groups ?? []) {
          const range = breakdown === "month" ? { from: group.key, to: group.key } : year;
          const expected = reference(range, basis, (r) => key(r) === group.key, false);
          // Groups carry their values; the definitions are named for the whole scope.
          const own = { indicators: expected.indicators.map((i) => terms(i)), figures: expected.figures };
          expect(normalised(read(group)), `${breakdown} ${group.key} (${basis})`).toEqual(normalised(own));
          numerator += group.indicators.find((i) => i.code === "1-5")?.numerator ?? 0;
          denominator += group.indicators.find((i) => i.code === "1-5")?.denominator ?? 0;
        }
        const whole = of(body, "1-5");
        expect(numerator, `${breakdown} 1-5`).toBeCloseTo(whole.numerator ?? Number.NaN, 2);
        expect(denominator, `${breakdown} 1-5`).toBeCloseTo(whole.denominator ?? Number.NaN, 2);
      }
    }
    const labels = await get("scope=national&year=2025&breakdown=label");
    expect(labels.breakdown?.groups.map((g) => g.key)).toEqual(
      [...LABEL_STATUSES, "inconnu"].filter((k) => labels.breakdown?.groups.some((g) => g.key === k)),
    );
  });

  it("a territory's summary and its per-atelier statement agree", async () => {
    for (const territory of [NORMANDIE, IDF]) {
      const summary = await get(`scope=territory:${territory}&year=2025&basis=provisional`);
      const perAtelier = await get(`scope=territory:${territory}&year=2025&basis=provisional&breakdown=atelier`);
      expect(normalised(read(perAtelier)), territory).toEqual(normalised(read(summary)));
      expect(perAtelier.completeness, territory).toEqual(summary.completeness);
    }
  });

  it("4-1-1 counts each atelier's latest team once, whatever its version", async () => {
    const body = await get("scope=national&year=2025");
    // 14: December (v2) 6 of 12; 27: December (v2) 1 of 12; 50: September (v2, validated) 4 of 5; 61 and 75: 0.
    expect(of(body, "4-1-1")).toMatchObject({ numerator: 6 + 1 + 4, denominator: 12 + 12 + 5 });
    // Over the first half, version 1 only: 14 June 1 of 10, 27 June 1 of 6, 50 May 5 of 5.
    expect(of(await get("scope=national&year=2025&quarter=2"), "4-1-1")).toMatchObject({ numerator: 7, denominator: 21 });
  });
});

describe("the dashboard workbook", () => {
  it("names each definition of 1-5 under its row, with its own figure", async () => {
    const res = await t.app.inject({ url: "/api/exports/indicators.xlsx?year=2025", headers: { cookie: cookie.national ?? "" } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("National") as ExcelJS.Worksheet;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row) => {
      rows.push(row);
    });
    const headers = sheet.getRow(2).values as string[];
    const col = (header: string) => headers.indexOf(header);
    const at = rows.findIndex((r) => r.getCell(1).value === "1-5");
    const [fiche, proxy] = [rows[at + 1], rows[at + 2]] as [ExcelJS.Row, ExcelJS.Row];
    const expected = of(await get("scope=national&year=2025"), "1-5").definitions as Definition[];
    expect(String(fiche.getCell(2).value)).toBe(`Définition employée : ${FICHE} (17 rapports, questionnaire version 2)`);
    expect(String(proxy.getCell(2).value)).toBe(`Définition employée : ${PROXY} (15 rapports, questionnaire version 1)`);
    expect(fiche.getCell(col("Valeur (%)")).value).toBeCloseTo((expected[0]?.value ?? Number.NaN) / 100, 6);
    expect(proxy.getCell(col("Numérateur")).value).toBe(expected[1]?.numerator);
    expect(proxy.getCell(col("Dénominateur")).value).toBe(expected[1]?.denominator);
    // The monthly totals have a column for the new field, empty in the months of version 1 (headers in row 2, January in row 3).
    const monthly = wb.getWorksheet("Totaux mensuels") as ExcelJS.Worksheet;
    const column = (monthly.getRow(2).values as string[]).indexOf(
      "Jours de formation réalisés (durée des actions, quel que soit le nombre de stagiaires)",
    );
    expect(column).toBeGreaterThan(0);
    expect(monthly.getRow(3).getCell(column).value).toBeNull();
    expect(monthly.getRow(9).getCell(column).value).toBe(2 + 20);
  });
});
