/**
 * GET /api/exports/reports.csv: one row per report of the caller's reach,
 * the territory of its month, its status and dates, then one column per
 * field code of the questionnaire (every version's fields, oldest first).
 */
import { atelierName, type ExportReach, FORMS, formFields, type PeriodRange, STATUS_LABELS } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { BOM, csvLine, dateTimeCell, textCell, valueCell } from "./french-csv.ts";
import { type ExportRow, reportPage } from "./repository.ts";

const PAGE = 2000;

/** Every field code of every questionnaire version, once, in the order of the form. */
export function exportedFields(): string[] {
  return [...new Set(FORMS.flatMap((f) => formFields(f).map((x) => x.code)))];
}

export const META_COLUMNS = [
  "atelier",
  "nom_atelier",
  "departement",
  "direction_territoriale",
  "mois",
  "statut",
  "statut_libelle",
  "version_questionnaire",
  "premiere_soumission",
  "soumis_le",
  "valide_le",
] as const;

function line(row: ExportRow, fields: readonly string[]): string {
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
    ...fields.map((f) => valueCell(row.values[f])),
  ]);
}

/** The file, page by page: memory stays flat whatever the number of reports. */
export async function* reportsCsv(db: Db, range: PeriodRange, reach: ExportReach): AsyncGenerator<string> {
  const fields = exportedFields();
  yield BOM + csvLine([...META_COLUMNS, ...fields].map((c) => textCell(c)));
  let after: { atelierCode: string; period: string } | null = null;
  for (;;) {
    const rows = await reportPage(db, range, reach, after, PAGE);
    if (rows.length === 0) return;
    yield rows.map((r) => line(r, fields)).join("");
    const last = rows[rows.length - 1] as ExportRow;
    after = { atelierCode: last.atelierCode, period: last.period };
    if (rows.length < PAGE) return;
  }
}
