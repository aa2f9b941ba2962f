/**
 * A row of the reports exports as typed values, one per column of the
 * domain's definition (reportExportColumns): the CSV and the XLSX write the
 * same values, each in its own way. Dates of a day or a month are kept as
 * `YYYY-MM-DD` / `YYYY-MM` text, instants as Date; numbers only in numeric
 * columns (a value of another type is left out rather than mixed in).
 */
import {
  type ExportColumn,
  type ExportHeaders,
  type FormCatalogue,
  formFields,
  justificationLabel,
  LABEL_STATUS_LABELS,
  parisDate,
  REPORT_META_COLUMNS,
  type ReportMetaCode,
  reportExportColumns,
  reportLateness,
  STATUS_LABELS,
} from "@enquete/domain";
import type { ExportRow } from "./repository.ts";

export type ExportValue = string | number | boolean | Date | null;

/** What every row of one file is read with. */
export interface RowContext {
  forms: FormCatalogue;
  columns: ExportColumn[];
  /** The questionnaire fields' columns, in order. */
  fields: ExportColumn[];
  /** The codes each published version has: a value is exported only under a field of the report's own version. */
  codesByVersion: Map<number, Set<string>>;
  today: string;
  dueDay: number;
  /** How notes and justifications name their field or warning: by label for people, by code for scripts. */
  names: ExportHeaders;
}

export function rowContext(forms: FormCatalogue, input: { today?: string; dueDay: number; names: ExportHeaders }): RowContext {
  const columns = reportExportColumns(forms);
  return {
    forms,
    columns,
    fields: columns.slice(REPORT_META_COLUMNS.length, -1),
    codesByVersion: new Map(forms.versions.map((f) => [f.version, new Set(formFields(f).map((x) => x.code))])),
    today: input.today ?? parisDate(),
    dueDay: input.dueDay,
    names: input.names,
  };
}

const joined = (items: string[]) => (items.length ? items.join(" | ") : null);

/** The notes in one cell, in the order of the columns: "field : note | field : note". */
function notesText(row: ExportRow, ctx: RowContext): string | null {
  const form = row.formVersion === null ? undefined : ctx.forms.byVersion(row.formVersion);
  const order = new Map(ctx.fields.map((f, i) => [f.code, i]));
  const label = (code: string) =>
    form?.sections.flatMap((s) => s.fields).find((f) => f.code === code)?.label ?? ctx.fields.find((f) => f.code === code)?.label ?? code;
  const codes = Object.keys(row.notes)
    .filter((c) => row.notes[c]?.trim())
    .sort((a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size) || a.localeCompare(b));
  return joined(codes.map((c) => `${ctx.names === "codes" ? c : label(c)} : ${row.notes[c]}`));
}

/** The justified warnings in one cell: "warning : justification | …". */
function justificationsText(row: ExportRow, ctx: RowContext): string | null {
  const form = row.formVersion === null ? undefined : ctx.forms.byVersion(row.formVersion);
  const entries = Object.entries(row.justifications).filter(([, text]) => text.trim());
  return joined(entries.map(([code, text]) => `${ctx.names === "codes" ? code : justificationLabel(form, code)} : ${text}`));
}

function metaValues(row: ExportRow, ctx: RowContext): Record<ReportMetaCode, ExportValue> {
  const lateness = reportLateness({
    period: row.period,
    today: ctx.today,
    dueDay: ctx.dueDay,
    firstSubmittedOn: row.firstSubmittedAt ? parisDate(row.firstSubmittedAt) : null,
    open: row.open,
  });
  return {
    atelierCode: row.atelierCode,
    atelierName: row.atelierName,
    departement: row.departement,
    territoryCode: row.territoryCode,
    territoryName: row.territoryName,
    labellisation: row.labellisation ? LABEL_STATUS_LABELS[row.labellisation] : null,
    lab: row.lab,
    espe: row.espe,
    period: row.period,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    dueDate: lateness.dueDate,
    late: lateness.late,
    daysLate: lateness.daysLate,
    version: row.version,
    formVersion: row.formVersion,
    firstSubmittedAt: row.firstSubmittedAt,
    lastSubmittedAt: row.submittedAt,
    validatedAt: row.status === "validated" ? row.validatedAt : null,
    validatedBy: row.validatedBy,
    lastReturnComment: row.lastReturn?.comment ?? null,
    lastReturnedAt: row.lastReturn?.at ?? null,
    lastReturnedBy: row.lastReturn?.by ?? null,
    justifications: justificationsText(row, ctx),
    reopenings: row.reportId === null ? null : row.reopenings,
    lastReopenedAt: row.lastReopen?.at ?? null,
    lastReopenedBy: row.lastReopen?.by ?? null,
    lastReopenReason: row.lastReopen?.reason ?? null,
  };
}

/** A field's value, only under a field of the report's own version, and only of the column's type. */
function fieldValue(row: ExportRow, column: ExportColumn, ctx: RowContext): ExportValue {
  const version = row.formVersion === null ? undefined : ctx.codesByVersion.get(row.formVersion);
  if ((version && !version.has(column.code)) || !Object.hasOwn(row.values, column.code)) return null;
  const value = row.values[column.code];
  if (column.type === "text") return typeof value === "string" && value !== "" ? value : null;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The row's values, one per column of `ctx.columns`. */
export function rowValues(row: ExportRow, ctx: RowContext): ExportValue[] {
  const meta = metaValues(row, ctx);
  return [...REPORT_META_COLUMNS.map((c) => meta[c.code]), ...ctx.fields.map((c) => fieldValue(row, c, ctx)), notesText(row, ctx)];
}
