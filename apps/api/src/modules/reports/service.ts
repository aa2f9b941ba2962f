/**
 * Monthly reports: reading (the report, its paged history) and submitting,
 * with the checks every change shares (who directs, which months are open,
 * closed years, versions). Each change of state writes its event in the same
 * transaction, and its answer is built there, from the row it wrote.
 */
import type {
  TConflict,
  TReport,
  TReportEvent,
  TReportHistoryPage,
  TReportHistoryQuery,
  TReportState,
  TReviewBatchBody,
  TReviewBatchResult,
} from "@enquete/contract";
import {
  checkSubmission,
  dayInFrench,
  hasStarted,
  isMonthOver,
  isOpenIn,
  justificationLabel,
  lastDayOf,
  nextStatus,
  parisDate,
  parsePeriod,
  periodLabel,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError, forbidden, notFound } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import type { NationalSettings } from "../settings/service.ts";
import { assertCanRead } from "./access.ts";
// The decisions use this module's checks; a batch across months reuses their batch of a month (calls only, at run time).
import { validateBatch } from "./decisions.ts";
import { conversationOf, historyEntries } from "./history.ts";
import * as repo from "./repository.ts";
import { buildState, formOf, historyOf, iso, loadReference, type Opening, own, type Reference } from "./state.ts";

export const FIRST_PERIOD = "2016-01";

/** The national settings a report's answer and checks depend on. */
export type ReportSettings = NationalSettings;

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

export function assertPeriodOpen(period: string) {
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
 * A month's report is submitted once the month is over, from its last day
 * (section 4): the activity of a month is not known before. Drafts stay open.
 */
export function assertMonthOver(period: string, today: string) {
  if (isMonthOver(period, today)) return;
  const from = dayInFrench(lastDayOf(period), true);
  throw new AppError(
    "MONTH_NOT_OVER",
    422,
    `Le mois de ${periodLabel(period)} n'est pas terminé : son rapport pourra être soumis à partir du ${from}. D'ici là, enregistrez-le en brouillon.`,
    [{ field: "period", message: `Soumission possible à partir du ${from}.` }],
  );
}

/** No report is saved or submitted for a month the atelier is not open (before its opening month, from its closing one). */
export function assertAtelierOpen(period: string, opening: Opening) {
  if (isOpenIn(period, opening)) return;
  const opened = opening.openedOn.slice(0, 7);
  const closed = opening.closedOn?.slice(0, 7) ?? null;
  const message =
    period < opened
      ? `L'atelier n'était pas encore ouvert en ${periodLabel(period)} (il est ouvert à partir de ${periodLabel(opened)}) : aucun rapport n'est attendu pour ce mois.`
      : `L'atelier est fermé depuis ${periodLabel(closed ?? period)} : aucun rapport n'est attendu pour ${periodLabel(period)}.`;
  throw new AppError("ATELIER_NOT_OPEN", 422, message, [{ field: "period", message: "L'atelier n'est pas ouvert ce mois-là." }]);
}

/** The opening of an atelier that must exist (the access check found it). */
export async function openingOf(db: repo.DbOrTx, atelierCode: string): Promise<Opening> {
  const opening = await repo.openingOf(db, atelierCode);
  if (!opening) throw notFound("Cet atelier n'existe pas.");
  return opening;
}

/**
 * A closed year's reports no longer change, except those the national team
 * reopened after the closing (they can then be corrected and validated). The
 * closed years come from the settings the request works with (cached, see
 * settings/service.ts): only a closed year costs a query.
 */
export async function assertYearOpen(
  db: repo.DbOrTx,
  report: { id: number } | null,
  period: string,
  closedYears: NationalSettings["closedYears"],
) {
  const year = Number(period.slice(0, 4));
  const closed = closedYears.find((c) => c.year === year);
  if (!closed) return;
  if (report && (await repo.reopenedSince(db, report.id, closed.closedAt))) return;
  throw new AppError(
    "YEAR_CLOSED",
    409,
    `L'année ${year} est close : ses rapports ne changent plus, sauf réouverture par la direction nationale.`,
  );
}

export function assertDirects(caller: Caller, atelierCode: string) {
  if (!caller.grants.some((g) => g.role === "atelier" && g.atelierCode === atelierCode)) {
    throw forbidden("Seule la direction de l'atelier peut saisir ou soumettre son rapport.");
  }
}

export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return m ? Number(m[1]) : null;
}

/** The 409 of a stale version: the report as it stands, and who made it so. */
export async function conflict(
  db: repo.DbOrTx,
  report: { id: number; version: number; status: string; values: TConflict["current"]["values"] },
) {
  const editor = await repo.lastEditor(db, report.id);
  return new ConflictError({
    version: report.version,
    status: report.status as TConflict["current"]["status"],
    values: report.values,
    updatedBy: editor?.actor ?? null,
    updatedAt: iso(editor?.at ?? null),
  });
}

export async function getReport(db: Db, caller: Caller, atelierCode: string, period: string, settings: ReportSettings): Promise<TReport> {
  const territoryCode = await assertCanRead(db, caller, atelierCode, period);
  if (!parsePeriod(period)) throw notFound();
  // Independent reads run side by side.
  const [report, reference, opening, lines] = await Promise.all([
    repo.findReport(db, atelierCode, period),
    loadReference(db, atelierCode, period, settings.forms),
    openingOf(db, atelierCode),
    repo.historyLines(db, atelierCode, period, null, 0),
  ]);
  const events = report ? lines.events : [];
  const last = events[events.length - 1];
  const lastReturn = [...events].reverse().find((e) => e.action === "return" || e.action === "reopen");
  const state = buildState({
    atelierCode,
    period,
    territoryCode,
    report,
    reference,
    lastEvent: last ? { actor: last.actor, at: last.at } : null,
    lastReturn: lastReturn
      ? { action: lastReturn.action as "return" | "reopen", actor: lastReturn.actor, at: lastReturn.at, comment: lastReturn.comment }
      : null,
    dueDay: settings.dueDay,
    opening,
    forms: settings.forms,
    caller,
    conversation: conversationOf(events),
  });
  return { ...state, history: historyEntries(events, state.form) };
}

/** A page of the history, the latest change first, with the same access as the report itself. */
export async function reportHistory(
  db: Db,
  caller: Caller,
  atelierCode: string,
  period: string,
  query: TReportHistoryQuery,
  settings: ReportSettings,
): Promise<TReportHistoryPage> {
  await assertCanRead(db, caller, atelierCode, period);
  const { events, total, formVersion } = await repo.historyLines(
    db,
    atelierCode,
    period,
    query.pageSize,
    (query.page - 1) * query.pageSize,
    query.group === "sittings",
  );
  const form = formVersion === null ? null : formOf(settings.forms, { formVersion }, period);
  // The repository reads a page's events oldest first; a page lists its lines the latest first.
  return { items: historyEntries(events, form).reverse(), page: query.page, pageSize: query.pageSize, total };
}

/**
 * After a transition, inside its transaction: the state from the row the
 * update returned and the event it wrote, so that the answer is that
 * transition's, whoever writes next.
 */
export async function stateAfter(
  tx: repo.DbOrTx,
  caller: Caller,
  updated: repo.ReportRecord,
  event: {
    action: TReportEvent["action"];
    comment: string | null;
    /** The return that still stands, when this event leaves a returned report returned (an upgrade). */
    lastReturn?: { action: "return" | "reopen"; actor: string; at: Date; comment: string | null } | null;
  },
  settings: ReportSettings,
  known?: Reference,
  knownOpening?: Opening,
): Promise<TReportState> {
  // Other months only: what the transaction read before its update still holds.
  // One query at a time: a transaction's connection runs them in turn anyway.
  const reference = known ?? (await loadReference(tx, updated.atelierCode, updated.period, settings.forms, true));
  const opening = knownOpening ?? (await openingOf(tx, updated.atelierCode));
  const written = { actor: caller.displayName, at: updated.updatedAt };
  const conversation = conversationOf(await repo.spokenRemarks(tx, updated.id));
  return buildState({
    atelierCode: updated.atelierCode,
    period: updated.period,
    territoryCode: updated.territoryCode,
    report: updated,
    reference,
    lastEvent: written,
    // A return or a reopening leaves a report returned: this very event, or the one the caller read (an upgrade keeps it).
    lastReturn:
      updated.status === "returned" && (event.action === "return" || event.action === "reopen")
        ? { ...written, action: event.action, comment: event.comment }
        : (event.lastReturn ?? null),
    dueDay: settings.dueDay,
    opening,
    forms: settings.forms,
    caller,
    conversation,
  });
}

/** A reply answers a return comment or a reopening reason: only a returned report has one. */
function assertReplyExpected(status: string, reply: string) {
  if (reply === "" || status === "returned") return;
  const message = "Ce rapport n'a pas été renvoyé : il n'y a pas de commentaire auquel répondre.";
  throw new AppError("REPLY_NOT_EXPECTED", 422, message, [{ field: "reply", message }]);
}

export async function submit(
  db: Db,
  caller: Caller,
  atelierCode: string,
  period: string,
  input: { justifications: Record<string, string>; reply?: string | undefined; ifMatch: string | undefined },
  settings: ReportSettings,
): Promise<TReportState> {
  assertDirects(caller, atelierCode);
  assertPeriodOpen(period);
  assertMonthOver(period, parisDate());
  const expected = parseIfMatch(input.ifMatch);
  return await db.transaction(async (tx) => {
    const opening = await openingOf(tx, atelierCode);
    assertAtelierOpen(period, opening);
    const report = await repo.findReport(tx, atelierCode, period, true);
    if (!report) throw new AppError("NOT_FOUND", 404, "Ce rapport n'existe pas encore : enregistrez d'abord vos saisies.");
    await assertYearOpen(tx, report, period, settings.closedYears);
    if (expected !== null && expected !== report.version) throw await conflict(tx, report);
    const next = nextStatus(report.status, "submit");
    if ("error" in next) throw new AppError("INVALID_TRANSITION", 409, next.error);
    // An empty reply is no reply; trimmed here too, the service is not only reached through the route's schema.
    const reply = input.reply?.trim() ?? "";
    assertReplyExpected(report.status, reply);
    // The report's own version: its required fields and rules, whatever version a later month uses.
    const form = formOf(settings.forms, report, period);
    const reference = await loadReference(tx, atelierCode, period, settings.forms, true);
    const { past } = reference;
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
    const kept = Object.fromEntries(check.warnings.map((w) => [w.code, own(justifications, w.code) ?? ""]));
    // The reply first (it answers the return), then each justification under the warning it answers, as the director saw it.
    const remarks: repo.Remark[] = [
      ...(reply === "" ? [] : [{ kind: "reply" as const, text: reply }]),
      ...check.warnings.flatMap((w) => {
        const text = own(kept, w.code)?.trim() ?? "";
        return text === "" ? [] : [{ kind: "justification" as const, field: w.code, label: justificationLabel(form, w.code), text }];
      }),
    ];
    const updated = await repo.updateReport(
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
        // `comment` is a return's or a reopening's only: the justifications are remarks, each labelled.
        comment: null,
        remarks,
      },
    );
    return await stateAfter(tx, caller, updated, { action: "submit", comment: null }, settings, reference, opening);
  });
}

/**
 * Validates reports of several months (the queue of every month): one batch
 * per month, each report in its own transaction as the batch of a month does,
 * and which were refused and why, with their month.
 */
export async function validateAcrossMonths(
  db: Db,
  caller: Caller,
  items: TReviewBatchBody["items"],
  settings: ReportSettings,
): Promise<TReviewBatchResult> {
  const byPeriod = new Map<string, string[]>();
  for (const { atelierCode, period } of items) byPeriod.set(period, [...(byPeriod.get(period) ?? []), atelierCode]);
  const result: TReviewBatchResult = { validated: [], refused: [] };
  for (const [period, codes] of [...byPeriod].sort(([a], [b]) => a.localeCompare(b))) {
    const { validated, refused } = await validateBatch(db, caller, period, codes, settings);
    result.validated.push(...validated.map((atelierCode) => ({ atelierCode, period })));
    result.refused.push(...refused.map((r) => ({ ...r, period })));
  }
  return result;
}
