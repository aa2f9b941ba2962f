/**
 * Monthly reports: reading, saving drafts with optimistic versions, and the
 * transitions of the status machine. Each change of state writes its event in
 * the same transaction.
 */
import type { TConflict, TReport } from "@enquete/contract";
import {
  addMonths,
  canReadAtelier,
  checkSubmission,
  draftValuesSchema,
  dueDate,
  type FormDefinition,
  firstDay,
  formatPeriod,
  formForPeriod,
  formVersion,
  type History,
  hasStarted,
  isEditable,
  isLate,
  median,
  nextStatus,
  numericFields,
  parisDate,
  parsePeriod,
  type ReportValues,
  softWarnings,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError, forbidden, notFound } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import { listClosedYears } from "../settings/repository.ts";
import * as repo from "./repository.ts";

export const FIRST_PERIOD = "2016-01";

export interface ReportSettings {
  dueDay: number;
}

export class ConflictError extends AppError {
  constructor(readonly current: TConflict["current"]) {
    super(
      "VERSION_CONFLICT",
      409,
      "Ce rapport a été modifié entre-temps par quelqu'un d'autre : comparez les deux versions avant d'enregistrer.",
      undefined,
      { current },
    );
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const parisDay = (d: Date | null) => (d ? parisDate(d) : null);

function formOf(report: { formVersion: number } | null, period: string): FormDefinition {
  return (report && formVersion(report.formVersion)) || formForPeriod(period);
}

function assertPeriodOpen(period: string) {
  if (period < FIRST_PERIOD) {
    throw new AppError("PERIOD_OUT_OF_RANGE", 422, "Ce mois est antérieur à l'enquête (janvier 2016).", [
      { field: "period", message: "Mois trop ancien." },
    ]);
  }
  if (!hasStarted(period, parisDate())) {
    throw new AppError("PERIOD_NOT_STARTED", 422, "Ce mois n'a pas encore commencé : son rapport pourra être saisi à partir du 1er.", [
      { field: "period", message: "Mois à venir." },
    ]);
  }
}

/**
 * A closed year's reports no longer change, except those the national team
 * reopened after the closing (they can then be corrected and validated).
 */
export async function assertYearOpen(db: repo.DbOrTx, report: repo.ReportRecord | null, period: string) {
  const year = Number(period.slice(0, 4));
  const closed = (await listClosedYears(db)).find((c) => c.year === year);
  if (!closed) return;
  if (report && (await repo.reopenedSince(db, report.id, closed.closedAt))) return;
  throw new AppError(
    "YEAR_CLOSED",
    409,
    `L'année ${year} est close : ses rapports ne changent plus, sauf réouverture par la direction nationale.`,
  );
}

/** Who may read a report: by the atelier's territory in that month, or today. */
export async function assertCanRead(db: Db, caller: Caller, atelierCode: string, period: string) {
  const [then, now] = await Promise.all([
    repo.territoryOn(db, atelierCode, firstDay(parsePeriod(period) ?? { year: 2016, month: 1 })),
    repo.territoryOn(db, atelierCode, parisDate()),
  ]);
  if (then === undefined) throw notFound("Cet atelier n'existe pas.");
  if (!canReadAtelier(caller.grants, atelierCode, then) && !canReadAtelier(caller.grants, atelierCode, now ?? null)) {
    throw forbidden("Cet atelier n'est pas dans votre périmètre.");
  }
  return then;
}

function assertDirects(caller: Caller, atelierCode: string) {
  if (!caller.grants.some((g) => g.role === "atelier" && g.atelierCode === atelierCode)) {
    throw forbidden("Seule la direction de l'atelier peut saisir ou soumettre son rapport.");
  }
}

function medians(values: ReportValues[], form: FormDefinition): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of numericFields(form)) {
    const xs = values.map((v) => v[f.code]).filter((x): x is number => typeof x === "number");
    const m = median(xs);
    if (m !== null) out[f.code] = m;
  }
  return out;
}

function historyOf(values: ReportValues[], form: FormDefinition): History {
  return Object.fromEntries(
    numericFields(form).map((f) => [f.code, values.map((v) => v[f.code]).filter((x): x is number => typeof x === "number")]),
  );
}

async function outlierHistory(
  db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0],
  atelierCode: string,
  period: string,
  form: FormDefinition,
) {
  const rule = form.rules.find((r) => r.kind === "outlier");
  const months = rule?.kind === "outlier" ? rule.months : 12;
  return await repo.validatedValuesBefore(db, atelierCode, period, months);
}

export async function getReport(db: Db, caller: Caller, atelierCode: string, period: string, settings: ReportSettings): Promise<TReport> {
  const territoryCode = await assertCanRead(db, caller, atelierCode, period);
  const p = parsePeriod(period);
  if (!p) throw notFound();
  // Independent reads run side by side: this is the answer to every autosave.
  const [report, previous, lastYear] = await Promise.all([
    repo.findReport(db, atelierCode, period),
    repo.previousReport(db, atelierCode, period),
    repo.findReport(db, atelierCode, formatPeriod(addMonths(p, -12))),
  ]);
  const form = formOf(report, period);
  const [past, events] = await Promise.all([
    outlierHistory(db, atelierCode, period, form),
    report ? repo.eventsOf(db, report.id) : Promise.resolve([]),
  ]);
  const previousMonth = previous?.period === formatPeriod(addMonths(p, -1)) ? previous.values : null;
  let values: ReportValues = report?.values ?? {};
  if (!report && previous) {
    // Snapshot fields start from the last known state of the team.
    for (const f of form.sections.flatMap((s) => s.fields)) {
      if (f.kind === "snapshot" && typeof previous.values[f.code] === "number")
        values = { ...values, [f.code]: previous.values[f.code] ?? null };
    }
  }
  const status = report?.status ?? "not_started";
  const lastReturn = [...events].reverse().find((e) => e.action === "return" || e.action === "reopen");
  return {
    atelierCode,
    period,
    territoryCode: report?.territoryCode ?? territoryCode,
    status,
    version: report?.version ?? 0,
    formVersion: form.version,
    editable:
      caller.grants.some((g) => g.role === "atelier" && g.atelierCode === atelierCode) &&
      (!report || isEditable(report.status)) &&
      hasStarted(period, parisDate()),
    values,
    justifications: report?.justifications ?? {},
    warnings: softWarnings(form, values, historyOf(past, form)),
    dueDate: dueDate(period, settings.dueDay),
    late: isLate(period, parisDate(), parisDay(report?.firstSubmittedAt ?? null), settings.dueDay),
    submittedAt: iso(report?.submittedAt ?? null),
    validatedAt: iso(report?.validatedAt ?? null),
    returnComment: status === "returned" ? (lastReturn?.comment ?? null) : null,
    reference: { previousMonth, sameMonthLastYear: lastYear?.values ?? null, medians: medians(past, form) },
    history: events.map((e) => ({
      ...e,
      at: e.at.toISOString(),
      action: e.action as TReport["history"][number]["action"],
    })),
  };
}

export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return m ? Number(m[1]) : null;
}

function diff(before: ReportValues, after: ReportValues) {
  const codes = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...codes]
    .filter((c) => (before[c] ?? null) !== (after[c] ?? null))
    .map((c) => ({ field: c, from: before[c] ?? null, to: after[c] ?? null }));
}

/** Keeps entered values only: null means "not entered", stored as absent. */
function compact(values: ReportValues): ReportValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== ""));
}

function validateDraft(form: FormDefinition, values: ReportValues) {
  const parsed = draftValuesSchema(form).safeParse(values);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((i) => {
      const keys = (i as { keys?: string[] }).keys;
      if (keys?.length) return keys.map((k) => ({ field: k, message: i.message }));
      return [{ field: String(i.path[0] ?? "values"), message: i.message }];
    });
    throw new AppError("VALIDATION_FAILED", 422, "Certaines valeurs sont invalides : corrigez les champs signalés.", errors);
  }
}

async function conflict(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], report: repo.ReportRecord): Promise<ConflictError> {
  const editor = await repo.lastEditor(db, report.id);
  return new ConflictError({
    version: report.version,
    status: report.status,
    values: report.values,
    updatedBy: editor?.actor ?? null,
    updatedAt: iso(editor?.at ?? null),
  });
}

export async function saveDraft(
  db: Db,
  caller: Caller,
  atelierCode: string,
  period: string,
  input: { values: ReportValues; ifMatch: string | undefined },
  settings: ReportSettings,
): Promise<TReport> {
  assertDirects(caller, atelierCode);
  assertPeriodOpen(period);
  const territoryCode = await repo.territoryOn(db, atelierCode, `${period}-01`);
  if (territoryCode === undefined) throw notFound("Cet atelier n'existe pas.");
  if (territoryCode === null)
    throw new AppError("NO_TERRITORY", 422, "Cet atelier n'était rattaché à aucune direction territoriale ce mois-là.");
  const expected = parseIfMatch(input.ifMatch);
  const actorLabel = caller.displayName;

  await db.transaction(async (tx) => {
    const report = await repo.findReport(tx, atelierCode, period, true);
    await assertYearOpen(tx, report, period);
    const form = formOf(report, period);
    validateDraft(form, input.values);
    const values = compact(input.values);
    if (!report) {
      if (expected !== null && expected !== 0)
        throw new AppError("NOT_FOUND", 404, "Ce rapport n'existe pas encore : enregistrez-le sans version.");
      const created = await repo.insertReport(
        tx,
        { atelierCode, period, territoryCode, status: "draft", version: 1, formVersion: form.version, values },
        {
          actorId: caller.userId,
          actorLabel,
          action: "create",
          fromStatus: null,
          toStatus: "draft",
          version: 1,
          changes: diff({}, values),
        },
      );
      // Someone else created it at the same moment: their version wins until this user chooses.
      if (!created) throw await conflict(tx, (await repo.findReport(tx, atelierCode, period)) as repo.ReportRecord);
      return;
    }
    if (expected === null) {
      throw new AppError(
        "PRECONDITION_REQUIRED",
        428,
        'Ce rapport existe déjà : envoyez sa version dans l\'en-tête If-Match (par exemple "3").',
      );
    }
    if (expected !== report.version) throw await conflict(tx, report);
    const next = nextStatus(report.status, "save");
    if ("error" in next) throw new AppError("NOT_EDITABLE", 409, next.error);
    const changes = diff(report.values, values);
    if (changes.length === 0) return;
    await repo.updateReport(
      tx,
      report.id,
      { values, version: report.version + 1, status: next.to },
      {
        actorId: caller.userId,
        actorLabel,
        action: "save",
        fromStatus: report.status,
        toStatus: next.to,
        version: report.version + 1,
        changes,
      },
    );
  });
  return await getReport(db, caller, atelierCode, period, settings);
}

export async function submit(
  db: Db,
  caller: Caller,
  atelierCode: string,
  period: string,
  input: { justifications: Record<string, string>; ifMatch: string | undefined },
  settings: ReportSettings,
): Promise<TReport> {
  assertDirects(caller, atelierCode);
  assertPeriodOpen(period);
  const expected = parseIfMatch(input.ifMatch);
  await db.transaction(async (tx) => {
    const report = await repo.findReport(tx, atelierCode, period, true);
    if (!report) throw new AppError("NOT_FOUND", 404, "Ce rapport n'existe pas encore : enregistrez d'abord vos saisies.");
    await assertYearOpen(tx, report, period);
    if (expected !== null && expected !== report.version) throw await conflict(tx, report);
    const next = nextStatus(report.status, "submit");
    if ("error" in next) throw new AppError("INVALID_TRANSITION", 409, next.error);
    const form = formOf(report, period);
    const past = await outlierHistory(tx, atelierCode, period, form);
    const justifications = Object.fromEntries(Object.entries(input.justifications).filter(([, t]) => t.trim() !== ""));
    const check = checkSubmission(form, report.values, justifications, historyOf(past, form));
    if (check.errors.length > 0 || check.unjustified.length > 0) {
      throw new AppError(
        "SUBMISSION_INCOMPLETE",
        422,
        "Le rapport ne peut pas encore être soumis : corrigez ou justifiez les points signalés.",
        [
          ...check.errors.map((e) => ({ field: e.field, message: e.message })),
          ...check.unjustified.map((w) => ({ field: `justifications.${w.code}`, message: w.message })),
        ],
      );
    }
    // Only the justifications of warnings that stand are kept.
    const kept = Object.fromEntries(check.warnings.map((w) => [w.code, justifications[w.code] ?? ""]));
    const comment = Object.values(kept).join(" · ") || null;
    await repo.updateReport(
      tx,
      report.id,
      {
        status: next.to,
        version: report.version + 1,
        justifications: kept,
        submittedAt: new Date(),
        firstSubmittedAt: report.firstSubmittedAt ?? new Date(),
      },
      {
        actorId: caller.userId,
        actorLabel: caller.displayName,
        action: "submit",
        fromStatus: report.status,
        toStatus: next.to,
        version: report.version + 1,
        comment,
      },
    );
  });
  return await getReport(db, caller, atelierCode, period, settings);
}
