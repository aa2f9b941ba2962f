/**
 * A report's state as the API answers it, built from a row and what it is
 * compared with. Pure: a transition builds it inside its transaction, from
 * the row it wrote, so that nothing is left to fail once it has committed.
 */
import type { TFormUpgrade, TReportState } from "@enquete/contract";
import {
  addMonths,
  dueDate,
  type FormCatalogue,
  type FormDefinition,
  formatPeriod,
  formFields,
  type History,
  hasStarted,
  isEditable,
  isExpected,
  isLate,
  isOpenIn,
  type ListedStatus,
  lastDayOf,
  median,
  numericFields,
  parisDate,
  parsePeriod,
  type ReportValues,
  softWarnings,
  timeliness,
  upgradeValues,
} from "@enquete/domain";
import type { Caller } from "../auth/service.ts";
import * as repo from "./repository.ts";

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The questionnaire a report reads and writes with: its own version once it
 * exists (a later version never rewrites it), the version in force that month
 * for a report not created yet. A version missing from the catalogue cannot
 * be published away; the month's version is only a fallback so that nothing
 * crashes on a hand-edited row.
 */
export function formOf(forms: FormCatalogue, report: { formVersion: number } | null, period: string): FormDefinition {
  return (report && forms.byVersion(report.formVersion)) || forms.forPeriod(period);
}

/** How many validated months the outlier rules of every published version look back on (each rule keeps its own last ones). */
export function outlierMonths(forms: FormCatalogue): number {
  return Math.max(1, ...forms.versions.flatMap((f) => f.rules.flatMap((r) => (r.kind === "outlier" ? [r.months] : []))));
}

/**
 * A map's entry under a code, its own only: a code such as `constructor`
 * must not read Object.prototype's member (values and notes are plain objects).
 */
export function own<T>(map: Readonly<Record<string, T>>, code: string): T | undefined {
  return Object.hasOwn(map, code) ? map[code] : undefined;
}

/** The values of the codes a version has: another version's field is never compared with this one's. */
export function valuesOf(form: FormDefinition, values: ReportValues | null): ReportValues | null {
  if (!values) return null;
  const out: ReportValues = {};
  for (const f of formFields(form)) if (Object.hasOwn(values, f.code)) out[f.code] = values[f.code] ?? null;
  return out;
}

/**
 * What moving a report (a draft or returned) to the version in force that
 * month would change: the fields to fill, and those whose value would not be kept. null when the
 * report already has that version (or a later one).
 */
export function formUpgradeOf(forms: FormCatalogue, form: FormDefinition, period: string, values: ReportValues): TFormUpgrade | null {
  const target = forms.forPeriod(period);
  if (target.version <= form.version) return null;
  const { added, retired } = upgradeValues(values, form, target);
  return { version: target.version, validFrom: target.validFrom, added, retired };
}

/**
 * Each numeric field's values over the validated past, oldest first, from the
 * months whose version has that field (a month of an older version without
 * it is skipped, not counted as 0).
 */
export function historyOf(values: ReportValues[], form: FormDefinition): History {
  return Object.fromEntries(
    numericFields(form).map((f) => [f.code, values.map((v) => own(v, f.code)).filter((x): x is number => typeof x === "number")]),
  );
}

/** The medians the outlier rule compares with: per field, over its last values, as softWarnings reads them. */
function medians(values: ReportValues[], form: FormDefinition): Record<string, number> {
  const out: Record<string, number> = {};
  const rule = form.rules.find((r) => r.kind === "outlier");
  for (const [code, xs] of Object.entries(historyOf(values, form))) {
    const m = median(rule?.kind === "outlier" ? xs.slice(-rule.months) : xs);
    if (m !== null) out[code] = m;
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

/**
 * `inTransaction`: the reads go one after the other, as a transaction's one
 * connection runs them anyway (queries sent together on one client are
 * deprecated by pg); on the pool they run side by side.
 */
export async function loadReference(
  db: repo.DbOrTx,
  atelierCode: string,
  period: string,
  forms: FormCatalogue,
  inTransaction = false,
): Promise<Reference> {
  const p = parsePeriod(period);
  const lastYear = p ? formatPeriod(addMonths(p, -12)) : period;
  const reads = [
    () => repo.previousReport(db, atelierCode, period),
    () => repo.findReport(db, atelierCode, lastYear),
    () => repo.validatedValuesBefore(db, atelierCode, period, outlierMonths(forms)),
  ] as const;
  const [previous, sameMonth, past] = inTransaction
    ? [await reads[0](), await reads[1](), await reads[2]()]
    : await Promise.all([reads[0](), reads[1](), reads[2]()]);
  return {
    previous: previous ? { period: previous.period, values: previous.values } : null,
    sameMonthLastYear: sameMonth?.values ?? null,
    past,
  };
}

/** An atelier's opening and closing months (first days; closing exclusive, null while open). */
export interface Opening {
  openedOn: string;
  closedOn: string | null;
}

type Rhythm = Pick<TReportState, "open" | "expected" | "submittableFrom" | "firstSubmittedAt" | "returnedAt" | "timeliness">;

/**
 * What the month's rhythm says of a report (section 4): whether it is
 * expected, from when it may be submitted, and how it stands against its
 * deadline, worded by the domain so that every screen says the same.
 */
export function rhythmOf(input: {
  period: string;
  today: string;
  dueDay: number;
  status: ListedStatus;
  opening: Opening;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  /** The latest return or reopening; only said while the report is returned. */
  returnedAt: Date | null;
}): Rhythm {
  const { period, today, status, opening } = input;
  const open = isOpenIn(period, opening);
  const returnedAt = status === "returned" ? input.returnedAt : null;
  return {
    open,
    expected: isExpected(period, today, opening),
    submittableFrom: lastDayOf(period),
    firstSubmittedAt: iso(input.firstSubmittedAt),
    returnedAt: iso(returnedAt),
    timeliness: timeliness({
      period,
      today,
      dueDay: input.dueDay,
      status,
      open,
      firstSubmittedOn: input.firstSubmittedAt ? parisDate(input.firstSubmittedAt) : null,
      lastSubmittedOn: input.submittedAt ? parisDate(input.submittedAt) : null,
      returnedOn: returnedAt ? parisDate(returnedAt) : null,
    }),
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
  /** The atelier's opening and closing months. */
  opening: Opening;
  /** The published questionnaire versions (the national settings'). */
  forms: FormCatalogue;
  caller: Caller;
  /** The dialogue on the report, oldest first. */
  conversation: TReportState["conversation"];
}

export function buildState(input: StateInput): TReportState {
  const { atelierCode, period, report, reference, caller } = input;
  const form = formOf(input.forms, report, period);
  const p = parsePeriod(period);
  const today = parisDate();
  let values: ReportValues = report?.values ?? {};
  if (!report && reference.previous) {
    // Snapshot fields start from the last known state of the team.
    for (const f of form.sections.flatMap((s) => s.fields)) {
      const known = own(reference.previous.values, f.code);
      if (f.kind === "snapshot" && typeof known === "number") values = { ...values, [f.code]: known };
    }
  }
  const status = report?.status ?? "not_started";
  const returned = status === "returned" ? input.lastReturn : null;
  // Compared code by code with the report's own version: a field the other month's version had and this one lacks is left out.
  const previousMonth =
    p && reference.previous?.period === formatPeriod(addMonths(p, -1)) ? valuesOf(form, reference.previous.values) : null;
  const rhythm = rhythmOf({
    period,
    today,
    dueDay: input.dueDay,
    status,
    opening: input.opening,
    firstSubmittedAt: report?.firstSubmittedAt ?? null,
    submittedAt: report?.submittedAt ?? null,
    returnedAt: input.lastReturn?.at ?? null,
  });
  const editable =
    caller.grants.some((g) => g.role === "atelier" && g.atelierCode === atelierCode) &&
    (!report || isEditable(report.status)) &&
    hasStarted(period, today) &&
    rhythm.open;
  return {
    ...rhythm,
    atelierCode,
    period,
    territoryCode: report?.territoryCode ?? input.territoryCode,
    status,
    version: report?.version ?? 0,
    formVersion: form.version,
    form,
    // Only an existing report has a version to leave: a new one starts with the month's.
    formUpgrade: editable && report ? formUpgradeOf(input.forms, form, period, values) : null,
    editable,
    values,
    notes: report?.notes ?? {},
    justifications: report?.justifications ?? {},
    warnings: warningsOf(form, values, reference.past),
    dueDate: dueDate(period, input.dueDay),
    // A month the atelier is not open is never late (nothing is expected of it), unless a report of it was sent.
    late:
      isLate(period, today, report?.firstSubmittedAt ? parisDate(report.firstSubmittedAt) : null, input.dueDay) &&
      (rhythm.open || report?.firstSubmittedAt != null),
    submittedAt: iso(report?.submittedAt),
    validatedAt: iso(report?.validatedAt),
    updatedAt: report ? iso(input.lastEvent?.at ?? report.updatedAt) : null,
    updatedBy: report ? (input.lastEvent?.actor ?? null) : null,
    returnComment: returned?.comment ?? null,
    returnEvent: returned ? { action: returned.action, at: returned.at.toISOString(), actor: returned.actor } : null,
    conversation: input.conversation,
    reference: {
      previousMonth,
      sameMonthLastYear: valuesOf(form, reference.sameMonthLastYear),
      medians: medians(reference.past, form),
    },
  };
}
