/**
 * The reports CSV as French Excel opens it, limited to the caller's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorTargets, reports } from "../src/db/schema.ts";
import { seedTargets } from "../src/db/seed/targets.ts";
import { parseFrenchCsv } from "./exports-csv.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { type Fixture, IDF, NORMANDIE, seedFixture, values } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let fixture: Fixture;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await seedTargets(t.db);
  fixture = await seedFixture(t.db);
  await t.db.insert(indicatorTargets).values([
    { indicatorCode: "1-1", year: 2025, value: 2000, isBaseline: false },
    { indicatorCode: "4-1-1", year: 2025, value: 50, isBaseline: false },
  ]);
  await t.db.insert(reports).values({
    atelierCode: "2A",
    period: "2025-05",
    territoryCode: "paca-corse",
    status: "draft",
    version: 1,
    formVersion: 1,
    values: values({ highlights: '=HYPERLINK("http://pirate.example") ; "accueil"\nsur deux lignes' }),
  });
  const people = {
    national: [{ role: "national" }],
    viewer: [{ role: "viewer" }],
    dtNormandie: [{ role: "territory", territoryCode: NORMANDIE }],
    dtIdf: [{ role: "territory", territoryCode: IDF }],
    atelier14: [{ role: "atelier", atelierCode: "14" }],
    nobody: [],
  } as const;
  Object.assign(cookie, await signInPeople(t, people));
});
afterAll(async () => await t.close());

const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? { cookie: cookie[who] ?? "" } : {} });

async function csv(who: string, query = "year=2025") {
  const res = await get(who, `/api/exports/reports.csv?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return { res, rows: parseFrenchCsv(res.body) };
}

describe("the reports CSV", () => {
  it("opens in French Excel: BOM, ;, decimal comma, quoted text, a French file name", async () => {
    const { res, rows } = await csv("national");
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(
      "attachment; filename=\"rapports-mensuels-annee-2025.csv\"; filename*=UTF-8''rapports-mensuels-ann%C3%A9e-2025.csv",
    );
    expect(res.body.startsWith('\uFEFF"atelier";"nom_atelier";"departement";"direction_territoriale";"mois";"statut"')).toBe(true);
    const first = res.body.split("\r\n")[1] ?? "";
    expect(first).toMatch(/^"14";"Atelier Canopé 14 – Caen";"Calvados";"normandie";"2025-01";"validated";"Validé";1;2025-02-05 10:00;/);
    expect(first).toContain(";1;0,5;1,25;0,5;");
    const row = rows.find((r) => r.atelier === "14" && r.mois === "2025-01");
    expect(row).toMatchObject({ traineeDaysOffSite: "0,5", traineeDaysRemote: "1,25", trainers: "10", highlights: "" });
  });

  it("has one row per report of the year, whatever its status, with the territory of its month", async () => {
    const { rows } = await csv("national");
    const expected = fixture.facts.filter((f) => f.period.startsWith("2025-")).length + 1;
    expect(rows).toHaveLength(expected);
    const moved = rows.filter((r) => r.atelier === "27");
    expect(moved.filter((r) => r.direction_territoriale === NORMANDIE).map((r) => r.mois)).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
    ]);
    expect(moved.filter((r) => r.direction_territoriale === IDF)).toHaveLength(6);
    expect(rows.filter((r) => r.atelier === "50").map((r) => r.statut)).toEqual(["returned", "submitted", "validated", "draft"]);
    const school = (await csv("national", "year=2025&yearType=school")).rows;
    expect(school.filter((r) => r.atelier === "75").map((r) => r.mois)).toEqual(["2025-09", "2025-12", "2026-01", "2026-08"]);
  });

  it("quotes a text with separators and line breaks, and defuses a formula", async () => {
    const { res, rows } = await csv("national");
    expect(res.body).toContain('"\'=HYPERLINK(""http://pirate.example"") ; ""accueil""\nsur deux lignes"');
    expect(rows.find((r) => r.atelier === "2A")?.highlights).toBe('\'=HYPERLINK("http://pirate.example") ; "accueil"\nsur deux lignes');
  });

  it("is limited to the caller's reach: a territory gets the reports of its months, an atelier its own", async () => {
    const normandie = (await csv("dtNormandie")).rows;
    expect(new Set(normandie.map((r) => r.direction_territoriale))).toEqual(new Set([NORMANDIE]));
    expect(normandie.filter((r) => r.atelier === "27")).toHaveLength(6);
    const idf = (await csv("dtIdf")).rows;
    expect(new Set(idf.map((r) => r.atelier))).toEqual(new Set(["27", "75"]));
    const own = (await csv("atelier14")).rows;
    expect(new Set(own.map((r) => r.atelier))).toEqual(new Set(["14"]));
    expect((await csv("viewer")).rows.length).toBe((await csv("national")).rows.length);
  });

  it("refuses the signed-out, the role-less and bad parameters", async () => {
    expect((await get(null, "/api/exports/reports.csv?year=2025")).statusCode).toBe(401);
    expect((await get("nobody", "/api/exports/reports.csv?year=2025")).statusCode).toBe(403);
    const bad = await get("national", "/api/exports/reports.csv?year=25");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toContainEqual({ field: "year", message: "L'enquête commence en 2016." });
    expect((await get("national", "/api/exports/reports.csv?year=2025&yearType=civil")).statusCode).toBe(422);
  });
});
