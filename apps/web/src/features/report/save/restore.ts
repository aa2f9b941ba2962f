/**
 * Coming back to a report: values typed on this device that the server does
 * not have are put back in the form and sent; when the server's version moved
 * on meanwhile, the person compares before anything is overwritten.
 */
import type { TReportState } from "@enquete/contract";
import { type FormDefinition, formFields } from "@enquete/domain";
import type { ConflictCurrent } from "../../../api/reports.ts";
import { type FormText, parseFormText, sameValue, toFormText } from "../form/formText.ts";
import type { SaverInit } from "./DraftSaver.ts";
import type { LocalDraft } from "./localDraft.ts";

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

export function planStart(form: FormDefinition, report: TReportState, local: LocalDraft | null): SaverInit {
  const serverText = toFormText(form, report.values);
  const editor = lastEditor(report);
  const savedAt = editor.at ? new Date(editor.at) : null;
  const fromServer: SaverInit = {
    version: report.version,
    serverValues: report.values,
    text: serverText,
    savedAt,
    restored: false,
    conflict: null,
  };
  if (!local || local.formVersion !== report.formVersion) return fromServer;
  const known = new Set(formFields(form).map((f) => f.code));
  const localText: FormText = { ...serverText };
  for (const [code, text] of Object.entries(local.text)) if (known.has(code)) localText[code] = text;
  if (sameText(form, localText, serverText)) return { ...fromServer, text: localText };
  const conflict: ConflictCurrent | null =
    local.baseVersion === report.version
      ? null
      : { version: report.version, status: report.status, values: report.values, updatedBy: editor.actor, updatedAt: editor.at };
  return { ...fromServer, text: localText, restored: true, conflict };
}
