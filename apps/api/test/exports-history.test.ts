/**
 * On the demo history (two years of the 101 ateliers), every national
 * indicator of 2025 is recomputed from the CSV export alone, by hand, and
 * compared with GET /api/indicators: the export and the indicators tell the
 * same story, and the formulas are the contract's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../src/db/seed/demo.ts";
import { seedHistory } from "../src/db/seed/history.ts";
import { seedTargets } from "../src/db/seed/targets.ts";
import { frenchNumber, parseFrenchCsv } from "./exports-csv.ts";
import { createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie = "";
let rows: Record<string, string>[] = [];
let distanceLearning = 0;

beforeAll(async () => {
  t = await createTestApp();
  await seedTargets(t.db);
  await seedDemo(t.db);
  await seedHistory(t.db, { today: "2026-11-30", seed: 2017 });
  cookie = (await signIn(t.app, "dis@canope.test", DEMO_PASSWORD)).cookie;
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")};${1000 + i * 10},5;${400 + i}`);
  const imported = await t.app.inject({
    method: "POST",
    url: "/api/distance-learning/import?dryRun=0",
    payload: ["period;moocTraineeDays;magistereTraineeDays", ...months].join("\n"),
    headers: { cookie, "content-type": "text/csv" },
  });
  expect(imported.statusCode, imported.body).toBe(200);
  const dl = (await t.app.inject({ url: "/api/distance-learning?year=2025", headers: { cookie } })).json();
  distanceLearning = dl.moocTraineeDays + dl.magistereTraineeDays;
  const res = await t.app.inject({ url: "/api/exports/reports.csv?year=2025&headers=codes", headers: { cookie } });
  expect(res.statusCode).toBe(200);
  rows = parseFrenchCsv(res.body);
}, 120_000);
afterAll(async () => await t?.close());

const n = (row: Record<string, string>, field: string) => frenchNumber(row[field]) ?? 0;
const total = (list: Record<string, string>[], ...fields: string[]) =>
  list.reduce((s, r) => s + fields.reduce((x, f) => x + n(r, f), 0), 0);
const share = (numerator: number, denominator: number) => Math.round((numerator / denominator) * 10000) / 100;

/** The contract's six formulas, written again from the CSV columns. */
function recompute(list: Record<string, string>[], national: boolean) {
  const latest = new Map<string, Record<string, string>>();
  for (const r of list) {
    const seen = latest.get(r.atelierCode ?? "");
    if (!seen || (seen.period ?? "") < (r.period ?? "")) latest.set(r.atelierCode ?? "", r);
  }
  const teams = [...latest.values()];
  return {
    "1-1": total(list, "traineeDaysOnSite", "traineeDaysOffSite") + (national ? distanceLearning : 0),
    "1-4": total(list, "eventsDpe"),
    "1-5": share(total(list, "traineeDaysEspe"), total(list, "traineeDaysOnSite", "traineeDaysOffSite", "traineeDaysRemote")),
    "2-2-2": total(list, "visitorsOnSite", "beneficiariesOffSite"),
    "3-4": total(list, "codesignSessions"),
    "4-1-1": share(total(teams, "trainersCertified"), total(teams, "trainers")),
  };
}

const COUNTED = { official: ["validated"], provisional: ["submitted", "validated"] } as const;

describe("2025 on the demo history: the CSV export and the indicators agree", () => {
  it("holds a whole year of the network: a row per expected report, the missing ones included", () => {
    expect(rows).toHaveLength(101 * 12);
    const missing = rows.filter((r) => r.status === "not_started");
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length).toBeLessThan(101 * 12 * 0.05);
    expect(missing.every((r) => r.version === "" && r.traineeDaysOnSite === "" && r.late === "oui")).toBe(true);
    expect(new Set(rows.map((r) => r.atelierCode)).size).toBe(101);
    expect(new Set(rows.map((r) => r.period))).toEqual(
      new Set(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`)),
    );
  });

  for (const basis of ["official", "provisional"] as const) {
    it(`every national indicator (${basis})`, async () => {
      const res = await t.app.inject({ url: `/api/indicators?scope=national&year=2025&basis=${basis}`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const counted = rows.filter((r) => (COUNTED[basis] as readonly string[]).includes(r.status ?? ""));
      const expected = recompute(counted, true);
      for (const [code, value] of Object.entries(expected)) {
        const got = body.indicators.find((i: { code: string }) => i.code === code);
        expect(got.value, code).toBeCloseTo(value, 2);
      }
      expect(body.completeness).toMatchObject({
        expected: rows.length,
        // The export's lateness is the indicators': a first submission by the due date is on time.
        onTime: rows.filter((r) => r.firstSubmittedAt !== "" && r.late === "non").length,
        submitted: rows.filter((r) => r.status === "submitted" || r.status === "validated").length,
        validated: rows.filter((r) => r.status === "validated").length,
        included: counted.length,
      });
      // Every flow field's total too.
      for (const field of ["trainees", "mediationBeneficiaries", "adviceBeneficiaries", "eventParticipants", "agreementsOther"]) {
        expect(body.figures.find((f: { code: string }) => f.code === field).value, field).toBeCloseTo(total(counted, field), 2);
      }
    });
  }

  it("every territory's indicators, counting each report in the territory of its month", async () => {
    const res = await t.app.inject({ url: "/api/indicators?scope=national&year=2025&breakdown=territory", headers: { cookie } });
    const groups = res.json().breakdown.groups as { key: string; indicators: { code: string; value: number }[] }[];
    expect(groups).toHaveLength(12);
    for (const g of groups) {
      const expected = recompute(
        rows.filter((r) => r.status === "validated" && r.territoryCode === g.key),
        false,
      );
      for (const [code, value] of Object.entries(expected)) {
        expect(g.indicators.find((i) => i.code === code)?.value, `${g.key} ${code}`).toBeCloseTo(value, 2);
      }
    }
  });

  it("the demo year is near the contract's 2016 figures", async () => {
    const body = (await t.app.inject({ url: "/api/indicators?scope=national&year=2025", headers: { cookie } })).json();
    const value = (code: string) => body.indicators.find((i: { code: string }) => i.code === code).value;
    expect(value("2-2-2")).toBeGreaterThan(447_826 * 0.8);
    expect(value("3-4")).toBeGreaterThan(838 * 0.8);
    expect(value("4-1-1")).toBeGreaterThan(0);
  });
});
