/**
 * One rule everywhere (domain page, sections 1, 4 and 5), on a hand-made
 * referential where the wrong rules give other answers: a report belongs to
 * the territory of its atelier in its month and counts there; reports are
 * expected for the months an atelier is open, once they are over; a
 * snapshot (4-1-1) counts once per atelier, where its latest report is; the
 * territories add up to the nation; nothing included is "aucune donnée".
 */
import { describe, expect, it } from "vitest";
import {
  type AtelierTimeline,
  aggregatedFields,
  aggregateReports,
  BUILT_IN_CATALOGUE,
  CONTRACT_INDICATORS,
  evaluateIndicator,
  expectedMonths,
  flatTotals,
  type ReportFacts,
  reportingCounts,
  yearRange,
} from "../src/index.ts";

const forms = BUILT_IN_CATALOGUE;
const FIELDS = aggregatedFields(forms);
const T1 = "aquitaine-limousin-poitou-charentes";
const T2 = "centre-val-de-loire";
const YEAR = yearRange(2025);
/** 15 November: January to October are over, November is not. */
const TODAY = "2025-11-15";
const DUE_DAY = 10;

/**
 * 86 moves from T1 to T2 from July; 14 stays in T1; 28 opens in T2 in April;
 * 36 (T2) closes from October (September is its last open month).
 */
const ATELIERS: AtelierTimeline[] = [
  {
    code: "86",
    openFrom: "2016-01",
    memberships: [
      { territoryCode: T1, from: "2016-01", to: "2025-07" },
      { territoryCode: T2, from: "2025-07" },
    ],
  },
  { code: "14", openFrom: "2016-01", memberships: [{ territoryCode: T1, from: "2016-01" }] },
  { code: "28", openFrom: "2025-04", memberships: [{ territoryCode: T2, from: "2025-04" }] },
  { code: "36", openFrom: "2016-01", closedFrom: "2025-10", memberships: [{ territoryCode: T2, from: "2016-01" }] },
];

const territoryOf = (code: string, period: string) =>
  ATELIERS.find((a) => a.code === code)?.memberships.find((m) => m.from <= period && (!m.to || period < m.to))?.territoryCode ?? "";

function months(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `2025-${String(from + i).padStart(2, "0")}`);
}

/** Validated reports of every open month over, submitted on the 5th of the next month; each with the territory of its month. */
function reportsOf(code: string, from: number, to: number, values: (month: number) => Record<string, number>) {
  return months(from, to).map((period): ReportFacts & { firstSubmittedOn: string } => ({
    atelierCode: code,
    period,
    territoryCode: territoryOf(code, period),
    status: "validated",
    formVersion: 1,
    values: values(Number(period.slice(5))),
    firstSubmittedOn: `2025-${String(Number(period.slice(5)) + 1).padStart(2, "0")}-05`,
  }));
}

// 86's team grows: 1 certified trainer of 4 while in T1, 3 of 10 from July (in T2).
const REPORTS = [
  ...reportsOf("86", 1, 10, (m) => ({ traineeDaysOnSite: 10, trainers: m < 7 ? 4 : 10, trainersCertified: m < 7 ? 1 : 3 })),
  ...reportsOf("14", 1, 10, () => ({ traineeDaysOnSite: 1, trainers: 5, trainersCertified: 2 })),
  ...reportsOf("28", 4, 10, () => ({ traineeDaysOnSite: 100, trainers: 4, trainersCertified: 1 })),
  ...reportsOf("36", 1, 9, () => ({ traineeDaysOnSite: 1000, trainers: 6, trainersCertified: 3 })),
];

const inTerritory = (code: string) => (r: { territoryCode: string | null }) => r.territoryCode === code;
const counts = (include?: (r: { territoryCode: string | null }) => boolean) =>
  reportingCounts(ATELIERS, REPORTS, { ...YEAR, today: TODAY, dueDay: DUE_DAY, ...(include ? { include } : {}) });
const versioned = (include?: (r: ReportFacts) => boolean) =>
  aggregateReports(REPORTS, FIELDS, { ...YEAR, basis: "official", ...(include ? { include } : {}) });
const totals = (include?: (r: ReportFacts) => boolean) => flatTotals(versioned(include));
const indicators = (include?: (r: ReportFacts) => boolean) => {
  const t = versioned(include);
  return Object.fromEntries(CONTRACT_INDICATORS.map((def) => [def.code, evaluateIndicator(def, t, { national: false, forms })]));
};

describe("an atelier moved mid-year", () => {
  it("is expected in each territory for its own months: completeness of both territories adds up to the nation", () => {
    // T1: 86 January–June (6) + 14 January–October (10). By today's territory, T1 would expect 10 and T2 26.
    expect(counts(inTerritory(T1))).toEqual({ expected: 16, submitted: 16, validated: 16, onTime: 16 });
    // T2: 86 July–October (4) + 28 April–October (7) + 36 January–September (9).
    expect(counts(inTerritory(T2))).toEqual({ expected: 20, submitted: 20, validated: 20, onTime: 20 });
    expect(counts()).toEqual({ expected: 36, submitted: 36, validated: 36, onTime: 36 });
  });

  it("counts its flows in the territory of each month", () => {
    expect(totals(inTerritory(T1)).traineeDaysOnSite).toBe(6 * 10 + 10 * 1);
    expect(totals(inTerritory(T2)).traineeDaysOnSite).toBe(4 * 10 + 7 * 100 + 9 * 1000);
    expect(totals().traineeDaysOnSite).toBe(70 + 9740);
  });

  it("counts its team once, in the territory of its latest report (4-1-1): the territories add up to the nation", () => {
    const t1 = indicators(inTerritory(T1));
    const t2 = indicators(inTerritory(T2));
    const nation = indicators();
    // T1 has 14 only (2 of 5): June's team of 86 (1 of 4) is not counted there, or T1 + T2 would be 22 trainers against 18.
    expect(t1["4-1-1"]).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
    // T2: 86 in October (3 of 10), 28 (1 of 4), 36 in September, its last month (3 of 6).
    expect(t2["4-1-1"]).toMatchObject({ numerator: 7, denominator: 20, value: 35 });
    expect(nation["4-1-1"]).toMatchObject({ numerator: 9, denominator: 25, value: 36 });
  });

  it("gives every indicator per territory, and the territories sum to the nation", () => {
    const t1 = indicators(inTerritory(T1));
    const t2 = indicators(inTerritory(T2));
    const nation = indicators();
    for (const def of CONTRACT_INDICATORS) {
      const [a, b, n] = [t1[def.code], t2[def.code], nation[def.code]];
      if (def.formula.kind === "sum") expect((a?.value ?? 0) + (b?.value ?? 0), def.code).toBeCloseTo(n?.value ?? Number.NaN, 2);
      else {
        expect((a?.numerator ?? 0) + (b?.numerator ?? 0), def.code).toBeCloseTo(n?.numerator ?? Number.NaN, 2);
        expect((a?.denominator ?? 0) + (b?.denominator ?? 0), def.code).toBeCloseTo(n?.denominator ?? Number.NaN, 2);
      }
    }
    for (const f of FIELDS)
      expect((totals(inTerritory(T1))[f.code] ?? 0) + (totals(inTerritory(T2))[f.code] ?? 0), f.code).toBeCloseTo(
        totals()[f.code] ?? Number.NaN,
        2,
      );
  });
});

describe("openings and closings", () => {
  it("expects an atelier from its opening month to the month before its closing", () => {
    const expected = expectedMonths(ATELIERS, YEAR, TODAY);
    expect(expected.filter((m) => m.atelierCode === "28").map((m) => m.period)).toEqual(months(4, 10));
    expect(expected.filter((m) => m.atelierCode === "36").map((m) => m.period)).toEqual(months(1, 9));
    // Every atelier since 2016 would expect 4 × 10 = 40.
    expect(expected).toHaveLength(36);
  });
});

describe("months not over", () => {
  it("are not expected before their last day, and are from it", () => {
    const november = (today: string) => expectedMonths(ATELIERS, YEAR, today).filter((m) => m.period === "2025-11").length;
    expect(november("2025-11-29")).toBe(0);
    // On 30 November, November is over: 86, 14 and 28 are expected (36 is closed).
    expect(november("2025-11-30")).toBe(3);
    expect(expectedMonths(ATELIERS, { from: "2025-02", to: "2025-02" }, "2025-02-27")).toHaveLength(0);
    expect(expectedMonths(ATELIERS, { from: "2025-02", to: "2025-02" }, "2025-02-28")).toHaveLength(3);
  });

  it("leave a report of a month not over out of the counts", () => {
    const early = [...REPORTS, { ...REPORTS[0], period: "2025-11", status: "submitted" as const, firstSubmittedOn: "2025-11-02" }];
    const c = reportingCounts(ATELIERS, early as typeof REPORTS, { ...YEAR, today: TODAY, dueDay: DUE_DAY });
    expect(c).toEqual({ expected: 36, submitted: 36, validated: 36, onTime: 36 });
  });
});

describe("aucune donnée", () => {
  it("gives no value (null), not 0, for a scope with no report included; completeness stays counts", () => {
    const none = indicators(() => false);
    for (const def of CONTRACT_INDICATORS) expect(none[def.code]?.value, def.code).toBeNull();
    expect(reportingCounts(ATELIERS, [], { ...YEAR, today: TODAY, dueDay: DUE_DAY })).toEqual({
      expected: 36,
      submitted: 0,
      validated: 0,
      onTime: 0,
    });
  });
});
