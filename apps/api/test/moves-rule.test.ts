/**
 * One rule everywhere, on a real database: a report belongs to the
 * territory of its atelier in its month (reports.territory_code), is read
 * and decided by that territory's director, and counts in that territory's
 * figures; reports are expected for the open months that are over; a scope
 * with nothing included has no value; the territories add up to the nation.
 *
 * The referential is written straight into the tables, as a move, an
 * opening and a closing leave it (the routes that make them are tested
 * elsewhere): 86 moves from ALPC to Centre-Val de Loire from July 2025;
 * 37 (Centre-Val de Loire) closes from October 2025; 45-M opens in
 * Centre-Val de Loire in April 2025. Every month of 2025 is over.
 */
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ateliers, atelierTerritories, reports } from "../src/db/schema.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { values } from "./indicators-fixtures.ts";

const ALPC = "aquitaine-limousin-poitou-charentes";
const CVL = "centre-val-de-loire";
let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
/** How many ateliers each territory had before the changes. */
const seeded: Record<string, number> = {};

const month = (m: number) => `2025-${String(m).padStart(2, "0")}`;
const nextMonth5th = (m: number) => (m === 12 ? "2026-01-05" : `2025-${String(m + 1).padStart(2, "0")}-05`);

async function report(atelierCode: string, m: number, territoryCode: string, v: Record<string, number>, status: "submitted" | "validated") {
  const at = new Date(`${nextMonth5th(m)}T09:00:00Z`);
  await t.db.insert(reports).values({
    atelierCode,
    period: month(m),
    territoryCode,
    status,
    version: 2,
    formVersion: 1,
    values: values(v),
    firstSubmittedAt: at,
    submittedAt: at,
    validatedAt: status === "validated" ? at : null,
  });
}

beforeAll(async () => {
  t = await createTestApp({ costlyPerMinute: 1_000 });
  for (const code of [ALPC, CVL]) {
    seeded[code] = (
      await t.db
        .select()
        .from(atelierTerritories)
        .where(and(eq(atelierTerritories.territoryCode, code), isNull(atelierTerritories.validTo)))
    ).length;
  }
  // The move of 86 from July, the closing of 37 from October, the opening of 45-M in April.
  await t.db
    .update(atelierTerritories)
    .set({ validTo: "2025-07-01" })
    .where(and(eq(atelierTerritories.atelierCode, "86"), isNull(atelierTerritories.validTo)));
  await t.db.insert(atelierTerritories).values({ atelierCode: "86", territoryCode: CVL, validFrom: "2025-07-01" });
  await t.db.update(ateliers).set({ closedOn: "2025-10-01" }).where(eq(ateliers.code, "37"));
  await t.db
    .insert(ateliers)
    .values({ code: "45-M", name: "Atelier Canopé 45-M – Montargis", departement: "Loiret", city: "Montargis", openedOn: "2025-04-01" });
  await t.db.insert(atelierTerritories).values({ atelierCode: "45-M", territoryCode: CVL, validFrom: "2025-04-01" });

  // 86: 1 certified trainer of 4 while in ALPC, 3 of 10 from July; May and September still wait for a decision.
  for (let m = 1; m <= 12; m++) {
    const team = m < 7 ? { trainers: 4, trainersCertified: 1 } : { trainers: 10, trainersCertified: 3 };
    await report("86", m, m < 7 ? ALPC : CVL, { traineeDaysOnSite: 10, ...team }, m === 5 || m === 9 ? "submitted" : "validated");
  }
  for (let m = 1; m <= 9; m++) await report("37", m, CVL, { traineeDaysOnSite: 1000, trainers: 6, trainersCertified: 3 }, "validated");
  for (let m = 4; m <= 12; m++) await report("45-M", m, CVL, { traineeDaysOnSite: 100, trainers: 4, trainersCertified: 1 }, "validated");

  Object.assign(
    cookie,
    await signInPeople(t, {
      national: [{ role: "national" }],
      dtAlpc: [{ role: "territory", territoryCode: ALPC }],
      dtCvl: [{ role: "territory", territoryCode: CVL }],
    }),
  );
});
afterAll(async () => await t.close());

type Value = { code: string; value: number | null; numerator?: number; denominator?: number };
type Indicators = {
  completeness: { expected: number; submitted: number; validated: number; onTime: number; included: number };
  indicators: Value[];
  figures: Value[];
  breakdown?: { groups: { key: string; completeness: Indicators["completeness"]; indicators: Value[]; figures: Value[] }[] };
};

async function indicators(query: string, who = "national"): Promise<Indicators> {
  const res = await t.app.inject({ url: `/api/indicators?${query}`, headers: { cookie: cookie[who] ?? "" } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const of = (list: Value[], code: string) => list.find((v) => v.code === code) as Value;

describe("indicators", () => {
  it("expects each territory's own months: both territories and the nation", async () => {
    const alpc = await indicators(`scope=territory:${ALPC}&year=2025&basis=provisional`);
    const cvl = await indicators(`scope=territory:${CVL}&year=2025&basis=provisional`);
    const nation = await indicators("scope=national&year=2025&basis=provisional");
    // ALPC: its other ateliers all year, 86 January–June.
    expect(alpc.completeness).toMatchObject({ expected: ((seeded[ALPC] ?? 0) - 1) * 12 + 6, submitted: 6, validated: 5, included: 6 });
    // Centre-Val de Loire: its other ateliers all year but 37 (January–September), 86 July–December, 45-M April–December.
    expect(cvl.completeness).toMatchObject({ expected: ((seeded[CVL] ?? 0) - 1) * 12 + 9 + 6 + 9, submitted: 24, validated: 23 });
    // The nation: 100 ateliers all year, 37 nine months, 45-M nine months — not 102 × 12.
    expect(nation.completeness).toMatchObject({ expected: 100 * 12 + 9 + 9, submitted: 30, validated: 28, onTime: 30, included: 30 });
  });

  it("counts each month's flows in its territory, and 86's team once, in the territory of its latest report", async () => {
    const alpc = await indicators(`scope=territory:${ALPC}&year=2025&basis=provisional`);
    const cvl = await indicators(`scope=territory:${CVL}&year=2025&basis=provisional`);
    const nation = await indicators("scope=national&year=2025&basis=provisional");
    expect(of(alpc.indicators, "1-1").value).toBe(6 * 10);
    expect(of(cvl.indicators, "1-1").value).toBe(6 * 10 + 9 * 1000 + 9 * 100);
    expect(of(nation.indicators, "1-1").value).toBe(60 + 9960);
    // 86's June team stays out of ALPC: there, nothing gives a team (no value, not 0 %).
    expect(of(alpc.indicators, "4-1-1")).toMatchObject({ numerator: 0, denominator: 0, value: null });
    // Centre-Val de Loire: 86 in December (3 of 10), 37 in September, its last month (3 of 6), 45-M (1 of 4).
    expect(of(cvl.indicators, "4-1-1")).toMatchObject({ numerator: 7, denominator: 20, value: 35 });
    expect(of(nation.indicators, "4-1-1")).toMatchObject({ numerator: 7, denominator: 20, value: 35 });
  });

  it("breaks the nation down by territory into parts that add up to it, 4-1-1 and completeness included", async () => {
    for (const basis of ["official", "provisional"]) {
      const nation = await indicators(`scope=national&year=2025&basis=${basis}&breakdown=territory`);
      const groups = nation.breakdown?.groups ?? [];
      expect(groups).toHaveLength(12);
      for (const count of ["expected", "submitted", "validated", "onTime", "included"] as const) {
        expect(
          groups.reduce((s, g) => s + g.completeness[count], 0),
          `${basis} ${count}`,
        ).toBe(nation.completeness[count]);
      }
      for (const code of ["trainers", "trainersCertified", "traineeDaysOnSite"]) {
        expect(
          groups.reduce((s, g) => s + (of(g.figures, code).value ?? 0), 0),
          `${basis} ${code}`,
        ).toBe(of(nation.figures, code).value);
      }
      const n411 = of(nation.indicators, "4-1-1");
      expect(groups.reduce((s, g) => s + (of(g.indicators, "4-1-1").denominator ?? 0), 0)).toBe(n411.denominator);
      expect(groups.reduce((s, g) => s + (of(g.indicators, "4-1-1").numerator ?? 0), 0)).toBe(n411.numerator);
      // A territory's group is the territory's own figures.
      const cvl = await indicators(`scope=territory:${CVL}&year=2025&basis=${basis}`);
      expect(groups.find((g) => g.key === CVL)?.indicators).toEqual(
        cvl.indicators.map(({ code, value, numerator, denominator }) => ({ code, value, numerator, denominator })),
      );
    }
  });

  it("has no value (null) for a scope with nothing included, while completeness stays counts", async () => {
    const normandie = await indicators("scope=territory:normandie&year=2025");
    expect(normandie.completeness).toMatchObject({ expected: 5 * 12, submitted: 0, included: 0 });
    for (const i of normandie.indicators) expect(i.value, i.code).toBeNull();
    expect(of(normandie.figures, "traineeDaysOnSite").value).toBeNull();
    expect(of(normandie.figures, "reportsExpected").value).toBe(60);
    expect(of(normandie.figures, "submissionRate").value).toBe(0);
    const empty = await indicators("scope=national&year=2024");
    expect(empty.completeness.included).toBe(0);
    expect(of(empty.indicators, "1-1").value).toBeNull();
  });

  it("shows a territorial director an atelier that moved for the months it was theirs only", async () => {
    const alpc = await indicators("scope=atelier:86&year=2025&basis=provisional", "dtAlpc");
    expect(alpc.completeness).toMatchObject({ expected: 6, included: 6 });
    expect(of(alpc.indicators, "1-1").value).toBe(60);
    const cvl = await indicators("scope=atelier:86&year=2025&basis=provisional", "dtCvl");
    expect(cvl.completeness).toMatchObject({ expected: 6, included: 6 });
    expect(of(cvl.indicators, "4-1-1")).toMatchObject({ numerator: 3, denominator: 10 });
    const all = await indicators("scope=atelier:86&year=2025&basis=provisional");
    expect(all.completeness).toMatchObject({ expected: 12, included: 12 });
    // Before the move, 86 was never in Centre-Val de Loire: being there today gives no reach into its past.
    const before = await t.app.inject({ url: "/api/indicators?scope=atelier:86&year=2024", headers: { cookie: cookie.dtCvl ?? "" } });
    expect(before.statusCode).toBe(403);
  });
});

describe("the campaign", () => {
  type Cell = { period: string; status: string; expected: boolean; notExpected: string | null; territoryCode: string | null };
  type Campaign = {
    national: { expected: number; submitted: number; submittedRate: number | null };
    territories: { code: string; rates: { expected: number; submitted: number }; ateliers: { code: string; cells: Cell[] }[] }[];
  };
  const get = async (who: string): Promise<Campaign> => {
    const res = await t.app.inject({ url: "/api/campaign?year=2025", headers: { cookie: cookie[who] ?? "" } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("shows 86 under each territory with its own months, 37 closed and 45-M not yet open; territories add up to the nation", async () => {
    const body = await get("national");
    expect(body.national).toMatchObject({ expected: 1218, submitted: 30 });
    expect(body.territories.reduce((s, x) => s + x.rates.expected, 0)).toBe(body.national.expected);
    expect(body.territories.reduce((s, x) => s + x.rates.submitted, 0)).toBe(body.national.submitted);
    const alpc = body.territories.find((x) => x.code === ALPC);
    const cvl = body.territories.find((x) => x.code === CVL);
    const own = (rows: { code: string; cells: Cell[] }[] | undefined, code: string) =>
      rows
        ?.find((a) => a.code === code)
        ?.cells.filter((c) => c.territoryCode !== null)
        .map((c) => c.period);
    expect(own(alpc?.ateliers, "86")).toEqual([1, 2, 3, 4, 5, 6].map(month));
    expect(own(cvl?.ateliers, "86")).toEqual([7, 8, 9, 10, 11, 12].map(month));
    const a37 = cvl?.ateliers.find((a) => a.code === "37")?.cells ?? [];
    expect(a37.slice(9).map((c) => [c.status, c.notExpected, c.expected])).toEqual(Array(3).fill(["not_expected", "closed", false]));
    const a45 = cvl?.ateliers.find((a) => a.code === "45-M")?.cells ?? [];
    expect(a45.slice(0, 3).map((c) => [c.status, c.notExpected])).toEqual(Array(3).fill(["not_expected", "not_open_yet"]));
    expect(a45[3]).toMatchObject({ status: "validated", expected: true, territoryCode: CVL });
    expect(cvl?.rates.expected).toBe(((seeded[CVL] ?? 0) - 1) * 12 + 9 + 6 + 9);
  });

  it("gives a territorial director their own months of a moved atelier", async () => {
    const body = await get("dtCvl");
    expect(body.territories.map((x) => x.code)).toEqual([CVL]);
    const cells = body.territories[0]?.ateliers.find((a) => a.code === "86")?.cells ?? [];
    expect(cells.slice(0, 6).every((c) => c.territoryCode === null && !c.expected)).toBe(true);
    expect(cells.slice(6).every((c) => c.territoryCode === CVL)).toBe(true);
  });
});

describe("access to the reports of a moved atelier", () => {
  const req = (who: string, url: string, method: "GET" | "POST" = "GET") =>
    t.app.inject({ method, url, headers: { cookie: cookie[who] ?? "" } });

  it("lets the old territory read the months before the move, not after; the new one the reverse", async () => {
    expect((await req("dtAlpc", "/api/reports/86/2025-03")).statusCode).toBe(200);
    expect((await req("dtAlpc", "/api/reports/86/2025-08")).statusCode).toBe(403);
    expect((await req("dtCvl", "/api/reports/86/2025-08")).statusCode).toBe(200);
    const earlier = await req("dtCvl", "/api/reports/86/2025-03");
    expect(earlier.statusCode).toBe(403);
    expect(earlier.body).not.toContain("traineeDaysOnSite");
  });

  it("lets only the territory of the report decide it", async () => {
    // The new territory cannot validate a report that counts in the old territory's official figures, and vice versa.
    const wrongNew = await req("dtCvl", "/api/reports/86/2025-05/validate", "POST");
    expect(wrongNew.statusCode).toBe(403);
    expect((await req("dtAlpc", "/api/reports/86/2025-09/validate", "POST")).statusCode).toBe(403);
    const [may] = await t.db
      .select()
      .from(reports)
      .where(and(eq(reports.atelierCode, "86"), eq(reports.period, "2025-05")));
    expect(may?.status).toBe("submitted");
    expect((await req("dtAlpc", "/api/reports/86/2025-05/validate", "POST")).statusCode).toBe(200);
    expect((await req("dtCvl", "/api/reports/86/2025-09/validate", "POST")).statusCode).toBe(200);
    const alpc = await indicators(`scope=territory:${ALPC}&year=2025`);
    expect(alpc.completeness).toMatchObject({ validated: 6, included: 6 });
  });
});
