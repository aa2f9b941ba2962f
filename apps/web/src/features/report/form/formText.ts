/**
 * The form holds what people type (text: "12,5", "1 234"); the API holds
 * values (numbers, null). Both directions, with the domain's own field schemas:
 * no rule of a field is written again here.
 */
import { draftValuesSchema, type FieldDef, type FormDefinition, formFields, parseFrenchNumber, type ReportValues } from "@enquete/domain";
import { z } from "zod";

/** What the form holds, by field code. */
export type FormText = Record<string, string>;

export type ReportFormInput = { values: FormText; justifications: Record<string, string> };
export type ReportFormOutput = { values: ReportValues; justifications: Record<string, string> };

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

/** The form's schema: the questionnaire's fields, and the justifications of the warnings. */
export function reportFormSchema(form: FormDefinition) {
  return z.object({
    values: z.object(fieldSchemas(form)),
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
