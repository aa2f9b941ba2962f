/** The fields where the two versions of a conflict differ, and what each says. */
import { type FieldDef, type FormDefinition, formFields, type ReportValues } from "@enquete/domain";
import { type FormText, parseFormText, sameValue, valueToText } from "../form/formText.ts";
import { displayValue } from "../valueText.ts";

export type Side = "mine" | "theirs";

export type ConflictRow = {
  field: FieldDef;
  /** As typed on this screen. */
  mine: string;
  theirs: string;
  /** The side suggested: theirs when only they changed the field since both started. */
  suggested: Side;
};

export function conflictRows(form: FormDefinition, text: FormText, theirs: ReportValues, base: ReportValues | null): ConflictRow[] {
  const { values, invalid } = parseFormText(form, text);
  return formFields(form)
    .filter((f) => invalid.includes(f.code) || !sameValue(values[f.code], theirs[f.code]))
    .map((f) => {
      const typed = text[f.code] ?? "";
      const untouched = base !== null && !invalid.includes(f.code) && sameValue(values[f.code], base[f.code]);
      return {
        field: f,
        mine: typed.trim() === "" ? "(vide)" : invalid.includes(f.code) ? typed : displayValue(values[f.code]),
        theirs: displayValue(theirs[f.code]),
        suggested: untouched ? "theirs" : "mine",
      };
    });
}

/** The form's text once the choices are applied: theirs where chosen, what is on screen elsewhere. */
export function applyChoices(text: FormText, theirs: ReportValues, choices: Record<string, Side>): FormText {
  const next = { ...text };
  for (const [code, side] of Object.entries(choices)) if (side === "theirs") next[code] = valueToText(theirs[code]);
  return next;
}
