/**
 * The aggregation rules of section 5 on hand-made cases, each built so that
 * the classic wrong method gives another answer than the right one.
 */
import { describe, expect, it } from "vitest";
import {
  aggregatedFields,
  aggregateReports,
  BUILT_IN_CATALOGUE,
  CONTRACT_INDICATORS,
  contractIndicator,
  dashboardFigures,
  definitionProblems,
  evaluateFigure,
  evaluateIndicator,
  FIELD_CODE_RE,
  FORM_V1,
  flatTotals,
  type IndicatorBasis,
  type IndicatorDef,
  indicatorRange,
  NO_TOTALS,
  numericFields,
  type PeriodRange,
  type ReportFacts,
  type ReportStatus,
  type ReportValues,
  type VersionedTotals,
  yearRange,
} from "../src/index.ts";

const forms = BUILT_IN_CATALOGUE;
const FIELDS = aggregatedFields(forms);
const indicator = (code: string) => contractIndicator(code) as IndicatorDef;

function report(
  atelierCode: string,
  period: string,
  values: ReportValues,
  status: ReportStatus = "validated",
  territoryCode = "normandie",
): ReportFacts {
  return { atelierCode, period, territoryCode, status, formVersion: 1, values };
}

function totals(reports: ReportFacts[], range: PeriodRange, basis: IndicatorBasis = "official", include?: (r: ReportFacts) => boolean) {
  return aggregateReports(reports, FIELDS, { ...range, basis, ...(include ? { include } : {}) });
}

const value = (code: string, t: VersionedTotals, national = false) => evaluateIndicator(indicator(code), t, { national, forms }).value;
/** The version 1 proxy of 1-5, the only definition a version 1 period uses. */
const proxyOnly = (reports: number, numerator: number, denominator: number, value: number | null) => [
  {
    label: "Approximation (questionnaire sans jours de formation) : journées stagiaires en partenariat ESPE/INSPÉ sur journées stagiaires",
    versions: reports > 0 ? [1] : [],
    reports,
    numerator,
    denominator,
    value,
  },
];

describe("the definitions", () => {
  it("are the six contract indicators, with a unit, a formula over known fields and a fiche", () => {
    expect(CONTRACT_INDICATORS.map((i) => i.code)).toEqual(["1-1", "1-4", "1-5", "2-2-2", "3-4", "4-1-1"]);
    expect(CONTRACT_INDICATORS.filter((i) => i.unit === "%").map((i) => i.code)).toEqual(["1-5", "4-1-1"]);
    expect(CONTRACT_INDICATORS.filter((i) => i.addsDistanceLearning).map((i) => i.code)).toEqual(["1-1"]);
    for (const i of CONTRACT_INDICATORS) {
      expect(i.fiche.signification.length, i.code).toBeGreaterThan(20);
      expect(i.fiche.modeDeCalcul, i.code).toMatch(/^I = N1/);
    }
    expect(definitionProblems([...CONTRACT_INDICATORS, ...dashboardFigures(FIELDS)], FIELDS)).toEqual([]);
  });

  it("refuse a term that aggregates a snapshot field as a flow, or an unknown field", () => {
    const wrong: IndicatorDef = {
      ...indicator("4-1-1"),
      formula: { kind: "sum", terms: [{ fields: ["trainers", "nothing"], aggregation: "flow" }] },
    };
    expect(definitionProblems([wrong], FIELDS)).toEqual([
      "4-1-1 : trainers est de type snapshot, pas flow",
      "4-1-1 : champ inconnu nothing",
    ]);
  });

  it("give every numeric field of the questionnaire a total, with its kind", () => {
    const codes = numericFields(FORM_V1).map((f) => f.code);
    expect(FIELDS.map((f) => f.code)).toEqual(codes);
    for (const code of codes) expect(code).toMatch(FIELD_CODE_RE);
    const figures = dashboardFigures(FIELDS).map((f) => f.code);
    for (const code of codes) expect(figures).toContain(code);
    expect(FIELDS.filter((f) => f.aggregation === "snapshot").map((f) => f.code)).toEqual(["trainers", "trainersCertified"]);
  });
});

describe("a ratio is the sum of numerators over the sum of denominators", () => {
  // A small atelier trains almost only with the ESPE, a big one almost never.
  const reports = [
    report("14", "2025-03", { traineeDaysOnSite: 2, traineeDaysOffSite: 0, traineeDaysRemote: 0, traineeDaysEspe: 1 }),
    report("50", "2025-03", { traineeDaysOnSite: 60, traineeDaysOffSite: 30, traineeDaysRemote: 8, traineeDaysEspe: 0 }),
  ];

  it("1-5 over two ateliers is 1 %, not the 25 % an average of their shares would give", () => {
    const t = totals(reports, yearRange(2025));
    expect(evaluateIndicator(indicator("1-5"), t, { national: false, forms })).toEqual({
      code: "1-5",
      value: 1,
      numerator: 1,
      denominator: 100,
      definitions: proxyOnly(2, 1, 100, 1),
    });
    const averageOfShares = (0.5 + 0) / 2;
    expect(value("1-5", t)).not.toBe(averageOfShares * 100);
  });

  it("over the months of one atelier too", () => {
    const months = [
      report("14", "2025-01", { traineeDaysOnSite: 1, traineeDaysOffSite: 0, traineeDaysRemote: 0, traineeDaysEspe: 1 }),
      report("14", "2025-02", { traineeDaysOnSite: 99, traineeDaysOffSite: 0, traineeDaysRemote: 0, traineeDaysEspe: 0 }),
    ];
    expect(value("1-5", totals(months, yearRange(2025)))).toBe(1);
  });

  it("has no value when there is nothing to divide by", () => {
    expect(evaluateIndicator(indicator("1-5"), totals([], yearRange(2025)), { national: false, forms })).toEqual({
      code: "1-5",
      value: null,
      numerator: 0,
      denominator: 0,
      definitions: [],
    });
    // With the period given, the definition of the version in force is named, with nothing counted.
    const named = evaluateIndicator(indicator("1-5"), NO_TOTALS, { national: false, forms, range: yearRange(2025) });
    expect(named.definitions).toEqual([{ ...proxyOnly(0, 0, 0, null)[0], versions: [1] }]);
  });

  it("counts the remote trainee-days in the 1-5 denominator but not in 1-1, as the contract's fiches say", () => {
    const t = totals(
      [report("14", "2025-03", { traineeDaysOnSite: 10, traineeDaysOffSite: 5.5, traineeDaysRemote: 4.5, traineeDaysEspe: 2 })],
      yearRange(2025),
    );
    expect(value("1-1", t)).toBe(15.5);
    expect(evaluateIndicator(indicator("1-5"), t, { national: false, forms }).denominator).toBe(20);
  });
});

describe("a snapshot field is each atelier's latest value in the period, then summed", () => {
  const team = (trainers: number, trainersCertified: number) => ({ trainers, trainersCertified });
  const year = [
    // Atelier 14 grows during the year and certifies its trainers at the end.
    ...["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11"].map((p) =>
      report("14", p, team(10, 1)),
    ),
    report("14", "2025-12", team(12, 6)),
    // Atelier 50 stops reporting in June (closed for works): its June team counts.
    report("50", "2025-01", team(4, 0)),
    report("50", "2025-06", team(5, 4)),
  ];

  it("4-1-1 takes December for 14 and June for 50: 10 certified of 17 trainers", () => {
    const t = totals(year, yearRange(2025));
    expect(flatTotals(t).trainers).toBe(17);
    expect(flatTotals(t).trainersCertified).toBe(10);
    expect(evaluateIndicator(indicator("4-1-1"), t, { national: false, forms })).toMatchObject({
      value: 58.82,
      numerator: 10,
      denominator: 17,
    });
    // Summing the months instead would count 14's team twelve times.
    const summedOverMonths = year.reduce((s, r) => s + Number(r.values.trainers), 0);
    expect(summedOverMonths).toBe(131);
  });

  it("over one quarter, takes the quarter's latest report", () => {
    const q1 = indicatorRange({ year: 2025, quarter: 1 }) as PeriodRange;
    expect(flatTotals(totals(year, q1))).toMatchObject({ trainers: 14, trainersCertified: 1 });
  });

  it("takes the latest report that counts: a returned December leaves November in the official figure", () => {
    const returned = year.map((r) => (r.atelierCode === "14" && r.period === "2025-12" ? { ...r, status: "returned" as const } : r));
    expect(flatTotals(totals(returned, yearRange(2025)))).toMatchObject({ trainers: 15, trainersCertified: 5 });
  });
});

describe("an atelier that moved to another territory in July", () => {
  const days = (d: number) => ({
    traineeDaysOnSite: d,
    traineeDaysOffSite: 0,
    traineeDaysRemote: 0,
    traineeDaysEspe: 0,
    trainers: d,
    trainersCertified: 1,
  });
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);
  const reports = months.map((p, i) => report("27", p, days(i + 1), "validated", i < 6 ? "normandie" : "ile-de-france"));
  const inTerritory = (code: string) => (r: ReportFacts) => r.territoryCode === code;

  it("counts January–June in its old territory and July–December in its new one", () => {
    const range = yearRange(2025);
    expect(value("1-1", totals(reports, range, "official", inTerritory("normandie")))).toBe(1 + 2 + 3 + 4 + 5 + 6);
    expect(value("1-1", totals(reports, range, "official", inTerritory("ile-de-france")))).toBe(7 + 8 + 9 + 10 + 11 + 12);
    expect(value("1-1", totals(reports, range))).toBe(78);
  });

  it("counts its team once, in the territory of the report that gives it (its latest), so that territories add up to the nation", () => {
    const range = yearRange(2025);
    // June's team (6) stays out of Normandie: counting it there too would give the two territories 18 trainers against 12 nationally.
    expect(flatTotals(totals(reports, range, "official", inTerritory("normandie"))).trainers).toBe(0);
    expect(flatTotals(totals(reports, range, "official", inTerritory("ile-de-france"))).trainers).toBe(12);
    expect(flatTotals(totals(reports, range)).trainers).toBe(12);
  });
});

describe("a school year runs from September to August, across two calendar years", () => {
  const codesign = (n: number) => ({ codesignSessions: n });
  const reports = [
    report("86", "2025-08", codesign(1000)),
    report("86", "2025-09", codesign(1)),
    report("86", "2025-12", codesign(2)),
    report("86", "2026-01", codesign(4)),
    report("86", "2026-08", codesign(8)),
    report("86", "2026-09", codesign(2000)),
  ];

  it("2025-2026 counts September 2025 to August 2026", () => {
    const school = indicatorRange({ year: 2025, yearType: "school" }) as PeriodRange;
    expect(school).toEqual({ from: "2025-09", to: "2026-08" });
    expect(value("3-4", totals(reports, school))).toBe(15);
    expect(value("3-4", totals(reports, yearRange(2025)))).toBe(1003);
    expect(value("3-4", totals(reports, yearRange(2026)))).toBe(2012);
  });

  it("its second quarter is December to February, across the new year", () => {
    const q2 = indicatorRange({ year: 2025, yearType: "school", quarter: 2 }) as PeriodRange;
    expect(q2).toEqual({ from: "2025-12", to: "2026-02" });
    expect(value("3-4", totals(reports, q2))).toBe(6);
  });
});

describe("a month with a returned report, in official and provisional figures", () => {
  const events = (n: number) => ({ eventsDpe: n, visitorsOnSite: n * 10, beneficiariesOffSite: n });
  const reports = [
    report("86", "2025-03", events(1), "validated"),
    report("87", "2025-03", events(2), "submitted"),
    report("79", "2025-03", events(4), "returned"),
    report("16", "2025-03", events(8), "draft"),
  ];
  const march = indicatorRange({ year: 2025, month: "2025-03" }) as PeriodRange;

  it("official figures count the validated report only", () => {
    expect(value("1-4", totals(reports, march, "official"))).toBe(1);
    expect(value("2-2-2", totals(reports, march, "official"))).toBe(11);
  });

  it("provisional figures add the submitted one; the returned and the draft never count", () => {
    expect(value("1-4", totals(reports, march, "provisional"))).toBe(3);
    expect(value("2-2-2", totals(reports, march, "provisional"))).toBe(33);
  });
});

describe("national distance learning", () => {
  const t = totals([report("86", "2025-03", { traineeDaysOnSite: 10.5, traineeDaysOffSite: 4, traineeDaysRemote: 3 })], yearRange(2025));
  const distanceLearning = { moocTraineeDays: 100.25, magistereTraineeDays: 50 };

  it("is added to 1-1 in the national figure, with its parts", () => {
    expect(evaluateIndicator(indicator("1-1"), t, { national: true, distanceLearning, forms })).toEqual({
      code: "1-1",
      value: 164.75,
      parts: [
        { code: "ateliers", label: "Ateliers (dans et hors les murs)", value: 14.5 },
        { code: "mooc", label: "MOOC", value: 100.25 },
        { code: "magistere", label: "Parcours M@gistère", value: 50 },
      ],
    });
  });

  it("belongs to no territory or atelier, and to no other indicator", () => {
    expect(evaluateIndicator(indicator("1-1"), t, { national: false, distanceLearning, forms }).value).toBe(14.5);
    expect(evaluateIndicator(indicator("1-5"), t, { national: true, distanceLearning, forms }).denominator).toBe(17.5);
  });
});

describe("the reporting figures", () => {
  it("are shares of the expected reports", () => {
    const counts = { expected: 1212, submitted: 1200, validated: 1150, onTime: 1010 };
    const figures = dashboardFigures(FIELDS).filter((f) => f.group === "remontees");
    const byCode = Object.fromEntries(figures.map((f) => [f.code, evaluateFigure(f, NO_TOTALS, counts, forms).value]));
    expect(byCode).toEqual({
      reportsExpected: 1212,
      reportsSubmitted: 1200,
      reportsValidated: 1150,
      reportsOnTime: 1010,
      submissionRate: 99.01,
      validationRate: 94.88,
      onTimeRate: 83.33,
    });
    const onTimeRate = figures.find((f) => f.code === "onTimeRate") as (typeof figures)[number];
    const none = evaluateFigure(onTimeRate, NO_TOTALS, { ...counts, expected: 0 }, forms);
    expect(none.value).toBeNull();
  });
});
