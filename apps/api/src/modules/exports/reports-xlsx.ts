/**
 * GET /api/exports/reports.xlsx: the reports as a typed workbook for people.
 * Same columns as the CSV (report-rows.ts), French headers, each column
 * with one type and one number format in every row: text stays text ("01",
 * a comment "12,5"), counts are integers, trainee-days decimals, days and
 * instants real dates (instants in Paris wall-clock time, as people read
 * them). The header is frozen and filtered; a second sheet describes each
 * column. Written with exceljs's streaming writer, page by page: memory
 * stays flat whatever the number of reports.
 */
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import type { ExportColumn, ExportColumnType, FormCatalogue } from "@enquete/domain";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client.ts";
import { type ExportValue, rowContext, rowValues } from "./report-rows.ts";
import { type ExportFilter, type ExportRow, reportPage } from "./repository.ts";

const PAGE = 2000;

/**
 * One number format per column type. Format codes are stored in the file's
 * own (English) syntax: a French spreadsheet shows "dd/mm/yyyy" as jj/mm/aaaa
 * and "mmmm yyyy" as "mars 2025".
 */
export const XLSX_FORMATS: Record<ExportColumnType, string> = {
  text: "@",
  boolean: "@",
  integer: "#,##0",
  decimal: "#,##0.00",
  date: "dd/mm/yyyy",
  month: "mmmm yyyy",
  datetime: "dd/mm/yyyy hh:mm",
};

const TYPE_LABELS: Record<ExportColumnType, string> = {
  text: "Texte",
  boolean: "Oui / non",
  integer: "Nombre entier",
  decimal: "Nombre décimal",
  date: "Date",
  month: "Mois",
  datetime: "Date et heure (Paris)",
};

const parisParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** An instant as the Date whose UTC fields are Paris wall-clock time: a spreadsheet has no time zones. */
function parisWallClock(at: Date): Date {
  const p = Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)));
}

const day = (text: string) => new Date(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10) || 1)));

/** A value as its column's type writes it in a cell (null: an empty cell). */
export function xlsxValue(type: ExportColumnType, value: ExportValue): string | number | Date | null {
  if (value === null) return null;
  switch (type) {
    case "integer":
    case "decimal":
      return typeof value === "number" ? value : null;
    case "boolean":
      return value ? "oui" : "non";
    case "date":
    case "month":
      return typeof value === "string" ? day(value) : null;
    case "datetime":
      return value instanceof Date ? parisWallClock(value) : null;
    default:
      return String(value);
  }
}

/** Wide enough for the header on two lines and the usual content; long texts wrap at 60. */
function width(column: ExportColumn): number {
  const byType: Record<ExportColumnType, number> = {
    text: 14,
    boolean: 10,
    integer: 10,
    decimal: 12,
    date: 12,
    month: 14,
    datetime: 17,
  };
  const long = ["atelierName", "territoryName", "lastReturnComment", "justifications", "lastReopenReason", "notes", "highlights"];
  if (long.includes(column.code)) return column.code === "atelierName" || column.code === "territoryName" ? 34 : 60;
  return Math.min(30, Math.max(byType[column.type], Math.ceil(column.label.length / 2) + 2));
}

/** The workbook as a stream; the rows are read page by page while it is sent. */
export function reportsXlsx(db: Db, filter: ExportFilter, catalogue: FormCatalogue, options: { dueDay: number; today?: string }): Readable {
  const out = new PassThrough();
  write(out, db, filter, catalogue, options).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

async function write(
  out: PassThrough,
  db: Db,
  filter: ExportFilter,
  catalogue: FormCatalogue,
  options: { dueDay: number; today?: string },
) {
  const ctx = rowContext(catalogue, { dueDay: options.dueDay, names: "labels", ...(options.today ? { today: options.today } : {}) });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Enquête atelier – Réseau Canopé";
  const sheet = workbook.addWorksheet("Rapports", { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  sheet.columns = ctx.columns.map((c) => ({ key: c.code, width: width(c), style: { numFmt: XLSX_FORMATS[c.type] } }));
  const header = sheet.addRow(ctx.columns.map((c) => c.label));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.height = 45;
  header.eachCell((cell) => {
    cell.numFmt = "@";
  });
  header.commit();
  let rowCount = 1;
  let after: { atelierCode: string; period: string } | null = null;
  for (;;) {
    // A reader gone: nothing more to compute. A slow one: the next page waits for it, so memory stays flat.
    if (out.destroyed) return;
    if (out.writableNeedDrain) await Promise.race([once(out, "drain"), once(out, "close")]);
    const rows = await reportPage(db, filter, after, PAGE);
    for (const r of rows) {
      const values = rowValues(r, ctx);
      // Each cell takes its column's style, number format included.
      sheet.addRow(ctx.columns.map((c, i) => xlsxValue(c.type, values[i] ?? null))).commit();
      rowCount += 1;
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1] as ExportRow;
    after = { atelierCode: last.atelierCode, period: last.period };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowCount, column: ctx.columns.length } };
  sheet.commit();

  const legend = workbook.addWorksheet("Colonnes", { views: [{ state: "frozen", ySplit: 1 }] });
  legend.columns = [
    { key: "label", width: 40, style: { numFmt: "@" } },
    { key: "code", width: 26, style: { numFmt: "@" } },
    { key: "type", width: 20, style: { numFmt: "@" } },
    { key: "format", width: 18, style: { numFmt: "@" } },
    { key: "meaning", width: 90, style: { numFmt: "@", alignment: { wrapText: true, vertical: "top" } } },
  ];
  const legendHeader = legend.addRow(["Colonne", "Code (en-tête du CSV avec headers=codes)", "Type", "Format", "Signification"]);
  legendHeader.font = { bold: true };
  legendHeader.commit();
  for (const c of ctx.columns) legend.addRow([c.label, c.code, TYPE_LABELS[c.type], XLSX_FORMATS[c.type], c.meaning]).commit();
  legend.autoFilter = { from: { row: 1, column: 1 }, to: { row: ctx.columns.length + 1, column: 5 } };
  legend.commit();
  await workbook.commit();
}
