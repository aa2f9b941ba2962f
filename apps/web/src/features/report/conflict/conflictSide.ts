/**
 * The version a conflict found on the server. The contract's 409 body names
 * its values; its notes and questionnaire version come when the server sends
 * them (a foreign save's answer and a report loaded again always do): without
 * notes, the notes on screen are kept as they are.
 */
import { ApiError } from "../../../api/ApiError.ts";
import { type ConflictCurrent, conflictOf } from "../../../api/reports.ts";
import type { ReportNotes } from "../form/formText.ts";

export type ConflictSide = ConflictCurrent & {
  notes?: ReportNotes;
  /** The questionnaire version the server's report is on: another one than the form's means the report moved meanwhile. */
  formVersion?: number;
};

const isTextRecord = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string");

/** A 409 VERSION_CONFLICT's current version, with its notes when the body has them; null for any other failure. */
export function conflictSideOf(error: unknown): ConflictSide | null {
  const current = conflictOf(error);
  if (!current) return null;
  const body = error instanceof ApiError ? (error.body as { current?: { notes?: unknown; formVersion?: unknown } } | undefined) : undefined;
  const notes = body?.current?.notes;
  const formVersion = body?.current?.formVersion;
  return {
    ...current,
    ...(isTextRecord(notes) ? { notes } : {}),
    ...(typeof formVersion === "number" ? { formVersion } : {}),
  };
}
