/**
 * The reports workbook opened with exceljs, as a spreadsheet reads it, cell
 * by cell: codes and comments are text ("01" stays "01", "12,5" stays
 * "12,5"), counts and trainee-days numbers, days, months and instants real
 * dates, one number format per column over every row, the header frozen and
 * filtered, and a sheet that describes every column.
 */
import { BUILT_IN_CATALOGUE, type ExportColumnType, reportExportColumns } from "@enquete/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reports } from "../src/db/schema.ts";
import { XLSX_FORMATS } from "../src/modules/exports/reports-xlsx.ts";
import { buildValues } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { NORMANDIE, seedFixture } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
/** The national workbook of 2025, read once: most tests look at it. */
let national: Awaited<ReturnType<typeof workbook>>;
const columns = reportExportColumns(BUILT_IN_CATALOGUE);

beforeAll(async () => {
  t = await createTestApp();
  await seedFixture(t.db);
  // Atelier 01: a code a spreadsheet would make the number 1, a comment it would make the number 12.5.
  await t.db.insert(reports).values({
    atelierCode: "01",
    period: "2025-02",
    territoryCode: "auvergne-rhone-alpes",
    status: "submitted",
    version: 3,
    formVersion: 1,
    values: buildValues({ highlights: "12,5" }),
    firstSubmittedAt: new Date("2025-03-12T16:45:00Z"),
    submittedAt: new Date("2025-03-12T16:45:00Z"),
  });
  Object.assign(
    cookie,
    await signInPeople(t, { national: [{ role: "national" }], dtNormandie: [{ role: "territory", territoryCode: NORMANDIE }], nobody: [] }),
  );
  national = await workbook("national");
});
afterAll(async () => await t.close());

async function workbook(who: string, query = "year=2025") {
  const res = await t.app.inject({ url: `/api/exports/reports.xlsx?${query}`, headers: { cookie: cookie[who] ?? "" } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { res, book, sheet: book.getWorksheet("Rapports") as ExcelJS.Worksheet };
}

/** Every data row as a map from column code to its cell. */
function rowsOf(sheet: ExcelJS.Worksheet) {
  const out: Map<string, ExcelJS.Cell>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(new Map(columns.map((c, i) => [c.code, row.getCell(i + 1)])));
  }
  return out;
}
const find = (rows: Map<string, ExcelJS.Cell>[], atelier: string, period: string) => {
  const row = rows.find(
    (r) =>
      r.get("atelierCode")?.value === atelier && ((r.get("period")?.value as Date | undefined)?.toISOString() ?? "").startsWith(period),
  );
  expect(row, `${atelier} ${period}`).toBeDefined();
  return row as Map<string, ExcelJS.Cell>;
};
const value = (row: Map<string, ExcelJS.Cell>, code: string) => row.get(code)?.value ?? null;

const JS_TYPE: Record<ExportColumnType, (v: unknown) => boolean> = {
  text: (v) => typeof v === "string",
  boolean: (v) => v === "oui" || v === "non",
  integer: (v) => typeof v === "number" && Number.isInteger(v),
  decimal: (v) => typeof v === "number",
  date: (v) => v instanceof Date,
  month: (v) => v instanceof Date && (v as Date).getUTCDate() === 1,
  datetime: (v) => v instanceof Date,
};

describe("the reports workbook", () => {
  it("is an XLSX file with a French name, a sheet of reports and a sheet of columns", async () => {
    const { res, book } = national;
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toContain("filename*=UTF-8''rapports-mensuels-ann%C3%A9e-2025.xlsx");
    expect(book.worksheets.map((w) => w.name)).toEqual(["Rapports", "Colonnes"]);
  });

  it("has French headers, frozen and filtered, over a row per atelier and month", async () => {
    const { sheet } = national;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.label));
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.rowCount).toBe(1 + 101 * 12);
    const last = sheet.getRow(1).getCell(columns.length).address.replace(/\d+$/, "");
    expect(sheet.autoFilter).toBe(`A1:${last}${sheet.rowCount}`);
    for (let i = 1; i <= columns.length; i++) expect(sheet.getColumn(i).width, columns[i - 1]?.code).toBeGreaterThanOrEqual(10);
  });

  it("types every cell by its column, with one number format per column over all rows", async () => {
    const { sheet } = national;
    const rows = rowsOf(sheet);
    let checked = 0;
    for (const c of columns) {
      const formats = new Set(rows.map((r) => r.get(c.code)?.numFmt));
      expect([...formats], c.code).toEqual([XLSX_FORMATS[c.type]]);
      for (const r of rows) {
        const v = value(r, c.code);
        if (v === null) continue;
        expect(JS_TYPE[c.type](v), `${c.code}: ${String(v)}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(101 * 12 * 10);
    expect(XLSX_FORMATS).toMatchObject({ integer: "#,##0", decimal: "#,##0.00", date: "dd/mm/yyyy", datetime: "dd/mm/yyyy hh:mm" });
  });

  it("keeps codes and comments as text, counts and days as numbers, dates as dates", async () => {
    const rows = rowsOf(national.sheet);
    const ain = find(rows, "01", "2025-02");
    expect(value(ain, "atelierCode")).toBe("01");
    expect(ain.get("atelierCode")?.type).toBe(ExcelJS.ValueType.String);
    expect(value(ain, "highlights")).toBe("12,5");
    expect(value(ain, "trainees")).toBe(120);
    expect(ain.get("trainees")?.numFmt).toBe("#,##0");
    expect(value(ain, "traineeDaysOffSite")).toBe(20.5);
    expect(ain.get("traineeDaysOffSite")?.numFmt).toBe("#,##0.00");
    expect(value(ain, "version")).toBe(3);
    expect(value(ain, "statusLabel")).toBe("Soumis");
    // The period is the first of its month, shown as "février 2025"; the due date a day; the submission Paris time (17:45 in winter).
    expect(value(ain, "period")).toEqual(new Date(Date.UTC(2025, 1, 1)));
    expect(ain.get("period")?.numFmt).toBe("mmmm yyyy");
    expect(value(ain, "dueDate")).toEqual(new Date(Date.UTC(2025, 2, 10)));
    expect(value(ain, "firstSubmittedAt")).toEqual(new Date(Date.UTC(2025, 2, 12, 17, 45)));
    expect(value(ain, "late")).toBe("oui");
    expect(value(ain, "daysLate")).toBe(2);
    expect(value(ain, "lab")).toBe("non");
    const corsica = find(rows, "2A", "2025-01");
    expect(value(corsica, "atelierCode")).toBe("2A");
    expect(value(corsica, "status")).toBe("not_started");
    expect(value(corsica, "version")).toBeNull();
    const caen = find(rows, "14", "2025-03");
    expect(value(caen, "lab")).toBe("oui");
    expect(value(caen, "labellisation")).toBe("Labellisation en cours");
    expect(value(caen, "traineeDaysOnSite")).toBe(3);
    expect(value(caen, "daysLate")).toBe(5);
    expect(value(caen, "territoryName")).toBe("Normandie");
  });

  it("describes every column in a second sheet: label, code, type, meaning", async () => {
    const { book } = national;
    const legend = book.getWorksheet("Colonnes") as ExcelJS.Worksheet;
    expect(legend.rowCount).toBe(1 + columns.length);
    columns.forEach((c, i) => {
      const row = legend.getRow(i + 2);
      expect(row.getCell(1).value).toBe(c.label);
      expect(row.getCell(2).value).toBe(c.code);
      expect(row.getCell(4).value).toBe(XLSX_FORMATS[c.type]);
      expect(String(row.getCell(5).value).length, c.code).toBeGreaterThan(10);
    });
  });

  it("keeps only the statuses asked for, within the caller's reach", async () => {
    const submitted = rowsOf((await workbook("national", "year=2025&status=submitted")).sheet);
    expect(submitted.length).toBeGreaterThan(0);
    expect(new Set(submitted.map((r) => value(r, "status")))).toEqual(new Set(["submitted"]));
    const normandie = rowsOf((await workbook("dtNormandie")).sheet);
    expect(new Set(normandie.map((r) => value(r, "territoryCode")))).toEqual(new Set([NORMANDIE]));
    const signedOut = await t.app.inject({ url: "/api/exports/reports.xlsx?year=2025" });
    expect(signedOut.statusCode).toBe(401);
    const roleless = await t.app.inject({ url: "/api/exports/reports.xlsx?year=2025", headers: { cookie: cookie.nobody ?? "" } });
    expect(roleless.statusCode).toBe(403);
    const bad = await t.app.inject({ url: "/api/exports/reports.xlsx?year=2025&status=lost", headers: { cookie: cookie.national ?? "" } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe("status");
  });

  it("is described in the OpenAPI document beside the CSV, with its status filter", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
    for (const path of ["/api/exports/reports.xlsx", "/api/exports/reports.csv"]) {
      const get = doc.paths[path]?.get;
      expect(get?.tags, path).toEqual(["Exports"]);
      expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(["year", "yearType", "status", "headers"]),
      );
    }
  });
});
