/**
 * Indicators over reports of several questionnaire versions (domain page,
 * sections 3 and 5), on hand-made cases: 1-5 counts training days for the
 * reports of version 2 and trainee-days (the proxy) for those of version 1,
 * each report by its own version, then divides the sums; the figure names
 * the definitions it used; every other figure reads the same whatever the
 * version.
 */
import { describe, expect, it } from "vitest";
import {
  aggregatedFields,
  aggregateReports,
  applyChanges,
  BUILT_IN_CATALOGUE,
  CONTRACT_INDICATORS,
  contractIndicator,
  dashboardFigures,
  definitionProblems,
  evaluateFigure,
  evaluateIndicator,
  FORM_V1,
  FormCatalogue,
  type FormDefinition,
  flatTotals,
  type IndicatorDef,
  type PeriodRange,
  type ReportFacts,
  type ReportValues,
  VERSION_2_CHANGES,
  yearRange,
} from "../src/index.ts";

const built = applyChanges(FORM_V1, VERSION_2_CHANGES, { version: 2, known: [FORM_V1] });
/** Version 2 as the national team publishes it, from July 2025. */
const V2: FormDefinition = { ...built.form, validFrom: "2025-07" };
const forms = new FormCatalogue([FORM_V1, V2]);
const FIELDS = aggregatedFields(forms);
const YEAR = yearRange(2025);
const FIRST_HALF: PeriodRange = { from: "2025-01", to: "2025-06" };
const SECOND_HALF: PeriodRange = { from: "2025-07", to: "2025-12" };

const FICHE = "Selon la fiche : jours de formation en partenariat ESPE/INSPÉ sur jours de formation";
const PROXY =
  "Approximation (questionnaire sans jours de formation) : journées stagiaires en partenariat ESPE/INSPÉ sur journées stagiaires";

const month = (m: number) => `2025-${String(m).padStart(2, "0")}`;
const report = (atelierCode: string, m: number, formVersion: number, values: ReportValues): ReportFacts => ({
  atelierCode,
  period: month(m),
  territoryCode: "normandie",
  status: "validated",
  formVersion,
  values,
});

/**
 * 14 and 50 report every month: version 1 from January to June, version 2
 * from July. Their trainee-days stay the same all year (the proxy's terms
 * are still asked in version 2); version 2 adds the training days.
 */
const traineeDays = {
  "14": { traineeDaysOnSite: 10, traineeDaysOffSite: 4, traineeDaysRemote: 1, traineeDaysEspe: 3 },
  "50": { traineeDaysOnSite: 20, traineeDaysOffSite: 0, traineeDaysRemote: 5, traineeDaysEspe: 1 },
};
const trainingDays = { "14": { trainingDays: 4, trainingDaysEspe: 1 }, "50": { trainingDays: 5, trainingDaysEspe: 2 } };
const team = (code: "14" | "50", m: number) =>
  code === "14"
    ? m < 12
      ? { trainers: 10, trainersCertified: 2 }
      : { trainers: 12, trainersCertified: 6 }
    : { trainers: 5, trainersCertified: 3 };
const others = (m: number) => ({ eventsDpe: m, visitorsOnSite: 10 * m, beneficiariesOffSite: 2, codesignSessions: m % 3 });

const YEAR_REPORTS: ReportFacts[] = (["14", "50"] as const).flatMap((code) =>
  Array.from({ length: 12 }, (_, i) => i + 1).map((m) =>
    m <= 6
      ? report(code, m, 1, { ...traineeDays[code], ...team(code, m), ...others(m) })
      : report(code, m, 2, { ...traineeDays[code], ...trainingDays[code], ...team(code, m), ...others(m) }),
  ),
);

const indicator = (code: string) => contractIndicator(code) as IndicatorDef;
const totals = (reports: readonly ReportFacts[], range: PeriodRange) => aggregateReports(reports, FIELDS, { ...range, basis: "official" });
const evaluate = (code: string, reports: readonly ReportFacts[], range: PeriodRange, catalogue = forms) =>
  evaluateIndicator(indicator(code), totals(reports, range), { national: false, forms: catalogue, range });
const percent = (numerator: number, denominator: number) => Math.round((numerator / denominator) * 10_000) / 100;

describe("version 2 as published", () => {
  it("applies without problem and has both training-day fields after the trainee-days", () => {
    expect(built.problems).toEqual([]);
    const codes = FIELDS.map((f) => f.code);
    expect(codes.slice(codes.indexOf("traineeDaysEspe"), codes.indexOf("traineeDaysEspe") + 3)).toEqual([
      "traineeDaysEspe",
      "trainingDays",
      "trainingDaysEspe",
    ]);
    expect(FIELDS.find((f) => f.code === "trainingDays")).toMatchObject({ section: "formation", aggregation: "flow", type: "decimal" });
    // The indicators' terms fit the questionnaire once version 2 is there, and before it too.
    expect(definitionProblems([...CONTRACT_INDICATORS, ...dashboardFigures(FIELDS)], FIELDS)).toEqual([]);
    const v1Fields = aggregatedFields(BUILT_IN_CATALOGUE);
    expect(definitionProblems([...CONTRACT_INDICATORS, ...dashboardFigures(v1Fields)], v1Fields)).toEqual([]);
  });
});

describe("1-5 over a year of six months of each version", () => {
  // By hand: version 2 months (July–December) count training days, version 1 months (January–June) trainee-days.
  const ficheNumerator = 6 * 1 + 6 * 2;
  const ficheDenominator = 6 * 4 + 6 * 5;
  const proxyNumerator = 6 * 3 + 6 * 1;
  const proxyDenominator = 6 * (10 + 4 + 1) + 6 * (20 + 0 + 5);

  it("adds each report's numerator and denominator as its own version defines them, then divides", () => {
    const value = evaluate("1-5", YEAR_REPORTS, YEAR);
    expect(value).toMatchObject({
      numerator: ficheNumerator + proxyNumerator,
      denominator: ficheDenominator + proxyDenominator,
      value: percent(ficheNumerator + proxyNumerator, ficheDenominator + proxyDenominator),
    });
    expect(value.value).toBe(14.29);
    // Not the average of the two definitions' shares (33.33 % and 10 %), nor the proxy over the whole year.
    expect(value.value).not.toBe(Math.round(((percent(18, 54) + percent(24, 240)) / 2) * 100) / 100);
    expect(value.value).not.toBe(percent(2 * proxyNumerator, 2 * proxyDenominator));
  });

  it("names both definitions, each with its versions, its reports and its own figure", () => {
    expect(evaluate("1-5", YEAR_REPORTS, YEAR).definitions).toEqual([
      { label: FICHE, versions: [2], reports: 12, numerator: 18, denominator: 54, value: 33.33 },
      { label: PROXY, versions: [1], reports: 12, numerator: 24, denominator: 240, value: 10 },
    ]);
  });

  it("a period of version 1 only gives the proxy, and names it alone while version 2 is not in force", () => {
    const value = evaluate("1-5", YEAR_REPORTS, FIRST_HALF);
    expect(value).toMatchObject({ numerator: 24, denominator: 240, value: 10 });
    expect(value.definitions).toEqual([{ label: PROXY, versions: [1], reports: 12, numerator: 24, denominator: 240, value: 10 }]);
  });

  it("a period of version 2 only gives the fiche's formula, named alone", () => {
    const value = evaluate("1-5", YEAR_REPORTS, SECOND_HALF);
    expect(value).toMatchObject({ numerator: 18, denominator: 54, value: percent(18, 54) });
    expect(value.definitions).toEqual([{ label: FICHE, versions: [2], reports: 12, numerator: 18, denominator: 54, value: 33.33 }]);
  });

  it("a version 2 report's trainee-days do not enter 1-5, however large", () => {
    const huge = YEAR_REPORTS.map((r) =>
      r.formVersion === 2 && r.atelierCode === "50"
        ? { ...r, values: { ...r.values, traineeDaysEspe: 1_000_000, traineeDaysRemote: 50_000 } }
        : r,
    );
    expect(evaluate("1-5", huge, YEAR)).toEqual(evaluate("1-5", YEAR_REPORTS, YEAR));
    // Nor do a version 1 report's training days, if some were ever stored with it.
    const stray = YEAR_REPORTS.map((r) =>
      r.formVersion === 1 ? { ...r, values: { ...r.values, trainingDays: 500, trainingDaysEspe: 500 } } : r,
    );
    expect(evaluate("1-5", stray, YEAR)).toEqual(evaluate("1-5", YEAR_REPORTS, YEAR));
  });

  it("names the fiche with no value when version 2 is in force but none of its reports counts yet", () => {
    // Only the first half's reports are in: the second half is not validated yet.
    const early = YEAR_REPORTS.filter((r) => r.formVersion === 1);
    const value = evaluate("1-5", early, YEAR);
    expect(value).toMatchObject({ numerator: 24, denominator: 240, value: 10 });
    expect(value.definitions).toEqual([
      { label: FICHE, versions: [2], reports: 0, numerator: 0, denominator: 0, value: null },
      { label: PROXY, versions: [1], reports: 12, numerator: 24, denominator: 240, value: 10 },
    ]);
  });

  it("a version 1 report of a month version 2 covers (a draft that kept its version) counts by the proxy", () => {
    const kept = YEAR_REPORTS.map((r) =>
      r.atelierCode === "50" && r.period === "2025-07" ? { ...r, formVersion: 1, values: { ...traineeDays["50"], ...team("50", 7) } } : r,
    );
    const value = evaluate("1-5", kept, SECOND_HALF);
    expect(value).toMatchObject({ numerator: 18 - 2 + 1, denominator: 54 - 5 + 25 });
    expect(value.definitions?.map((d) => [d.label, d.versions, d.reports])).toEqual([
      [FICHE, [2], 11],
      [PROXY, [1], 1],
    ]);
  });
});

describe("every other figure reads the same whatever the version", () => {
  // The same reports, as if all had been filled with version 1 (no training days).
  const asV1 = YEAR_REPORTS.map((r) => {
    const { trainingDays: _days, trainingDaysEspe: _espe, ...values } = r.values;
    return { ...r, formVersion: 1, values };
  });
  const v1Fields = aggregatedFields(BUILT_IN_CATALOGUE);
  const single = aggregateReports(asV1, v1Fields, { ...YEAR, basis: "official" });

  it("the other contract indicators", () => {
    for (const def of CONTRACT_INDICATORS.filter((d) => d.code !== "1-5")) {
      const mixed = evaluateIndicator(def, totals(YEAR_REPORTS, YEAR), { national: true, forms, range: YEAR });
      expect(mixed, def.code).toEqual(evaluateIndicator(def, single, { national: true, forms: BUILT_IN_CATALOGUE, range: YEAR }));
      expect(mixed.value, def.code).not.toBeNull();
    }
  });

  it("the dashboard's figures of every field version 1 has, and its sums", () => {
    const counts = { expected: 24, submitted: 24, validated: 24, onTime: 24 };
    const mixed = totals(YEAR_REPORTS, YEAR);
    for (const def of dashboardFigures(v1Fields)) {
      expect(evaluateFigure(def, mixed, counts, forms), def.code).toEqual(evaluateFigure(def, single, counts, BUILT_IN_CATALOGUE));
    }
  });

  it("4-1-1 takes each atelier's latest report once, whatever its version", () => {
    // 14: December (version 2) 6 of 12; 50: December 3 of 5. June's teams (version 1) are not added.
    const value = evaluate("4-1-1", YEAR_REPORTS, YEAR);
    expect(value).toMatchObject({ numerator: 6 + 3, denominator: 12 + 5, value: percent(9, 17) });
    expect(flatTotals(totals(YEAR_REPORTS, YEAR))).toMatchObject({ trainers: 17, trainersCertified: 9 });
    // 50 stops reporting in June: its June team (version 1) counts beside 14's December (version 2).
    const stopped = YEAR_REPORTS.filter((r) => !(r.atelierCode === "50" && r.formVersion === 2));
    const t = totals(stopped, YEAR);
    expect(t.byVersion[1]).toMatchObject({ trainers: 5, trainersCertified: 3 });
    expect(t.byVersion[2]).toMatchObject({ trainers: 12, trainersCertified: 6 });
    expect(evaluate("4-1-1", stopped, YEAR)).toMatchObject({ numerator: 9, denominator: 17 });
  });
});

describe("a field's figure counts the versions that have it", () => {
  const figure = (code: string, reports: readonly ReportFacts[], range: PeriodRange, catalogue = forms) => {
    const def = dashboardFigures(aggregatedFields(catalogue)).find((f) => f.code === code);
    if (!def) throw new Error(`no figure ${code}`);
    const counts = { expected: 0, submitted: 0, validated: 0, onTime: 0 };
    return evaluateFigure(def, aggregateReports(reports, aggregatedFields(catalogue), { ...range, basis: "official" }), counts, catalogue)
      .value;
  };

  it("training days: their total over version 2 reports, no value (not 0) over a period of version 1 reports", () => {
    expect(figure("trainingDays", YEAR_REPORTS, YEAR)).toBe(6 * 4 + 6 * 5);
    expect(figure("trainingDays", YEAR_REPORTS, FIRST_HALF)).toBeNull();
    expect(figure("traineeDaysEspe", YEAR_REPORTS, YEAR)).toBe(12 * 3 + 12 * 1);
  });

  it("a field retired by a later version stays counted in the reports of the versions that had it", () => {
    const v3 = applyChanges(V2, [{ kind: "retireField", field: "eventParticipants" }], { version: 3, known: [FORM_V1, V2] });
    expect(v3.problems).toEqual([]);
    const catalogue = new FormCatalogue([FORM_V1, V2, { ...v3.form, validFrom: "2025-10" }]);
    expect(aggregatedFields(catalogue).map((f) => f.code)).toContain("eventParticipants");
    const reports = YEAR_REPORTS.map((r) => {
      const m = Number(r.period.slice(5));
      return { ...r, formVersion: m >= 10 ? 3 : r.formVersion, values: { ...r.values, eventParticipants: m } };
    });
    // January–September: 1 + … + 9 for each atelier; the version 3 months do not have the field.
    expect(figure("eventParticipants", reports, YEAR, catalogue)).toBe(2 * 45);
    expect(figure("eventParticipants", reports, { from: "2025-10", to: "2025-12" }, catalogue)).toBeNull();
    // 1-5 reads version 3 by the fiche: it has the training days of version 2.
    const value = evaluate("1-5", reports, SECOND_HALF, catalogue);
    expect(value.definitions?.map((d) => [d.label, d.versions])).toEqual([[FICHE, [2, 3]]]);
    expect(value).toMatchObject({ numerator: 18, denominator: 54 });
  });
});
