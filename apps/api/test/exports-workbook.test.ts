/**
 * The dashboard workbook: real numbers, French headers, one sheet per
 * scope, limited to the caller's reach.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorTargets, reports } from "../src/db/schema.ts";
import { seedTargets } from "../src/db/seed/targets.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { IDF, NORMANDIE, seedFixture, values } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;

const cookie: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await seedTargets(t.db);
  await seedFixture(t.db);
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

async function workbook(who: string, query = "year=2025") {
  const res = await get(who, `/api/exports/indicators.xlsx?${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { res, wb };
}

const rowOf = (sheet: ExcelJS.Worksheet, code: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === code) found = row;
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
};

describe("the dashboard workbook", () => {
  it("has the national indicators with baseline, target, value and rate reached as real numbers", async () => {
    const { res, wb } = await workbook("national");
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toContain("filename*=UTF-8''tableau-de-bord-indicateurs-ann%C3%A9e-2025.xlsx");
    const names = wb.worksheets.map((s) => s.name);
    expect(names[0]).toBe("Indicateurs nationaux");
    expect(names).toContain("Normandie");
    expect(names).toContain("Île-de-France");
    expect(names.slice(-2)).toEqual(["Totaux mensuels", "Fiches indicateurs"]);
    expect(names).toHaveLength(1 + 12 + 2);
    const national = wb.getWorksheet("Indicateurs nationaux") as ExcelJS.Worksheet;
    expect(national.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(national.getRow(1).values).toEqual(
      expect.arrayContaining(["Code", "Unité", "Valeur de référence", "Cible 2025", "Valeur", "Taux d'atteinte de la cible"]),
    );
    const days = rowOf(national, "1-1");
    expect(days.getCell(5).value).toBe(87_325);
    expect(days.getCell(6).value).toBe(2000);
    expect(typeof days.getCell(7).value).toBe("number");
    expect(days.getCell(7).numFmt).toMatch(/^#,##0/);
    const trainers = rowOf(national, "4-1-1");
    expect(trainers.getCell(6)).toMatchObject({ value: 0.5, numFmt: "0.00%" });
    expect(trainers.getCell(7)).toMatchObject({ value: 0.4138, numFmt: "0.00%" });
    expect(trainers.getCell(8).value).toBeCloseTo(0.8276, 4);
    expect(trainers.getCell(9).value).toBe(12);
    expect(trainers.getCell(10).value).toBe(29);
  });

  it("gives each territory its sheet (targets of shares only) and the monthly totals", async () => {
    const { wb } = await workbook("viewer");
    const normandie = wb.getWorksheet("Normandie") as ExcelJS.Worksheet;
    expect(rowOf(normandie, "1-1").getCell(6).value).toBeNull();
    expect(rowOf(normandie, "4-1-1").getCell(6).value).toBe(0.5);
    const monthly = wb.getWorksheet("Totaux mensuels") as ExcelJS.Worksheet;
    expect(monthly.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const january = monthly.getRow(2);
    expect(january.getCell(1).value).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(january.getCell(1).numFmt).toBe("mmmm yyyy");
    expect(january.getCell(2).value).toBe(101);
    const header = monthly.getRow(1).values as string[];
    const onSite = header.indexOf("Journées stagiaires dans les murs");
    expect(january.getCell(onSite).value).toBe(1 + 101);
    const total = monthly.getRow(14);
    expect(String(total.getCell(1).value)).toMatch(/^Total/);
    expect(total.getCell(2).value).toBe(1212);
  });

  it("gives a territorial director their territory only, and refuses atelier directors", async () => {
    const { wb } = await workbook("dtNormandie");
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Normandie", "Totaux mensuels Normandie", "Fiches indicateurs"]);
    const atelier = await get("atelier14", "/api/exports/indicators.xlsx?year=2025");
    expect(atelier.statusCode).toBe(403);
    expect(atelier.json().message).toMatch(/réservé aux directions nationale et territoriales/);
    expect((await get(null, "/api/exports/indicators.xlsx?year=2025")).statusCode).toBe(401);
    expect((await get("national", "/api/exports/indicators.xlsx")).statusCode).toBe(422);
  });
});
