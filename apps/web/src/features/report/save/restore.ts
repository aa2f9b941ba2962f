/**
 * Coming back to a report: values and notes typed on this device that the
 * server does not have are put back in the form and sent; when the server's
 * version moved on meanwhile, the person compares before anything is
 * overwritten.
 *
 * A copy typed in another questionnaire version (the report moved to a newer
 * one meanwhile, from another tab or device) is never put back blindly: only
 * what the report's own version has a field for, and reads the same way, is
 * kept; the rest is named, not silently dropped; and since the report's
 * version moved on with the change, the person compares before anything is sent.
 */
import type { TReportState } from "@enquete/contract";
import { type FormDefinition, formFields } from "@enquete/domain";
import type { ConflictSide } from "../conflict/conflictSide.ts";
import {
  cleanNotes,
  type FormText,
  fieldSchemas,
  type NoteText,
  notedCodes,
  parseFormText,
  sameNotes,
  sameValue,
  toFormText,
} from "../form/formText.ts";
import type { SaverInit } from "./DraftSaver.ts";
import type { LocalDraft } from "./localDraft.ts";

/** What was typed on this device in another questionnaire version, with no place in the report's own. */
export type LeftOut = { code: string; text: string; note: boolean };

export type StartPlan = SaverInit & { leftOut: LeftOut[] };

/** Who made the version the server holds, and when (for the comparison). */
export function lastEditor(report: TReportState): { actor: string | null; at: string | null } {
  return { actor: report.updatedBy, at: report.updatedAt };
}

function sameText(form: FormDefinition, a: FormText, b: FormText): boolean {
  const pa = parseFormText(form, a);
  const pb = parseFormText(form, b);
  return formFields(form).every((f) => {
    const code = f.code;
    if (pa.invalid.includes(code) || pb.invalid.includes(code)) return (a[code] ?? "") === (b[code] ?? "");
    return sameValue(pa.values[code], pb.values[code]);
  });
}

/** The device's copy sorted against the report's form: what it can take back, and what it has no place for. */
function fitLocal(form: FormDefinition, local: LocalDraft, sameVersion: boolean, server: { text: FormText; notes: NoteText }) {
  const schemas = fieldSchemas(form);
  const text: FormText = { ...server.text };
  const notes: NoteText = { ...server.notes };
  const leftOut: LeftOut[] = [];
  for (const [code, typed] of Object.entries(local.text)) {
    const schema = schemas[code];
    // Another version: a code keeps its meaning, but its type may differ; text this form cannot read is not forced in.
    const fits = schema !== undefined && (sameVersion || typed.trim() === "" || schema.safeParse(typed).success);
    if (fits) text[code] = typed;
    else if (!sameVersion && typed.trim() !== "") leftOut.push({ code, text: typed, note: false });
  }
  const noted = notedCodes(form);
  for (const [code, typed] of Object.entries(local.notes)) {
    if (noted.has(code)) notes[code] = typed;
    else if (!sameVersion && typed.trim() !== "") leftOut.push({ code, text: typed, note: true });
  }
  return { text, notes, leftOut };
}

export function planStart(form: FormDefinition, report: TReportState, local: LocalDraft | null): StartPlan {
  const serverText = toFormText(form, report.values);
  const serverNotes = cleanNotes(form, report.notes);
  const editor = lastEditor(report);
  const savedAt = editor.at ? new Date(editor.at) : null;
  const fromServer: StartPlan = {
    version: report.version,
    serverValues: report.values,
    serverNotes,
    text: serverText,
    notes: { ...serverNotes },
    savedAt,
    restored: false,
    conflict: null,
    leftOut: [],
  };
  if (!local) return fromServer;
  const sameVersion = local.formVersion === report.formVersion;
  const { text, notes, leftOut } = fitLocal(form, local, sameVersion, { text: serverText, notes: serverNotes });
  if (sameText(form, text, serverText) && sameNotes(notes, serverNotes)) return { ...fromServer, text, notes, leftOut };
  const conflict: ConflictSide | null =
    local.baseVersion === report.version && sameVersion
      ? null
      : {
          version: report.version,
          status: report.status,
          values: report.values,
          notes: serverNotes,
          formVersion: report.formVersion,
          updatedBy: editor.actor,
          updatedAt: editor.at,
        };
  return { ...fromServer, text, notes, restored: true, conflict, leftOut };
}
