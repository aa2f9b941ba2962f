/**
 * What a submission sends, as the confirmation step reads it out: by block,
 * the block's totals and each figure that is not 0 (a 0 says "none" and would
 * drown the rest), the warnings that stand with the justification typed for
 * each, and the notes on figures. Built from the report's own questionnaire
 * version and the domain's rules, never from a list of its own.
 */
import { type FormDefinition, formatFrenchNumber, type History, type ReportValues, softWarnings } from "@enquete/domain";
import { cleanNotes, type NoteText } from "./formText.ts";
import { visibleSections } from "./SectionFieldset.tsx";
import { liveTotals } from "./totals.ts";

export type SummaryLine = { code: string; label: string; text: string };

export type SummarySection = {
  code: string;
  title: string;
  /** The block's running totals ("Total des journées stagiaires : 38"). */
  totals: string[];
  /** Figures other than 0, and texts that are not empty. */
  lines: SummaryLine[];
  /** How many figures of the block are 0 (said in one sentence). */
  zeros: number;
};

export type SummaryWarning = { code: string; message: string; justification: string };

export type SubmissionSummary = { sections: SummarySection[]; warnings: SummaryWarning[]; notes: SummaryLine[] };

export function submissionSummary(
  form: FormDefinition,
  values: ReportValues,
  notes: NoteText,
  justifications: Record<string, string>,
  history: History,
): SubmissionSummary {
  const totals = liveTotals(form);
  const sections = visibleSections(form).map((section): SummarySection => {
    const lines: SummaryLine[] = [];
    let zeros = 0;
    for (const field of section.fields) {
      const value = values[field.code];
      if (typeof value === "number") {
        if (value === 0) zeros += 1;
        else lines.push({ code: field.code, label: field.label, text: formatFrenchNumber(value) });
      } else if (typeof value === "string" && value.trim() !== "") {
        lines.push({ code: field.code, label: field.label, text: value.trim() });
      }
    }
    return {
      code: section.code,
      title: section.title,
      totals: totals.filter((t) => t.section === section.code).map((t) => t.text(values)),
      lines,
      zeros,
    };
  });
  const warnings = softWarnings(form, values, history).map((w) => ({
    code: w.code,
    message: w.message,
    justification: (justifications[w.code] ?? "").trim(),
  }));
  const cleaned = cleanNotes(form, notes);
  const noteLines = visibleSections(form)
    .flatMap((s) => s.fields)
    .filter((f) => cleaned[f.code] !== undefined)
    .map((f) => ({ code: f.code, label: f.label, text: cleaned[f.code] ?? "" }));
  return { sections, warnings, notes: noteLines };
}
