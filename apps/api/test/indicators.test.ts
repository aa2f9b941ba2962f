/**
 * GET /api/indicators on a hand-made year: the SQL aggregation gives the
 * same totals as the domain's reference rule for every scope, period, basis
 * and breakdown, and the hand-computed figures where the wrong method differs.
 */
import {
  aggregatedFields,
  aggregateReports,
  BUILT_IN_CATALOGUE,
  flatTotals,
  type IndicatorBasis,
  includedReports,
  indicatorRange,
  LABEL_STATUSES,
  type PeriodRange,
  type ReportFacts,
} from "@enquete/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTargets } from "../src/db/seed/targets.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";
import { type Fixture, IDF, NORMANDIE, seedFixture } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let fixture: Fixture;
const cookie: Record<string, string> = {};
// No version but the built-in one is published here: every report is of version 1.
const FIELDS = aggregatedFields(BUILT_IN_CATALOGUE);

beforeAll(async () => {
  // This file reads far more indicators in a minute than a person does (the per-person limit is tested in limits.test.ts).
  t = await createTestApp({ costlyPerMinute: 1_000 });
  await seedTargets(t.db);
  fixture = await seedFixture(t.db);
  const u = await buildUser(t.db, { grants: [{ role: "national" }] });
  cookie.national = (await signIn(t.app, u.email, u.password)).cookie;
});
afterAll(async () => await t.close());

type Figure = { code: string; value: number | null; numerator?: number; denominator?: number };
type Body = {
  completeness: Record<string, number>;
  indicators: (Figure & { target?: number; baseline?: number; reached?: number | null; parts?: unknown[] })[];
  figures: Figure[];
  breakdown?: {
    by: string;
    groups: { key: string; label: string; completeness: Record<string, number>; figures: Figure[]; indicators: Figure[] }[];
  };
};

async function get(query: string): Promise<Body> {
  const res = await t.app.inject({ url: `/api/indicators?${query}`, headers: { cookie: cookie.national ?? "" } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const fieldTotals = (figures: Figure[]) => Object.fromEntries(FIELDS.map((f) => [f.code, figures.find((x) => x.code === f.code)?.value]));
const indicator = (body: Body, code: string) => body.indicators.find((i) => i.code === code) as Body["indicators"][number];

function reference(range: PeriodRange, basis: IndicatorBasis, include?: (r: ReportFacts) => boolean) {
  return flatTotals(aggregateReports(fixture.facts, FIELDS, { ...range, basis, ...(include ? { include } : {}) }));
}

describe("the SQL aggregation follows the domain's rule", () => {
  const cases: { query: string; range: PeriodRange; include?: (r: ReportFacts) => boolean }[] = [
    { query: "scope=national&year=2025", range: { from: "2025-01", to: "2025-12" } },
    {
      query: `scope=territory:${NORMANDIE}&year=2025`,
      range: { from: "2025-01", to: "2025-12" },
      include: (r) => r.territoryCode === NORMANDIE,
    },
    { query: `scope=territory:${IDF}&year=2025`, range: { from: "2025-01", to: "2025-12" }, include: (r) => r.territoryCode === IDF },
    { query: "scope=atelier:27&year=2025", range: { from: "2025-01", to: "2025-12" }, include: (r) => r.atelierCode === "27" },
    { query: "scope=national&year=2025&yearType=school", range: { from: "2025-09", to: "2026-08" } },
    { query: "scope=national&year=2025&quarter=2", range: { from: "2025-04", to: "2025-06" } },
    { query: "scope=national&year=2025&yearType=school&quarter=2", range: { from: "2025-12", to: "2026-02" } },
    { query: "scope=national&year=2025&month=2025-04", range: { from: "2025-04", to: "2025-04" } },
  ];
  for (const c of cases) {
    for (const basis of ["official", "provisional"] as const) {
      it(`${c.query} (${basis})`, async () => {
        const body = await get(`${c.query}&basis=${basis}`);
        expect(fieldTotals(body.figures)).toEqual(reference(c.range, basis, c.include));
      });
    }
  }

  it("each group of every breakdown", async () => {
    const range = indicatorRange({ year: 2025 }) as PeriodRange;
    const labelOf = (r: ReportFacts) => {
      if (r.atelierCode === "14") return r.period >= "2025-06" ? "labellise" : "en_cours";
      return r.atelierCode === "50" ? "non_engage" : "inconnu";
    };
    const keyOf: Record<string, (r: ReportFacts) => string> = {
      territory: (r) => r.territoryCode,
      atelier: (r) => r.atelierCode,
      label: labelOf,
      lab: (r) => String(r.atelierCode === "14"),
      espe: (r) => String(r.atelierCode === "61"),
    };
    for (const [breakdown, key] of Object.entries(keyOf)) {
      const body = await get(`scope=national&year=2025&basis=provisional&breakdown=${breakdown}`);
      expect(body.breakdown?.by).toBe(breakdown);
      for (const group of body.breakdown?.groups ?? []) {
        const include = (r: ReportFacts) => key(r) === group.key;
        const expected = reference(range, "provisional", include);
        // A group with no report included has no value ("aucune donnée"), not zeros.
        const included = includedReports(fixture.facts, { ...range, basis: "provisional", include });
        expect(group.completeness.included, `${breakdown} ${group.key}`).toBe(included);
        const none = included === 0;
        expect(fieldTotals(group.figures), `${breakdown} ${group.key}`).toEqual(
          none ? Object.fromEntries(FIELDS.map((f) => [f.code, null])) : expected,
        );
      }
    }
    // A month of a breakdown by month is that month's figures: its own snapshot (the team at the end of that month).
    const body = await get("scope=national&year=2025&basis=provisional&breakdown=month");
    expect(body.breakdown?.groups).toHaveLength(12);
    for (const group of body.breakdown?.groups ?? []) {
      const expected = reference({ from: group.key, to: group.key }, "provisional");
      expect(fieldTotals(group.figures), `month ${group.key}`).toEqual(expected);
    }
  });
});

describe("the figures a wrong method would get wrong", () => {
  it("4-1-1 takes each atelier's latest report of the year, then sums: not the months added up", async () => {
    const body = await get("scope=national&year=2025");
    // 14: December 6 of 12; 27: December 1 of 12; 50: May (the latest validated) 5 of 5.
    expect(indicator(body, "4-1-1")).toMatchObject({ numerator: 12, denominator: 29, value: 41.38 });
  });

  it("1-5 divides the sums: 61's two months give 2 %, not the 50 % average of its monthly shares", async () => {
    const body = await get("scope=atelier:61&year=2025");
    expect(indicator(body, "1-5")).toMatchObject({ numerator: 2, denominator: 100, value: 2 });
  });

  it("an atelier that moved in July counts January–June in Normandie and July–December in Île-de-France", async () => {
    const normandie = await get(`scope=territory:${NORMANDIE}&year=2025&breakdown=atelier`);
    const idf = await get(`scope=territory:${IDF}&year=2025&breakdown=atelier`);
    const days27 = (body: Body) =>
      body.breakdown?.groups.find((g) => g.key === "27")?.figures.find((f) => f.code === "traineeDaysOnSite")?.value;
    expect(days27(normandie)).toBe(101 + 102 + 103 + 104 + 105 + 106);
    expect(days27(idf)).toBe(107 + 108 + 109 + 110 + 111 + 112);
    // Its team is counted once, where the report that gives it belongs: December's, in Île-de-France, none in Normandie.
    expect(normandie.breakdown?.groups.find((g) => g.key === "27")?.figures.find((f) => f.code === "trainers")?.value).toBe(0);
    expect(idf.breakdown?.groups.find((g) => g.key === "27")?.figures.find((f) => f.code === "trainers")?.value).toBe(12);
    // Expected reports follow the atelier too: 6 months in each.
    expect(normandie.breakdown?.groups.find((g) => g.key === "27")?.completeness.expected).toBe(6);
    expect(idf.breakdown?.groups.find((g) => g.key === "27")?.completeness.expected).toBe(6);
  });

  it("the school year 2025-2026 runs from September 2025 to August 2026", async () => {
    const school = await get("scope=atelier:75&year=2025&yearType=school");
    expect(school).toMatchObject({ from: "2025-09", to: "2026-08", periodLabel: "année scolaire 2025-2026" });
    expect(indicator(school, "3-4").value).toBe(1 + 2 + 4 + 8);
    expect(indicator(await get("scope=atelier:75&year=2025"), "3-4").value).toBe(1000 + 1 + 2);
  });

  it("a returned report counts neither in official nor in provisional figures; a submitted one in provisional only", async () => {
    const official = await get("scope=atelier:50&year=2025");
    const provisional = await get("scope=atelier:50&year=2025&basis=provisional");
    expect(indicator(official, "1-4").value).toBe(50);
    expect(indicator(provisional, "1-4").value).toBe(40 + 50);
    expect(official.completeness).toMatchObject({ expected: 12, submitted: 2, validated: 1, included: 1 });
    expect(provisional.completeness).toMatchObject({ expected: 12, submitted: 2, validated: 1, included: 2 });
  });
});

describe("completeness, targets and the fiche", () => {
  it("counts the expected reports of every open atelier and month, and those received on time", async () => {
    const body = await get("scope=national&year=2025");
    const received = fixture.facts.filter((f) => f.period.startsWith("2025-") && ["submitted", "validated"].includes(f.status));
    expect(body.completeness).toEqual({
      expected: 101 * 12,
      submitted: received.length,
      validated: received.filter((f) => f.status === "validated").length,
      // Every report was first submitted on the 5th of the next month, but 14's March (the 15th of April); 50's returned March counts.
      onTime: fixture.facts.filter((f) => f.period.startsWith("2025-") && f.status !== "draft").length - 1,
      included: received.filter((f) => f.status === "validated").length,
    });
    const normandie = await get(`scope=territory:${NORMANDIE}&year=2025`);
    expect(normandie.completeness.expected).toBe(5 * 12 - 6);
    const reporting = Object.fromEntries(
      body.figures.filter((f) => f.code.startsWith("reports") || f.code.endsWith("Rate")).map((f) => [f.code, f.value]),
    );
    expect(reporting.reportsExpected).toBe(1212);
    expect(reporting.submissionRate).toBe(Math.round((received.length / 1212) * 10000) / 100);
  });

  it("gives the national 2017 targets, the 2016 baseline and the rate reached; a territory gets the targets of shares only", async () => {
    const body = await get("scope=national&year=2017");
    // No report in 2017: "aucune donnée" (null), never a 0 that reads as no activity.
    expect(body.completeness.included).toBe(0);
    expect(indicator(body, "1-1")).toMatchObject({ value: null, target: 89_000, baseline: 87_325, baselineYear: 2016, reached: null });
    expect(indicator(body, "4-1-1")).toMatchObject({ value: null, target: 10, baseline: 6, reached: null });
    expect(indicator(body, "1-1")).toHaveProperty("fiche.contractTitle", expect.stringMatching(/^Nombre de journées stagiaires annuelles/));
    const territory = await get(`scope=territory:${NORMANDIE}&year=2018`);
    expect(indicator(territory, "1-1")).not.toHaveProperty("target");
    expect(indicator(territory, "1-5")).toMatchObject({ target: 10, baseline: 3 });
    const quarter = await get("scope=national&year=2019&quarter=1");
    expect(indicator(quarter, "3-4")).toMatchObject({ target: 1100 });
    expect(indicator(quarter, "3-4")).not.toHaveProperty("reached");
    const school = await get("scope=national&year=2018&yearType=school");
    expect(indicator(school, "3-4")).not.toHaveProperty("target");
  });

  it("names the groups of each breakdown", async () => {
    const labels = await get("scope=national&year=2025&breakdown=label");
    expect(labels.breakdown?.groups.map((g) => g.key)).toEqual([...LABEL_STATUSES, "inconnu"]);
    expect(labels.breakdown?.groups[0]?.label).toBe("Labellisé");
    const territories = await get("scope=national&year=2025&breakdown=territory");
    expect(territories.breakdown?.groups).toHaveLength(12);
    expect(territories.breakdown?.groups.find((g) => g.key === IDF)?.label).toBe("Île-de-France");
    const ateliers = await get(`scope=territory:${NORMANDIE}&year=2025&breakdown=atelier`);
    expect(ateliers.breakdown?.groups.map((g) => g.key)).toEqual(["14", "27", "50", "61", "76"]);
    expect(ateliers.breakdown?.groups[0]?.label).toBe("Atelier Canopé 14 – Caen");
    const months = await get("scope=national&year=2025&yearType=school&breakdown=month");
    expect(months.breakdown?.groups.map((g) => g.key)[0]).toBe("2025-09");
    expect(months.breakdown?.groups).toHaveLength(12);
  });
});
