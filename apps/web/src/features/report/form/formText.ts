/**
 * The form holds what people type (text: "12,5", "1 234"); the API holds
 * values (numbers, null). Both directions, with the domain's own field schemas:
 * no rule of a field is written again here.
 */
import {
  draftValuesSchema,
  type FieldDef,
  type FormDefinition,
  formFields,
  NOTE_MAX,
  numericFields,
  parseFrenchNumber,
  type ReportValues,
} from "@enquete/domain";
import { z } from "zod";

/** What the form holds, by field code. */
export type FormText = Record<string, string>;

/** The director's notes on figures, by field code, as typed (an empty text is no note). */
export type NoteText = Record<string, string>;

/** The notes as the API holds them: trimmed, no empty one. */
export type ReportNotes = Record<string, string>;

export type ReportFormInput = { values: FormText; notes: NoteText; justifications: Record<string, string> };
export type ReportFormOutput = { values: ReportValues; notes: NoteText; justifications: Record<string, string> };

/** Text to value: empty is null; a number that cannot be read becomes NaN, which the domain's schema refuses in French. */
function textToValue(field: FieldDef): z.ZodType<string | number | null, string> {
  if (field.type === "text") return z.string().transform((text) => (text === "" ? null : text));
  return z.string().transform((text) => {
    const n = parseFrenchNumber(text);
    return n === undefined ? Number.NaN : n;
  });
}

const schemasByForm = new WeakMap<FormDefinition, Record<string, z.ZodType>>();

/** One schema per field: the typed text, read the French way, then checked by the domain's draft schema. */
export function fieldSchemas(form: FormDefinition): Record<string, z.ZodType> {
  const cached = schemasByForm.get(form);
  if (cached) return cached;
  const domain = draftValuesSchema(form).shape as unknown as Record<string, z.ZodType<unknown, string | number | null>>;
  const schemas = Object.fromEntries(
    formFields(form).map((f) => [f.code, textToValue(f).pipe(domain[f.code] as z.ZodType<unknown, string | number | null>)]),
  );
  schemasByForm.set(form, schemas);
  return schemas;
}

export const NOTE_TOO_LONG = `${NOTE_MAX.toLocaleString("fr-FR")} caractères au plus pour une note.`;

/** A note the API would refuse (the contract trims it, then counts). */
export function noteTooLong(text: string | undefined): boolean {
  return (text ?? "").trim().length > NOTE_MAX;
}

const noteSchema = z.string().refine((text) => !noteTooLong(text), NOTE_TOO_LONG);

/** The form's schema: the questionnaire's fields, the notes on them, and the justifications of the warnings. */
export function reportFormSchema(form: FormDefinition) {
  return z.object({
    values: z.object(fieldSchemas(form)),
    notes: z.record(z.string(), noteSchema).default({}),
    justifications: z.record(z.string(), z.string()),
  });
}

/** A value as someone would type it: "12,5", never "1 234" (spaces are for reading, not editing). */
export function valueToText(value: ReportValues[string] | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value).replace(".", ",");
  return value;
}

export function toFormText(form: FormDefinition, values: ReportValues): FormText {
  return Object.fromEntries(formFields(form).map((f) => [f.code, valueToText(values[f.code])]));
}

/** The values that can be read, and the codes of the fields whose text cannot (yet). */
export function parseFormText(form: FormDefinition, text: FormText): { values: ReportValues; invalid: string[] } {
  const schemas = fieldSchemas(form);
  const values: ReportValues = {};
  const invalid: string[] = [];
  for (const f of formFields(form)) {
    const parsed = (schemas[f.code] as z.ZodType).safeParse(text[f.code] ?? "");
    if (parsed.success) values[f.code] = parsed.data as ReportValues[string];
    else invalid.push(f.code);
  }
  return { values, invalid };
}

const norm = (v: ReportValues[string] | undefined) => (v === undefined || v === "" ? null : v);

export function sameValue(a: ReportValues[string] | undefined, b: ReportValues[string] | undefined): boolean {
  return norm(a) === norm(b);
}

/** Equal on every field of the questionnaire; "absent", null and "" all mean "not entered". */
export function sameValues(form: FormDefinition, a: ReportValues, b: ReportValues): boolean {
  return formFields(form).every((f) => sameValue(a[f.code], b[f.code]));
}

/** Only the questionnaire's fields, each present (null when empty): the body of a save. */
export function completeValues(form: FormDefinition, values: ReportValues): ReportValues {
  return Object.fromEntries(formFields(form).map((f) => [f.code, norm(values[f.code])]));
}

/** The codes a note may be attached to: the figures of the report's own version. */
export function notedCodes(form: FormDefinition): Set<string> {
  return new Set(numericFields(form).map((f) => f.code));
}

/** Notes as the API holds them (trimmed, no empty one), for the fields of this version only. */
export function cleanNotes(form: FormDefinition, notes: NoteText | undefined): ReportNotes {
  const codes = notedCodes(form);
  const out: ReportNotes = {};
  for (const [code, text] of Object.entries(notes ?? {})) {
    const trimmed = typeof text === "string" ? text.trim() : "";
    if (trimmed !== "" && codes.has(code)) out[code] = trimmed;
  }
  return out;
}

/** Equal notes; an empty text and no note are the same. */
export function sameNotes(a: NoteText | undefined, b: NoteText | undefined): boolean {
  const codes = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const code of codes) if ((a?.[code] ?? "").trim() !== (b?.[code] ?? "").trim()) return false;
  return true;
}
