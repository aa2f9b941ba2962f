/**
 * GET /api/exports/reports.csv: the columns of the reports workbook
 * (domain columns, report-rows.ts) for scripts, with French labels or the
 * stable codes as headers. French-Excel conventions (french-csv.ts); a
 * spreadsheet still reads a quoted "01" or "12,5" as a number, which is why
 * people are offered the XLSX, where text stays text.
 */
import { columnHeader, type ExportColumnType, type ExportHeaders, type FormCatalogue } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { BOM, csvLine, dateTimeCell, numberCell, textCell } from "./french-csv.ts";
import { type ExportValue, rowContext, rowValues } from "./report-rows.ts";
import { type ExportFilter, type ExportRow, reportPage } from "./repository.ts";

const PAGE = 2000;

/** A value as its column's type writes it. */
export function csvCell(type: ExportColumnType, value: ExportValue): string {
  if (value === null) return "";
  switch (type) {
    case "integer":
    case "decimal":
      return typeof value === "number" ? numberCell(value) : "";
    case "boolean":
      return textCell(value ? "oui" : "non");
    case "datetime":
      return value instanceof Date ? dateTimeCell(value) : "";
    // A day as ISO text, which Excel and LibreOffice read as a date and a script as it is.
    case "date":
      return typeof value === "string" ? value : "";
    default:
      return textCell(String(value));
  }
}

/** The file, page by page: memory stays flat whatever the number of reports. */
export async function* reportsCsv(
  db: Db,
  filter: ExportFilter,
  catalogue: FormCatalogue,
  options: { dueDay: number; headers: ExportHeaders; today?: string },
): AsyncGenerator<string> {
  const ctx = rowContext(catalogue, { dueDay: options.dueDay, names: options.headers, ...(options.today ? { today: options.today } : {}) });
  yield BOM + csvLine(ctx.columns.map((c) => textCell(columnHeader(c, options.headers))));
  let after: { atelierCode: string; period: string } | null = null;
  for (;;) {
    const rows = await reportPage(db, filter, after, PAGE);
    if (rows.length === 0) return;
    yield rows
      .map((r) => {
        const values = rowValues(r, ctx);
        return csvLine(ctx.columns.map((c, i) => csvCell(c.type, values[i] ?? null)));
      })
      .join("");
    const last = rows[rows.length - 1] as ExportRow;
    after = { atelierCode: last.atelierCode, period: last.period };
    if (rows.length < PAGE) return;
  }
}
