/**
 * What a failed save means, and so what the autosave does next: compare two
 * versions, wait for the network, ask to sign in again, or say it loudly.
 */
import type { TReportState } from "@enquete/contract";
import { isEditable, type ReportStatus } from "@enquete/domain";
import { ApiError, errorMessage } from "../../../api/ApiError.ts";
import { isFormVersionChanged } from "../../../api/reports.ts";
import { type ConflictSide, conflictSideOf } from "../conflict/conflictSide.ts";
import { lastEditor } from "./restore.ts";

export type SaveFailure =
  | { kind: "conflict"; current: ConflictSide }
  | { kind: "network" }
  | { kind: "expired" }
  | { kind: "error"; message: string; requestId?: string };

const SUBMITTED_MEANWHILE =
  "Ce rapport a été soumis entre-temps : il n'est plus modifiable. Vos dernières saisies restent conservées sur cet appareil ; rechargez la page pour voir le rapport soumis.";

async function loadCurrent(load: () => Promise<TReportState>): Promise<ConflictSide | null> {
  try {
    const report = await load();
    const editor = lastEditor(report);
    return {
      version: report.version,
      status: report.status,
      values: report.values,
      notes: report.notes,
      formVersion: report.formVersion,
      updatedBy: editor.actor,
      updatedAt: editor.at,
    };
  } catch {
    return null;
  }
}

/** A first save (no If-Match) that finds the report created meanwhile, by another tab or person: a conflict too. */
async function createdMeanwhile(error: unknown, load: () => Promise<TReportState>): Promise<ConflictSide | null> {
  if (!(error instanceof ApiError) || error.status !== 428) return null;
  return await loadCurrent(load);
}

const MOVED_UNREAD =
  "Ce rapport est passé à une autre version du questionnaire entre-temps : rien n'est enregistré depuis cette page. Vos saisies sont conservées sur cet appareil ; rechargez la page pour les retrouver dans la nouvelle version.";

/**
 * A save refused for its questionnaire version (a version published for the
 * month before the report's first save, or a move elsewhere): the report as
 * it is now, whose other version makes the page stop, as after a move.
 */
async function movedMeanwhile(error: unknown, load: () => Promise<TReportState>): Promise<SaveFailure | null> {
  if (!isFormVersionChanged(error)) return null;
  const current = await loadCurrent(load);
  return current ? { kind: "conflict", current } : { kind: "error", message: MOVED_UNREAD };
}

/**
 * A 409 whose body does not say the report's notes and questionnaire version:
 * the report is read again for them (a conflict is rare, and the choice to
 * make depends on them); its body is kept when that fails.
 */
async function completed(current: ConflictSide | null, load: () => Promise<TReportState>): Promise<ConflictSide | null> {
  if (!current || (current.notes && current.formVersion !== undefined)) return current;
  return (await loadCurrent(load)) ?? current;
}

export async function classifyFailure(error: unknown, load: () => Promise<TReportState>): Promise<SaveFailure> {
  const moved = await movedMeanwhile(error, load);
  if (moved) return moved;
  const current = (await completed(conflictSideOf(error), load)) ?? (await createdMeanwhile(error, load));
  if (current) {
    // Submitted or validated in the meantime: there is nothing left to choose between.
    const editable = current.status === "not_started" || isEditable(current.status as ReportStatus);
    return editable ? { kind: "conflict", current } : { kind: "error", message: SUBMITTED_MEANWHILE };
  }
  if (error instanceof ApiError && error.status === 0) return { kind: "network" };
  if (error instanceof ApiError && error.status === 401) return { kind: "expired" };
  return {
    kind: "error",
    message: errorMessage(error),
    ...(error instanceof ApiError && error.requestId ? { requestId: error.requestId } : {}),
  };
}
