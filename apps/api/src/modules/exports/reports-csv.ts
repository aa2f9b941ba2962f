/**
 * GET /api/exports/reports.csv: one row per report of the caller's reach,
 * the territory of its month, its status and dates, its questionnaire
 * version, then one column per field code of every published version
 * (version 1's in the order of its form, then each later version's new
 * ones), empty where the report's own version has no such field, and the
 * director's notes.
 */
import {
  atelierName,
  type ExportReach,
  type FormCatalogue,
  formFields,
  type PeriodRange,
  REPORT_EXPORT_COLUMNS,
  REPORT_EXPORT_NOTES_COLUMN,
  type ReportValues,
  STATUS_LABELS,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { BOM, csvLine, dateTimeCell, textCell, valueCell } from "./french-csv.ts";
import { type ExportRow, reportPage } from "./repository.ts";

const PAGE = 2000;

/** Every field code of every published questionnaire version, once. */
export function exportedFields(forms: FormCatalogue): string[] {
  return forms.allFields().map((f) => f.code);
}

/** The notes of a report in one cell, in the order of the columns: "code : texte | code : texte". */
export function notesCell(notes: Record<string, string>, fields: readonly string[]): string {
  const order = new Map(fields.map((f, i) => [f, i]));
  const codes = Object.keys(notes).sort((a, b) => (order.get(a) ?? fields.length) - (order.get(b) ?? fields.length) || a.localeCompare(b));
  return textCell(codes.map((c) => `${c} : ${notes[c]}`).join(" | "));
}

// The file's own columns come from the domain, which refuses them as field codes: a field's column is never one of them.
const META_COLUMNS = REPORT_EXPORT_COLUMNS;
const NOTES_COLUMN = REPORT_EXPORT_NOTES_COLUMN;

/** The codes each published version has: a value is exported only under a field of the report's own version. */
function codesByVersion(forms: FormCatalogue): Map<number, Set<string>> {
  return new Map(forms.versions.map((f) => [f.version, new Set(formFields(f).map((x) => x.code))]));
}

function line(row: ExportRow, fields: readonly string[], codes: Map<number, Set<string>>): string {
  const version = codes.get(row.formVersion);
  // Only the report's own values, and only under a field of its version.
  const value = (f: string) => ((version && !version.has(f)) || !Object.hasOwn(row.values, f) ? null : (row.values as ReportValues)[f]);
  return csvLine([
    textCell(row.atelierCode),
    textCell(atelierName(row.atelierCode, row.city)),
    textCell(row.departement),
    textCell(row.territoryCode),
    textCell(row.period),
    textCell(row.status),
    textCell(STATUS_LABELS[row.status]),
    String(row.formVersion),
    dateTimeCell(row.firstSubmittedAt),
    dateTimeCell(row.submittedAt),
    dateTimeCell(row.validatedAt),
    ...fields.map((f) => valueCell(value(f))),
    notesCell(row.notes, fields),
  ]);
}

/** The file, page by page: memory stays flat whatever the number of reports. */
export async function* reportsCsv(db: Db, range: PeriodRange, reach: ExportReach, catalogue: FormCatalogue): AsyncGenerator<string> {
  const fields = exportedFields(catalogue);
  const codes = codesByVersion(catalogue);
  yield BOM + csvLine([...META_COLUMNS, ...fields, NOTES_COLUMN].map((c) => textCell(c)));
  let after: { atelierCode: string; period: string } | null = null;
  for (;;) {
    const rows = await reportPage(db, range, reach, after, PAGE);
    if (rows.length === 0) return;
    yield rows.map((r) => line(r, fields, codes)).join("");
    const last = rows[rows.length - 1] as ExportRow;
    after = { atelierCode: last.atelierCode, period: last.period };
    if (rows.length < PAGE) return;
  }
}
