/**
 * The dashboard workbook: real numbers with one format per column, French
 * headers, whole sheet names, one sheet per scope and basis (official and
 * provisional), each indicator beside the year before, targets only where
 * there are some, limited to the caller's reach.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorTargets, reports } from "../src/db/schema.ts";
import { seedTargets } from "../src/db/seed/targets.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { IDF, insert, NORMANDIE, seedFixture, values } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;

const cookie: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await seedTargets(t.db);
  await seedFixture(t.db);
  // The year before: a validated June 2024 for 14, a submitted July 2024 for 50 (provisional figures only).
  const before = { facts: [] };
  await insert(t.db, before, {
    atelierCode: "14",
    period: "2024-06",
    territoryCode: NORMANDIE,
    status: "validated",
    values: values({ traineeDaysOnSite: 50, visitorsOnSite: 100, eventsDpe: 4, codesignSessions: 2, trainers: 10, trainersCertified: 2 }),
  });
  await insert(t.db, before, {
    atelierCode: "50",
    period: "2024-07",
    territoryCode: NORMANDIE,
    status: "submitted",
    values: values({ visitorsOnSite: 400, eventsDpe: 6 }),
  });
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

const HEADER_ROW = 2;
// Row values are sparse (index 0 and empty cells are holes): Array.from fills them.
const headersOf = (sheet: ExcelJS.Worksheet) => Array.from(sheet.getRow(HEADER_ROW).values as unknown[], (v) => (v ? String(v) : ""));
/** The cell of a row under the header that starts with `start`. */
function cellOf(sheet: ExcelJS.Worksheet, row: ExcelJS.Row, start: string): ExcelJS.Cell {
  const column = headersOf(sheet).findIndex((h) => h.startsWith(start));
  if (column < 1) throw new Error(`no column ${start} in ${sheet.name}`);
  return row.getCell(column);
}

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const found = wb.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name} among ${wb.worksheets.map((s) => s.name).join(", ")}`);
  return found;
};

type Api = {
  indicators: { code: string; unit: string; value: number | null; previous: { value: number | null; change: number | null } | null }[];
};
async function api(query: string): Promise<Api> {
  const res = await get("national", `/api/indicators?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const indicatorOf = (body: Api, code: string) => body.indicators.find((i) => i.code === code) as Api["indicators"][number];

const CODES = ["1-1", "1-4", "1-5", "2-2-2", "3-4", "4-1-1"];

describe("the dashboard workbook", () => {
  it("names its sheets with whole words, at most 31 characters, each once: official sheets, then provisional ones", async () => {
    const { res, wb } = await workbook("national");
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toContain("filename*=UTF-8''tableau-de-bord-indicateurs-ann%C3%A9e-2025.xlsx");
    const names = wb.worksheets.map((s) => s.name);
    expect(names).toHaveLength(2 * (1 + 12 + 1) + 1);
    expect(names.slice(0, 2)).toEqual(["National", expect.any(String)]);
    expect(names.slice(13, 16)).toEqual(["Totaux mensuels", "National (provisoire)", expect.any(String)]);
    expect(names.slice(-2)).toEqual(["Totaux mensuels (provisoire)", "Fiches indicateurs"]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    const territories = (await get("national", "/api/territories")).json() as { code: string; name: string }[];
    for (const ws of wb.worksheets) {
      expect(ws.name.length, ws.name).toBeLessThanOrEqual(31);
      expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
    }
    // Each territory's two sheets: the same name, its full name in the title row; never a name cut mid-word.
    for (const [basis, offset] of [
      ["official", 1],
      ["provisional", 15],
    ] as const) {
      const sheets = wb.worksheets.slice(offset, offset + 12);
      const fullNames = sheets.map((ws) => territories.find((t) => String(ws.getCell("A1").value).startsWith(`${t.name} – `))?.name);
      expect(new Set(fullNames).size, basis).toBe(12);
      sheets.forEach((ws, i) => {
        const full = fullNames[i] as string;
        const base = basis === "provisional" ? ws.name.replace(/ \(provisoire\)$/, "") : ws.name;
        expect(base, ws.name).toBe(wb.worksheets[i + 1]?.name);
        const fullWords = full.split(/[\s\-–]+/);
        for (const word of base.split(/[\s\-–]+/)) {
          // A whole word of the full name, or an acronym (ALPC) that the fiches sheet explains.
          expect(fullWords.includes(word) || /^[A-Z]{2,}$/.test(word), `${ws.name} / ${full}`).toBe(true);
        }
      });
    }
    expect(names).toContain("Normandie");
    expect(names).toContain("Normandie (provisoire)");
    expect(names).toContain("ALPC (provisoire)");
    expect(String(sheet(wb, "ALPC").getCell("A1").value)).toMatch(
      /^Aquitaine – Limousin – Poitou-Charentes – année 2025 – chiffres officiels/,
    );
  });

  it("has the national indicators with baseline, target, value, the year before and its growth as real numbers", async () => {
    const { wb } = await workbook("national");
    const national = sheet(wb, "National");
    expect(national.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
    expect(String(national.getCell("A1").value)).toBe("Réseau Canopé (national) – année 2025 – chiffres officiels (rapports validés)");
    const headers = headersOf(national);
    for (const h of ["Code", "Unité", "Valeur (nombre)", "Valeur N-1 (année 2024), nombre", "Évolution (taux de croissance, %)"]) {
      expect(headers).toContain(h);
    }
    expect(headers).toEqual(
      expect.arrayContaining(["Valeur (%)", "Valeur N-1 (année 2024), %", "Évolution (en points)", "Cible 2025 (nombre)"]),
    );
    const body = await api("scope=national&year=2025");
    const days = rowOf(national, "1-1");
    expect(cellOf(national, days, "Valeur de référence (nombre)").value).toBe(87_325);
    expect(cellOf(national, days, "Cible 2025 (nombre)").value).toBe(2000);
    expect(cellOf(national, days, "Valeur (nombre)")).toMatchObject({ value: indicatorOf(body, "1-1").value, numFmt: "#,##0" });
    // 14's June 2024: 50 trainee-days, the year before of 1-1.
    expect(cellOf(national, days, "Valeur N-1 (année 2024), nombre")).toMatchObject({ value: 50, numFmt: "#,##0" });
    const growth = cellOf(national, days, "Évolution (taux de croissance, %)");
    expect(growth.value).toBeCloseTo((indicatorOf(body, "1-1").previous?.change ?? Number.NaN) / 100, 6);
    expect(growth.numFmt).toBe("+0.0%;-0.0%;0.0%");
    // 2-2-2 and 3-4 beside the year before too.
    for (const code of ["2-2-2", "3-4"]) {
      const row = rowOf(national, code);
      const api = indicatorOf(body, code);
      expect(cellOf(national, row, "Valeur N-1 (année 2024), nombre").value, code).toBe(api.previous?.value);
      expect(typeof cellOf(national, row, "Évolution (taux de croissance, %)").value, code).toBe("number");
    }
    expect(cellOf(national, rowOf(national, "3-4"), "Valeur N-1 (année 2024), nombre").value).toBe(2);
    // No target of 1-4 for 2025: said, not an empty cell under the header.
    expect(cellOf(national, rowOf(national, "1-4"), "Cible 2025 (nombre)").value).toBe("pas de cible fixée pour cette année");
    const trainers = rowOf(national, "4-1-1");
    expect(cellOf(national, trainers, "Cible 2025 (%)")).toMatchObject({ value: 0.5, numFmt: "0.00%" });
    expect(cellOf(national, trainers, "Valeur (%)")).toMatchObject({ value: 0.4138, numFmt: "0.00%" });
    // June 2024: 2 certified of 10, 20 %; 2025, 41,38 %: +21,38 points.
    expect(cellOf(national, trainers, "Valeur N-1 (année 2024), %")).toMatchObject({ value: 0.2, numFmt: "0.00%" });
    expect(cellOf(national, trainers, "Évolution (en points)")).toMatchObject({ value: 21.38, numFmt: '+0.00" pt";-0.00" pt";0.00" pt"' });
    expect(cellOf(national, trainers, "Taux d'atteinte").value).toBeCloseTo(0.8276, 4);
    expect(cellOf(national, trainers, "Numérateur").value).toBe(12);
    expect(cellOf(national, trainers, "Dénominateur").value).toBe(29);
  });

  it("keeps one number format per column on every sheet", async () => {
    for (const query of ["year=2025", "year=2025&yearType=school"]) {
      const { wb } = await workbook("national", query);
      for (const ws of wb.worksheets) {
        const formats = new Map<number, Set<string>>();
        ws.eachRow((row, n) => {
          if (n <= HEADER_ROW) return;
          row.eachCell((cell, column) => {
            if (typeof cell.value !== "number") return;
            const set = formats.get(column) ?? new Set<string>();
            set.add(cell.numFmt ?? "");
            formats.set(column, set);
          });
        });
        for (const [column, set] of formats) expect([...set], `${query} ${ws.name} column ${column}`).toHaveLength(1);
      }
    }
  });

  it("puts a target header only over targets, and none in a school year's workbook", async () => {
    const { wb } = await workbook("national");
    for (const ws of wb.worksheets.filter((w) => w.name !== "Fiches indicateurs" && !w.name.startsWith("Totaux"))) {
      headersOf(ws).forEach((h, column) => {
        if (!h.startsWith("Cible")) return;
        const unit = h.endsWith("(%)") ? "%" : "nombre";
        for (const code of CODES) {
          const row = rowOf(ws, code);
          if (row.getCell(3).value !== unit) continue;
          const v = row.getCell(column).value;
          expect(typeof v === "number" || v === "pas de cible fixée pour cette année", `${ws.name} ${h} ${code}`).toBe(true);
        }
      });
    }
    // A territory has the national targets of shares only: no column of count targets.
    const normandie = sheet(wb, "Normandie");
    expect(headersOf(normandie).some((h) => h.startsWith("Cible 2025 (nombre)"))).toBe(false);
    expect(cellOf(normandie, rowOf(normandie, "4-1-1"), "Cible 2025 (%)").value).toBe(0.5);

    const school = (await workbook("national", "year=2025&yearType=school")).wb;
    for (const ws of school.worksheets) {
      expect(
        headersOf(ws).filter((h) => /cible/i.test(h)),
        ws.name,
      ).toEqual([]);
    }
    const notes: string[] = [];
    sheet(school, "National").eachRow((row) => {
      notes.push(String(row.getCell(2).value ?? ""));
    });
    expect(notes).toContain("Cibles : les cibles du contrat sont fixées par année civile ; une année scolaire n'en a pas.");
    expect(String(sheet(school, "National").getCell("A1").value)).toContain("année scolaire 2025-2026");
  });

  it("has provisional sheets that count the submitted reports, beside their own year before", async () => {
    const { wb } = await workbook("national");
    const official = await api("scope=national&year=2025");
    const provisional = await api("scope=national&year=2025&basis=provisional");
    const ws = sheet(wb, "National (provisoire)");
    expect(String(ws.getCell("A1").value)).toContain("chiffres provisoires (rapports soumis et validés)");
    for (const code of ["1-4", "2-2-2"]) {
      const row = rowOf(ws, code);
      expect(cellOf(ws, row, "Valeur (nombre)").value, code).toBe(indicatorOf(provisional, code).value);
      expect(cellOf(ws, row, "Valeur N-1 (année 2024), nombre").value, code).toBe(indicatorOf(provisional, code).previous?.value);
    }
    // 50's April (submitted) counts in the provisional 1-4, its July 2024 in the provisional year before.
    expect(indicatorOf(provisional, "1-4").value).toBeGreaterThan(indicatorOf(official, "1-4").value ?? 0);
    expect(cellOf(ws, rowOf(ws, "1-4"), "Valeur N-1 (année 2024), nombre").value).toBe(4 + 6);
    expect(cellOf(sheet(wb, "National"), rowOf(sheet(wb, "National"), "1-4"), "Valeur N-1 (année 2024), nombre").value).toBe(4);
    // The territory's provisional sheet has its year before from the same breakdown.
    const normandie = sheet(wb, "Normandie (provisoire)");
    expect(cellOf(normandie, rowOf(normandie, "2-2-2"), "Valeur N-1 (année 2024), nombre").value).toBe(100 + 400);
    const monthly = sheet(wb, "Totaux mensuels (provisoire)");
    expect(String(monthly.getCell("A1").value)).toContain("chiffres provisoires");
  });

  it("gives each territory its sheet (targets of shares only) and the monthly totals", async () => {
    const { wb } = await workbook("viewer");
    const normandie = sheet(wb, "Normandie");
    expect(cellOf(normandie, rowOf(normandie, "4-1-1"), "Cible 2025 (%)").value).toBe(0.5);
    expect(cellOf(normandie, rowOf(normandie, "1-5"), "Cible 2025 (%)").value).toBe("pas de cible fixée pour cette année");
    const monthly = sheet(wb, "Totaux mensuels");
    expect(monthly.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
    const january = monthly.getRow(HEADER_ROW + 1);
    expect(january.getCell(1).value).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(january.getCell(1).numFmt).toBe("mmmm yyyy");
    expect(january.getCell(2).value).toBe(101);
    const header = headersOf(monthly);
    const onSite = header.indexOf("Journées stagiaires dans les murs");
    expect(january.getCell(onSite).value).toBe(1 + 101);
    expect(january.getCell(onSite).numFmt).toBe("#,##0.00");
    const total = monthly.getRow(HEADER_ROW + 13);
    expect(String(total.getCell(1).value)).toMatch(/^Total/);
    expect(total.getCell(2).value).toBe(1212);
  });

  it("gives a territorial director their territory only, and refuses atelier directors", async () => {
    const { wb } = await workbook("dtNormandie");
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      "Normandie",
      "Mois Normandie",
      "Normandie (provisoire)",
      "Mois Normandie (provisoire)",
      "Fiches indicateurs",
    ]);
    const own = sheet(wb, "Normandie");
    expect(cellOf(own, rowOf(own, "2-2-2"), "Valeur N-1 (année 2024), nombre").value).toBe(100);
    const atelier = await get("atelier14", "/api/exports/indicators.xlsx?year=2025");
    expect(atelier.statusCode).toBe(403);
    expect(atelier.json().message).toMatch(/réservé aux directions nationale et territoriales/);
    expect((await get(null, "/api/exports/indicators.xlsx?year=2025")).statusCode).toBe(401);
    expect((await get("national", "/api/exports/indicators.xlsx")).statusCode).toBe(422);
  });
});
