/**
 * The rules around the indicators: periods, who reads which scope, targets
 * and baselines, national distance-learning figures.
 */
import { describe, expect, it } from "vitest";
import {
  attributeGroupLabel,
  canExportDashboard,
  canExportReports,
  canReadScope,
  contractIndicator,
  distanceLearningPeriodProblem,
  exportReach,
  formatScope,
  type IndicatorDef,
  indicatorRange,
  monthsBetween,
  parseScope,
  type RoleGrant,
  rangeLabel,
  reachedRate,
  showsTargets,
  type TargetRow,
  targetsOf,
  targetValueProblem,
  traineeDaysProblem,
  yearMonths,
} from "../src/index.ts";

describe("periods", () => {
  it("a calendar year, a school year, their quarters and months", () => {
    expect(indicatorRange({ year: 2025 })).toEqual({ from: "2025-01", to: "2025-12" });
    expect(indicatorRange({ year: 2025, yearType: "school" })).toEqual({ from: "2025-09", to: "2026-08" });
    expect(indicatorRange({ year: 2025, quarter: 4 })).toEqual({ from: "2025-10", to: "2025-12" });
    expect(indicatorRange({ year: 2025, yearType: "school", quarter: 4 })).toEqual({ from: "2026-06", to: "2026-08" });
    expect(indicatorRange({ year: 2025, yearType: "school", month: "2026-02" })).toEqual({ from: "2026-02", to: "2026-02" });
    expect(yearMonths(2025, "school")).toHaveLength(12);
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("refuses a month outside the year, a month with a quarter, and a fifth quarter, in French", () => {
    expect(indicatorRange({ year: 2025, month: "2026-02" })).toEqual({
      problems: [{ field: "month", message: "Le mois février 2026 n'appartient pas à l'année 2025." }],
    });
    expect(indicatorRange({ year: 2025, yearType: "school", month: "2025-08" })).toEqual({
      problems: [{ field: "month", message: "Le mois août 2025 n'appartient pas à l'année scolaire 2025-2026." }],
    });
    expect(indicatorRange({ year: 2025, month: "2025-02", quarter: 1 })).toMatchObject({ problems: [{ field: "quarter" }] });
    expect(indicatorRange({ year: 2025, quarter: 5 })).toEqual({ problems: [{ field: "quarter", message: "Le trimestre va de 1 à 4." }] });
  });

  it("names a range in French", () => {
    expect(rangeLabel({ from: "2025-01", to: "2025-12" })).toBe("année 2025");
    expect(rangeLabel({ from: "2025-09", to: "2026-08" }, "school")).toBe("année scolaire 2025-2026");
    expect(rangeLabel({ from: "2025-03", to: "2025-03" })).toBe("mars 2025");
    expect(rangeLabel({ from: "2025-04", to: "2025-06" })).toBe("avril à juin 2025");
    expect(rangeLabel({ from: "2025-12", to: "2026-02" }, "school")).toBe("décembre 2025 à février 2026");
  });
});

describe("scopes", () => {
  const national: RoleGrant[] = [{ role: "national" }];
  const viewer: RoleGrant[] = [{ role: "viewer" }];
  const admin: RoleGrant[] = [{ role: "admin" }];
  const dt: RoleGrant[] = [{ role: "territory", territoryCode: "normandie" }];
  const director: RoleGrant[] = [{ role: "atelier", atelierCode: "14" }];

  it("parses and writes the scope parameter", () => {
    expect(parseScope("national")).toEqual({ kind: "national" });
    expect(parseScope("territory:normandie")).toEqual({ kind: "territory", code: "normandie" });
    expect(parseScope("atelier:2A")).toEqual({ kind: "atelier", code: "2A" });
    for (const bad of ["", "nation", "territory:", "territory:Normandie", "atelier:20", "atelier:14:15", "national:x"]) {
      expect(parseScope(bad), bad).toBeNull();
    }
    expect(formatScope({ kind: "atelier", code: "971" })).toBe("atelier:971");
  });

  it("national, admin and viewer read every scope", () => {
    for (const grants of [national, viewer, admin]) {
      expect(canReadScope(grants, { kind: "national" })).toBe(true);
      expect(canReadScope(grants, { kind: "territory", code: "bretagne" })).toBe(true);
      expect(canReadScope(grants, { kind: "atelier", code: "86" })).toBe(true);
    }
  });

  it("a territorial director reads their territory and its ateliers, nothing else", () => {
    expect(canReadScope(dt, { kind: "national" })).toBe(false);
    expect(canReadScope(dt, { kind: "territory", code: "normandie" })).toBe(true);
    expect(canReadScope(dt, { kind: "territory", code: "bretagne" })).toBe(false);
    expect(canReadScope(dt, { kind: "atelier", code: "14" }, ["normandie"])).toBe(true);
    expect(canReadScope(dt, { kind: "atelier", code: "35" }, ["bretagne"])).toBe(false);
  });

  it("an atelier director reads their atelier only", () => {
    expect(canReadScope(director, { kind: "atelier", code: "14" }, ["normandie"])).toBe(true);
    expect(canReadScope(director, { kind: "atelier", code: "50" }, ["normandie"])).toBe(false);
    expect(canReadScope(director, { kind: "territory", code: "normandie" })).toBe(false);
    expect(canReadScope(director, { kind: "national" })).toBe(false);
  });

  it("exports: everything for national reach, the own scope otherwise; the workbook needs a national or territorial role", () => {
    expect(exportReach(viewer)).toEqual({ all: true });
    expect(exportReach([...dt, ...director])).toEqual({ all: false, territories: ["normandie"], ateliers: ["14"] });
    expect(canExportReports(director)).toBe(true);
    expect(canExportDashboard(director)).toBe(false);
    expect(canExportDashboard(dt)).toBe(true);
    expect(canExportReports([])).toBe(false);
  });

  it("names the groups of a breakdown", () => {
    expect(attributeGroupLabel("label", "en_cours")).toBe("Labellisation en cours");
    expect(attributeGroupLabel("label", "inconnu")).toBe("Statut de labellisation non renseigné");
    expect(attributeGroupLabel("lab", "true")).toBe("Avec laboratoire des usages");
    expect(attributeGroupLabel("espe", "false")).toBe("Hors ESPE/INSPÉ");
    expect(attributeGroupLabel("month", "2025-08")).toBe("août 2025");
  });
});

describe("targets and baselines", () => {
  const rows: TargetRow[] = [
    { indicatorCode: "1-1", year: 2016, value: 87_325, isBaseline: true },
    { indicatorCode: "1-1", year: 2017, value: 89_000, isBaseline: false },
    { indicatorCode: "1-1", year: 2019, value: 93_000, isBaseline: false },
    { indicatorCode: "1-1", year: 2023, value: 95_000, isBaseline: true },
    { indicatorCode: "1-1", year: 2025, value: 99_000, isBaseline: false },
    { indicatorCode: "1-5", year: 2017, value: 5, isBaseline: false },
  ];

  it("a year's target, read against the latest baseline of that year or before", () => {
    expect(targetsOf(rows, "1-1", 2016)).toEqual({ baseline: { year: 2016, value: 87_325 } });
    expect(targetsOf(rows, "1-1", 2017)).toEqual({ target: { year: 2017, value: 89_000 }, baseline: { year: 2016, value: 87_325 } });
    expect(targetsOf(rows, "1-1", 2018)).toEqual({ baseline: { year: 2016, value: 87_325 } });
    expect(targetsOf(rows, "1-1", 2025)).toEqual({ target: { year: 2025, value: 99_000 }, baseline: { year: 2023, value: 95_000 } });
    expect(targetsOf(rows, "1-5", 2017)).toEqual({ target: { year: 2017, value: 5 } });
    expect(targetsOf(rows, "1-1", 2015)).toEqual({});
  });

  it("national targets show nationally, and for shares everywhere", () => {
    const count = contractIndicator("1-1") as IndicatorDef;
    const share = contractIndicator("4-1-1") as IndicatorDef;
    expect(showsTargets(count, { kind: "national" })).toBe(true);
    expect(showsTargets(count, { kind: "territory", code: "normandie" })).toBe(false);
    expect(showsTargets(share, { kind: "atelier", code: "14" })).toBe(true);
  });

  it("the rate reached", () => {
    expect(reachedRate(91_000, 93_000)).toBe(97.85);
    expect(reachedRate(12, 15)).toBe(80);
    expect(reachedRate(null, 15)).toBeNull();
    expect(reachedRate(10, undefined)).toBeNull();
    expect(reachedRate(10, 0)).toBeNull();
  });

  it("a target is a number ≥ 0 with two decimals at most, and a percentage for a share", () => {
    const count = contractIndicator("2-2-2") as IndicatorDef;
    const share = contractIndicator("1-5") as IndicatorDef;
    expect(targetValueProblem(count, 680_000)).toBeNull();
    expect(targetValueProblem(share, 15)).toBeNull();
    expect(targetValueProblem(share, 100)).toBeNull();
    expect(targetValueProblem(share, 100.01)).toMatch(/pourcentage entre 0 et 100/);
    expect(targetValueProblem(count, -1)).toBe("Une cible ne peut pas être négative.");
    expect(targetValueProblem(count, 1.234)).toMatch(/Deux décimales/);
    expect(targetValueProblem(count, Number.NaN)).toBe("Saisissez un nombre.");
  });
});

describe("national distance learning figures", () => {
  it("are trainee-days ≥ 0 with two decimals at most", () => {
    expect(traineeDaysProblem(0)).toBeNull();
    expect(traineeDaysProblem(1234.5)).toBeNull();
    expect(traineeDaysProblem(0.1 + 0.2)).toBeNull();
    expect(traineeDaysProblem(-0.5)).toMatch(/négatif/);
    expect(traineeDaysProblem(1.005)).toMatch(/Deux décimales/);
    expect(traineeDaysProblem(1e12)).toBe("Ce nombre est trop grand.");
  });

  it("belong to a month of the survey that has started", () => {
    expect(distanceLearningPeriodProblem("2025-03", "2026-11-30")).toBeNull();
    expect(distanceLearningPeriodProblem("2026-11", "2026-11-30")).toBeNull();
    expect(distanceLearningPeriodProblem("2026-12", "2026-11-30")).toBe("Le mois de décembre 2026 n'a pas encore commencé.");
    expect(distanceLearningPeriodProblem("2015-12", "2026-11-30")).toMatch(/antérieur/);
    expect(distanceLearningPeriodProblem("2025-13", "2026-11-30")).toMatch(/Mois invalide/);
  });
});
