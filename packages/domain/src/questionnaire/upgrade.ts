/**
 * Moving a report from one questionnaire version to another: a code means
 * the same thing in every version, so a value is kept under its code when the
 * new version still asks it; a retired field's value is dropped (it stays in
 * the versions that had it) and the new fields are to be filled.
 */
import { formFields } from "./rules.ts";
import type { FieldDef, FormDefinition, ReportValues } from "./types.ts";

/** Fields of `from` that `to` no longer has, in the order of `from`. */
export function retiredFields(from: FormDefinition, to: FormDefinition): FieldDef[] {
  const kept = new Set(formFields(to).map((f) => f.code));
  return formFields(from).filter((f) => !kept.has(f.code));
}

/** Fields of `to` that `from` did not have, in the order of `to`. */
export function addedFields(from: FormDefinition, to: FormDefinition): FieldDef[] {
  const before = new Set(formFields(from).map((f) => f.code));
  return formFields(to).filter((f) => !before.has(f.code));
}

export interface UpgradedValues {
  values: ReportValues;
  added: { code: string; label: string }[];
  /** Every retired field, with what was typed in it (null when nothing was). */
  retired: { code: string; label: string; value: number | string | null }[];
}

/** The values of a report filled with `from`, as a report of `to`. */
export function upgradeValues(values: ReportValues, from: FormDefinition, to: FormDefinition): UpgradedValues {
  const codes = new Set(formFields(to).map((f) => f.code));
  const kept: ReportValues = {};
  for (const [code, value] of Object.entries(values)) if (codes.has(code)) kept[code] = value;
  return {
    values: kept,
    added: addedFields(from, to).map((f) => ({ code: f.code, label: f.label })),
    retired: retiredFields(from, to).map((f) => ({ code: f.code, label: f.label, value: values[f.code] ?? null })),
  };
}

export interface UpgradedNotes {
  notes: Record<string, string>;
  /** The notes left on fields the new version no longer has. */
  retired: { code: string; label: string; note: string }[];
}

/** A report's notes (field code → text), as notes of a report of `to`. */
export function upgradeNotes(notes: Readonly<Record<string, string>>, from: FormDefinition, to: FormDefinition): UpgradedNotes {
  const codes = new Set(formFields(to).map((f) => f.code));
  const labels = new Map(formFields(from).map((f) => [f.code, f.label]));
  const kept: Record<string, string> = {};
  const retired: UpgradedNotes["retired"] = [];
  for (const [code, note] of Object.entries(notes)) {
    if (codes.has(code)) kept[code] = note;
    else retired.push({ code, label: labels.get(code) ?? code, note });
  }
  return { notes: kept, retired };
}
