/**
 * GET /api/indicators beside the year before, on hand-made years: the same
 * months one year earlier, same scope and basis; a count's growth rate, a
 * share's difference in points, nothing to grow from a previous 0, a year
 * still running compared month for month, and nothing before 2016.
 */
import { isThin, yearBeforeRange, yearOnYearChange } from "@enquete/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signInPeople } from "./helpers.ts";
import { type Fixture, insert, NORMANDIE, values } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
const timings: { query: string; ms: number }[] = [];

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, "0")}`;

beforeAll(async () => {
  t = await createTestApp({ costlyPerMinute: 1_000 });
  const fixture: Fixture = { facts: [] };
  // 14 (Normandie), every month of 2024 and 2025, and of 2026 up to November (the platform's today is in December 2026).
  for (const [year, last] of [
    [2024, 12],
    [2025, 12],
    [2026, 11],
  ] as const) {
    for (let m = 1; m <= last; m++) {
      const v =
        year === 2024
          ? { visitorsOnSite: 100, codesignSessions: 2, eventsDpe: 0, trainers: 10, trainersCertified: 2 }
          : year === 2025
            ? { visitorsOnSite: 110, codesignSessions: 3, eventsDpe: 5, trainers: 10, trainersCertified: 3 }
            : { visitorsOnSite: 120, codesignSessions: 3, eventsDpe: 5, trainers: 10, trainersCertified: 4 };
      await insert(db(), fixture, {
        atelierCode: "14",
        period: month(year, m),
        territoryCode: NORMANDIE,
        status: "validated",
        values: values({ ...v, events: v.eventsDpe }),
      });
    }
  }
  // December 2025 is much bigger: a year read in December 2026 (January–November) must not set it against its November.
  await insert(db(), fixture, {
    atelierCode: "50",
    period: "2025-12",
    territoryCode: NORMANDIE,
    status: "validated",
    values: values({ visitorsOnSite: 5000 }),
  });
  // A report of 2024 only submitted: the provisional year before counts it, the official one does not.
  await insert(db(), fixture, {
    atelierCode: "61",
    period: "2024-06",
    territoryCode: NORMANDIE,
    status: "submitted",
    values: values({ visitorsOnSite: 800, codesignSessions: 24 }),
  });
  Object.assign(cookie, await signInPeople(t, { national: [{ role: "national" }], dt: [{ role: "territory", territoryCode: NORMANDIE }] }));
});
afterAll(async () => {
  // The route's cost with its one more aggregation, for comparison with the bench's budgets.
  console.info(timings.map((x) => `${x.query}: ${x.ms.toFixed(0)} ms`).join("\n"));
  await t.close();
});

const db = () => t.db;

type Previous = { from: string; to: string; periodLabel: string; value: number | null; change: number | null; changeUnit: string };
type Body = { indicators: { code: string; value: number | null; previous?: Previous | null }[] };

async function get(query: string, who = "national"): Promise<Body> {
  const started = performance.now();
  const res = await t.app.inject({ url: `/api/indicators?${query}`, headers: { cookie: cookie[who] ?? "" } });
  timings.push({ query, ms: performance.now() - started });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const ind = (body: Body, code: string) => body.indicators.find((i) => i.code === code);

describe("the year before", () => {
  it("2-2-2 (a count) grows in %, 4-1-1 (a share) moves in points, 3-4 has its growth rate", async () => {
    const body = await get("scope=national&year=2025");
    // 2025: 12 × 110 + 5 000 (50's December) = 6 320; 2024: 12 × 100 = 1 200 (61's June is only submitted).
    expect(ind(body, "2-2-2")).toMatchObject({
      value: 6320,
      previous: { from: "2024-01", to: "2024-12", periodLabel: "année 2024", value: 1200, change: 426.67, changeUnit: "%" },
    });
    expect(ind(body, "3-4")).toMatchObject({ value: 36, previous: { value: 24, change: 50, changeUnit: "%" } });
    // 4-1-1: 14's December team, 3 of 10 against 2 of 10 (50 has no team, its certified trainers count nothing).
    expect(ind(body, "4-1-1")).toMatchObject({ value: 30, previous: { value: 20, change: 10, changeUnit: "points" } });
  });

  it("a previous 0 gives no growth rate, the value stays beside it", async () => {
    const body = await get("scope=national&year=2025");
    expect(ind(body, "1-4")).toMatchObject({ value: 60, previous: { value: 0, change: null, changeUnit: "%" } });
  });

  it("a year still running compares the same months: January–November against January–November", async () => {
    const body = await get("scope=national&year=2026");
    // 2026: 11 × 120; 2025's January–November: 11 × 110, without December's 5 000.
    expect(ind(body, "2-2-2")).toMatchObject({
      value: 1320,
      previous: { from: "2025-01", to: "2025-11", periodLabel: "janvier à novembre 2025", value: 1210, change: 9.09 },
    });
    // A snapshot of the same months: 14's November 2025 team.
    expect(ind(body, "4-1-1")).toMatchObject({ value: 40, previous: { value: 30, change: 10 } });
  });

  it("keeps the scope and the basis: a territory's provisional figures beside its provisional year before", async () => {
    const official = await get(`scope=territory:${NORMANDIE}&year=2025`, "dt");
    expect(ind(official, "3-4")?.previous).toMatchObject({ value: 24, change: 50 });
    const provisional = await get(`scope=territory:${NORMANDIE}&year=2025&basis=provisional`, "dt");
    // 61's submitted June 2024 counts: 24 + 24 sessions, 1 200 + 800 beneficiaries.
    expect(ind(provisional, "3-4")?.previous).toMatchObject({ value: 48, change: -25 });
    expect(ind(provisional, "2-2-2")?.previous).toMatchObject({ value: 2000, change: 216 });
    const atelier = await get("scope=atelier:14&year=2025&quarter=1");
    expect(ind(atelier, "2-2-2")?.previous).toMatchObject({ from: "2024-01", to: "2024-03", value: 300, change: 10 });
  });

  it("is null before the survey's first year, and missing values have no change", async () => {
    const body = await get("scope=national&year=2016");
    for (const i of body.indicators) expect(i.previous, i.code).toBeNull();
    // 2024's year before (2023) has no report: no value, no change.
    const early = await get("scope=national&year=2024");
    expect(ind(early, "2-2-2")?.previous).toMatchObject({ from: "2023-01", value: null, change: null });
    // A school year compares the school year before.
    const school = await get("scope=national&year=2025&yearType=school");
    expect(ind(school, "2-2-2")?.previous).toMatchObject({ from: "2024-09", to: "2025-08", periodLabel: "année scolaire 2024-2025" });
  });
});

describe("the domain's rules behind it", () => {
  it("a range's year before, clipped to the months over", () => {
    expect(yearBeforeRange({ from: "2026-01", to: "2026-12" }, "2026-12")).toEqual({ from: "2025-01", to: "2025-11" });
    expect(yearBeforeRange({ from: "2025-09", to: "2026-08" }, "2026-12")).toEqual({ from: "2024-09", to: "2025-08" });
    expect(yearBeforeRange({ from: "2016-01", to: "2016-12" }, "2026-12")).toBeNull();
    expect(yearBeforeRange({ from: "2017-01", to: "2017-12" }, "2026-12")).toEqual({ from: "2016-01", to: "2016-12" });
  });

  it("the change: growth rate of a count, points of a share", () => {
    expect(yearOnYearChange("nombre", 110, 100)).toBe(10);
    expect(yearOnYearChange("nombre", 5, 0)).toBeNull();
    expect(yearOnYearChange("nombre", null, 3)).toBeNull();
    expect(yearOnYearChange("%", 28.6, 30)).toBe(-1.4);
  });

  it("a thin month counts fewer than half of its expected reports", () => {
    expect(isThin({ included: 1, expected: 101 })).toBe(true);
    expect(isThin({ included: 50, expected: 101 })).toBe(true);
    expect(isThin({ included: 51, expected: 101 })).toBe(false);
    expect(isThin({ included: 2, expected: 4 })).toBe(false);
    expect(isThin({ included: 0, expected: 0 })).toBe(false);
  });
});
