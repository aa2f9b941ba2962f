/**
 * Decisions on a submitted or validated report: validate, return, reopen.
 * Who may decide comes from the domain's transition table; the territory is
 * the report's own (its atelier's in that month). Each decision is one transaction with its event
 * and the emails it causes, and its answer is built inside it.
 */
import type { TReportState } from "@enquete/contract";
import { nextStatus, type ReportAction, TRANSITIONS } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError, forbidden, notFound } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import { queueDecisionEmails } from "../notifications/service.ts";
import { assertCanRead } from "./access.ts";
import * as repo from "./repository.ts";
import { assertYearOpen, type ReportSettings, stateAfter } from "./service.ts";

type Decision = Extract<ReportAction, "validate" | "return" | "reopen">;

/** A return's comment and a reopening's reason, as what they are (a validation says nothing). */
function remarksOf(action: Decision, comment: string | null): repo.Remark[] {
  const text = comment?.trim() ?? "";
  if (action === "validate" || text === "") return [];
  return [{ kind: action === "return" ? "return_comment" : "reopen_reason", text }];
}

/** The decision itself; `answer` false when nobody reads the report afterwards (a batch). */
async function applyDecision<A extends boolean>(
  db: Db,
  caller: Caller,
  action: Decision,
  atelierCode: string,
  period: string,
  comment: string | null,
  settings: ReportSettings,
  answer: A,
): Promise<A extends true ? TReportState : null> {
  return await db.transaction(async (tx) => {
    // The territory is read in the transaction that writes, from the locked report: a move committed meanwhile cannot slip between.
    const report = await repo.findReport(tx, atelierCode, period, true);
    const territoryCode = await assertCanRead(tx, caller, atelierCode, period, report);
    const allowedRoles = TRANSITIONS[action].by;
    const mayAct = caller.grants.some(
      (g) => allowedRoles.includes(g.role) && (g.role !== "territory" || (territoryCode !== null && g.territoryCode === territoryCode)),
    );
    if (!mayAct)
      throw forbidden(
        action === "reopen"
          ? "Seule la direction nationale peut rouvrir un rapport validé."
          : "Seule la direction territoriale de ce rapport (celle de l'atelier ce mois-là) peut en décider.",
      );
    if (!report) throw notFound("Ce rapport n'existe pas.");
    if (action !== "reopen") await assertYearOpen(tx, report, period, settings.closedYears);
    const next = nextStatus(report.status, action);
    if ("error" in next) throw new AppError("INVALID_TRANSITION", 409, next.error);
    const updated = await repo.updateReport(
      tx,
      report.id,
      { status: next.to, version: report.version + 1, ...(action === "validate" ? { validatedAt: new Date() } : { validatedAt: null }) },
      {
        actorId: caller.userId,
        actorLabel: caller.displayName,
        action,
        fromStatus: report.status,
        toStatus: next.to,
        version: report.version + 1,
        comment,
        remarks: remarksOf(action, comment),
      },
    );
    await queueDecisionEmails(tx, { atelierCode, period, action, comment });
    return (answer ? await stateAfter(tx, caller, updated, { action, comment }, settings) : null) as A extends true ? TReportState : null;
  });
}

/** validate, return, reopen: the territory of that atelier (or national) decides. */
export async function decide(
  db: Db,
  caller: Caller,
  action: Decision,
  atelierCode: string,
  period: string,
  comment: string | null,
  settings: ReportSettings,
): Promise<TReportState> {
  return await applyDecision(db, caller, action, atelierCode, period, comment, settings, true);
}

/** Validates several submitted reports of a month, each in its own transaction; says which were refused and why. */
export async function validateBatch(db: Db, caller: Caller, period: string, atelierCodes: string[], settings: ReportSettings) {
  const validated: string[] = [];
  const refused: { atelierCode: string; code: string; message: string }[] = [];
  for (const atelierCode of [...new Set(atelierCodes)]) {
    try {
      await applyDecision(db, caller, "validate", atelierCode, period, null, settings, false);
      validated.push(atelierCode);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push({ atelierCode, code: error.code, message: error.message });
    }
  }
  return { validated, refused };
}
