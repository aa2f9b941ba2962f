/** The fields (and notes) where the two versions of a conflict differ, and what each says. */
import { type FormDefinition, formFields, numericFields, type ReportValues } from "@enquete/domain";
import { type FormText, type NoteText, parseFormText, type ReportNotes, sameValue, valueToText } from "../form/formText.ts";
import { displayValue } from "../valueText.ts";
import type { ConflictSide } from "./conflictSide.ts";

export type Side = "mine" | "theirs";

export type ConflictRow = {
  /** The field's code, or `note:<code>` for its note (as the history names it). */
  key: string;
  code: string;
  kind: "value" | "note";
  label: string;
  /** As typed on this screen. */
  mine: string;
  theirs: string;
  /** The side suggested: theirs when only they changed it since both started. */
  suggested: Side;
};

export type Draft = { text: FormText; notes: NoteText };
export type Base = { values: ReportValues | null; notes: ReportNotes | null };

const noteText = (text: string | undefined) => (text ?? "").trim();
const shownNote = (text: string) => (text === "" ? "(aucune)" : text);

function valueRows(form: FormDefinition, text: FormText, theirs: ReportValues, base: ReportValues | null): ConflictRow[] {
  const { values, invalid } = parseFormText(form, text);
  return formFields(form)
    .filter((f) => invalid.includes(f.code) || !sameValue(values[f.code], theirs[f.code]))
    .map((f) => {
      const typed = text[f.code] ?? "";
      const untouched = base !== null && !invalid.includes(f.code) && sameValue(values[f.code], base[f.code]);
      return {
        key: f.code,
        code: f.code,
        kind: "value",
        label: f.label,
        mine: typed.trim() === "" ? "(vide)" : invalid.includes(f.code) ? typed : displayValue(values[f.code]),
        theirs: displayValue(theirs[f.code]),
        suggested: untouched ? "theirs" : "mine",
      };
    });
}

/** Only when the server's notes are known: otherwise the notes on screen stay as they are. */
function noteRows(form: FormDefinition, notes: NoteText, theirs: ReportNotes | undefined, base: ReportNotes | null): ConflictRow[] {
  if (!theirs) return [];
  return numericFields(form)
    .filter((f) => noteText(notes[f.code]) !== noteText(theirs[f.code]))
    .map((f) => {
      const mine = noteText(notes[f.code]);
      const untouched = base !== null && mine === noteText(base[f.code]);
      return {
        key: `note:${f.code}`,
        code: f.code,
        kind: "note",
        label: `Note sur « ${f.label} »`,
        mine: shownNote(mine),
        theirs: shownNote(noteText(theirs[f.code])),
        suggested: untouched ? "theirs" : "mine",
      };
    });
}

export function conflictRows(form: FormDefinition, mine: Draft, theirs: ConflictSide, base: Base): ConflictRow[] {
  return [...valueRows(form, mine.text, theirs.values, base.values), ...noteRows(form, mine.notes, theirs.notes, base.notes)];
}

/** The form's text and notes once the choices are applied: theirs where chosen, what is on screen elsewhere. */
export function applyChoices(mine: Draft, theirs: ConflictSide, rows: ConflictRow[], choices: Record<string, Side>): Draft {
  const text = { ...mine.text };
  const notes = { ...mine.notes };
  for (const row of rows) {
    if (choices[row.key] !== "theirs") continue;
    if (row.kind === "value") text[row.code] = valueToText(theirs.values[row.code]);
    else notes[row.code] = theirs.notes?.[row.code] ?? "";
  }
  return { text, notes };
}
