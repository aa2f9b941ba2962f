/**
 * A report's state as the API answers it, built from a row and what it is
 * compared with. Pure: a transition builds it inside its transaction, from
 * the row it wrote, so that nothing is left to fail once it has committed.
 */
import type { TReportState } from "@enquete/contract";
import {
  addMonths,
  dueDate,
  FORMS,
  type FormDefinition,
  formatPeriod,
  formForPeriod,
  formVersion,
  type History,
  hasStarted,
  isEditable,
  isLate,
  median,
  numericFields,
  parisDate,
  parsePeriod,
  type ReportValues,
  softWarnings,
} from "@enquete/domain";
import type { Caller } from "../auth/service.ts";
import * as repo from "./repository.ts";

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function formOf(report: { formVersion: number } | null, period: string): FormDefinition {
  return (report && formVersion(report.formVersion)) || formForPeriod(period);
}

/** How many validated months any questionnaire's outlier rule looks back on (each rule keeps its own last ones). */
export const OUTLIER_MONTHS = Math.max(1, ...FORMS.flatMap((f) => f.rules.flatMap((r) => (r.kind === "outlier" ? [r.months] : []))));

export function historyOf(values: ReportValues[], form: FormDefinition): History {
  return Object.fromEntries(
    numericFields(form).map((f) => [f.code, values.map((v) => v[f.code]).filter((x): x is number => typeof x === "number")]),
  );
}

function medians(values: ReportValues[], form: FormDefinition): Record<string, number> {
  const out: Record<string, number> = {};
  const rule = form.rules.find((r) => r.kind === "outlier");
  const recent = rule?.kind === "outlier" ? values.slice(-rule.months) : values;
  for (const f of numericFields(form)) {
    const xs = recent.map((v) => v[f.code]).filter((x): x is number => typeof x === "number");
    const m = median(xs);
    if (m !== null) out[f.code] = m;
  }
  return out;
}

/** Warnings of these values against the atelier's validated past. */
export function warningsOf(form: FormDefinition, values: ReportValues, past: ReportValues[]) {
  return softWarnings(form, values, historyOf(past, form));
}

/** What a report is compared with: the month before, the same month last year, the validated past. */
export interface Reference {
  previous: { period: string; values: ReportValues } | null;
  sameMonthLastYear: ReportValues | null;
  /** Values of the last validated months before this one, oldest first. */
  past: ReportValues[];
}

export async function loadReference(db: repo.DbOrTx, atelierCode: string, period: string): Promise<Reference> {
  const p = parsePeriod(period);
  const lastYear = p ? formatPeriod(addMonths(p, -12)) : period;
  const [previous, sameMonth, past] = await Promise.all([
    repo.previousReport(db, atelierCode, period),
    repo.findReport(db, atelierCode, lastYear),
    repo.validatedValuesBefore(db, atelierCode, period, OUTLIER_MONTHS),
  ]);
  return {
    previous: previous ? { period: previous.period, values: previous.values } : null,
    sameMonthLastYear: sameMonth?.values ?? null,
    past,
  };
}

export interface StateInput {
  atelierCode: string;
  period: string;
  /** The atelier's territory that month, for a report not created yet. */
  territoryCode: string | null;
  report: repo.ReportRecord | null;
  reference: Reference;
  /** The latest event: who changed the report last, and when. */
  lastEvent: { actor: string; at: Date } | null;
  /** The latest return or reopening, shown while the report is returned. */
  lastReturn: { action: "return" | "reopen"; actor: string; at: Date; comment: string | null } | null;
  dueDay: number;
  caller: Caller;
}

export function buildState(input: StateInput): TReportState {
  const { atelierCode, period, report, reference, caller } = input;
  const form = formOf(report, period);
  const p = parsePeriod(period);
  const today = parisDate();
  let values: ReportValues = report?.values ?? {};
  if (!report && reference.previous) {
    // Snapshot fields start from the last known state of the team.
    for (const f of form.sections.flatMap((s) => s.fields)) {
      const known = reference.previous.values[f.code];
      if (f.kind === "snapshot" && typeof known === "number") values = { ...values, [f.code]: known };
    }
  }
  const status = report?.status ?? "not_started";
  const returned = status === "returned" ? input.lastReturn : null;
  const previousMonth = p && reference.previous?.period === formatPeriod(addMonths(p, -1)) ? reference.previous.values : null;
  return {
    atelierCode,
    period,
    territoryCode: report?.territoryCode ?? input.territoryCode,
    status,
    version: report?.version ?? 0,
    formVersion: form.version,
    editable:
      caller.grants.some((g) => g.role === "atelier" && g.atelierCode === atelierCode) &&
      (!report || isEditable(report.status)) &&
      hasStarted(period, today),
    values,
    justifications: report?.justifications ?? {},
    warnings: warningsOf(form, values, reference.past),
    dueDate: dueDate(period, input.dueDay),
    late: isLate(period, today, report?.firstSubmittedAt ? parisDate(report.firstSubmittedAt) : null, input.dueDay),
    submittedAt: iso(report?.submittedAt),
    validatedAt: iso(report?.validatedAt),
    updatedAt: report ? iso(input.lastEvent?.at ?? report.updatedAt) : null,
    updatedBy: report ? (input.lastEvent?.actor ?? null) : null,
    returnComment: returned?.comment ?? null,
    returnEvent: returned ? { action: returned.action, at: returned.at.toISOString(), actor: returned.actor } : null,
    reference: { previousMonth, sameMonthLastYear: reference.sameMonthLastYear, medians: medians(reference.past, form) },
  };
}
