/**
 * Checks of a report, in stages: types and signs (the draft schema), then
 * required fields and hard rules, then soft rules that need a justification.
 */
import { z } from "zod";
import { hasAtMostTwoDecimals } from "./numbers.ts";
import type { FieldDef, FormDefinition, ReportValues, RuleDef } from "./types.ts";

export const MAX_COUNT = 10_000_000;
export const JUSTIFICATION_MAX = 2000;
/** A director's note on a figure: a short sentence. */
export const NOTE_MAX = 500;

export function formFields(form: FormDefinition): FieldDef[] {
  return form.sections.flatMap((s) => s.fields);
}

export function numericFields(form: FormDefinition): FieldDef[] {
  return formFields(form).filter((f) => f.type !== "text");
}

const FRENCH_NUMBER = new Intl.NumberFormat("fr-FR");

function fieldSchema(f: FieldDef) {
  if (f.type === "text") {
    const max = f.maxLength ?? 2000;
    return z
      .string({ error: "Saisissez un texte." })
      .max(max, `${max.toLocaleString("fr-FR")} caractères au plus.`)
      .nullable()
      .optional();
  }
  // A version may narrow the accepted answers (min, max); without bounds, any count is ≥ 0.
  const number = z.number({ error: "Saisissez un nombre." });
  const low =
    f.min !== undefined && f.min > 0
      ? number.min(f.min, `Au moins ${FRENCH_NUMBER.format(f.min)}.`)
      : number.min(0, "Le nombre ne peut pas être négatif.");
  const base =
    f.max !== undefined && f.max < MAX_COUNT
      ? low.max(f.max, `Au plus ${FRENCH_NUMBER.format(f.max)}.`)
      : low.max(MAX_COUNT, "Ce nombre est trop grand.");
  const typed =
    f.type === "integer"
      ? base.int("Saisissez un nombre entier.")
      : base.refine(hasAtMostTwoDecimals, "Deux décimales au plus (par exemple 12,5).");
  return typed.nullable().optional();
}

/**
 * One schema per questionnaire version, built on first use: a form is data
 * that never changes once loaded, and building a zod object of 28 fields at
 * every save was a tenth of the save's time.
 */
const draftSchemas = new WeakMap<FormDefinition, ReturnType<typeof buildDraftValuesSchema>>();

/**
 * The schema of a draft: every field optional, each with its type and sign;
 * an unknown field code is refused, not ignored.
 */
export function draftValuesSchema(form: FormDefinition) {
  let schema = draftSchemas.get(form);
  if (!schema) {
    schema = buildDraftValuesSchema(form);
    draftSchemas.set(form, schema);
  }
  return schema;
}

function buildDraftValuesSchema(form: FormDefinition) {
  const shape = Object.fromEntries(formFields(form).map((f) => [f.code, fieldSchema(f)]));
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `Champ inconnu du questionnaire (version ${form.version}).` : undefined),
  });
}

export interface Problem {
  field: string;
  message: string;
  rule?: string;
}

export interface Warning {
  /** Key of the justification expected at submission. */
  code: string;
  rule: string;
  fields: string[];
  message: string;
}

const num = (values: ReportValues, code: string) => {
  const v = values[code];
  return typeof v === "number" ? v : null;
};
const sum = (values: ReportValues, codes: string[]) => {
  let total = 0;
  for (const c of codes) {
    const v = num(values, c);
    if (v === null) return null;
    total += v;
  }
  return Math.round(total * 100) / 100;
};

/** Hard rules broken by these values (rules whose fields, or whose `when`, are not filled are not judged yet). */
export function hardRuleProblems(form: FormDefinition, values: ReportValues): Problem[] {
  const problems: Problem[] = [];
  for (const rule of form.rules) {
    if (rule.kind === "lte") {
      // "When there are trainees": judged only once that field says there are some.
      if (rule.when !== undefined) {
        const when = num(values, rule.when);
        if (when === null || when <= 0) continue;
      }
      const left = sum(values, rule.fields);
      const right = sum(values, rule.max);
      if (left !== null && right !== null && left > right) {
        for (const f of rule.fields) problems.push({ field: f, message: rule.message, rule: rule.code });
      }
    } else if (rule.kind === "zeroWhenZero") {
      const when = num(values, rule.when);
      const value = num(values, rule.field);
      if (when === 0 && value !== null && value !== 0) problems.push({ field: rule.field, message: rule.message, rule: rule.code });
    }
  }
  return problems;
}

export function missingRequired(form: FormDefinition, values: ReportValues): Problem[] {
  return formFields(form)
    .filter((f) => f.required && (values[f.code] === null || values[f.code] === undefined || values[f.code] === ""))
    .map((f) => ({ field: f.code, message: "Ce champ est obligatoire : saisissez 0 s'il n'y a rien à déclarer." }));
}

/** Medians of the atelier's previous validated months, per field code. */
export type History = Record<string, number[]>;

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function isOutlier(value: number, med: number, rule: Extract<RuleDef, { kind: "outlier" }>): boolean {
  if (Math.abs(value - med) <= rule.minDifference) return false;
  return value > rule.factor * med || value * rule.factor < med;
}

/** Soft rules: each warning needs a justification to submit. */
export function softWarnings(form: FormDefinition, values: ReportValues, history: History = {}): Warning[] {
  const warnings: Warning[] = [];
  for (const rule of form.rules) {
    if (rule.kind === "sumEquals") {
      const parts = sum(values, rule.parts);
      const total = sum(values, rule.total);
      if (parts !== null && total !== null && parts !== total) {
        warnings.push({ code: rule.code, rule: rule.code, fields: [...rule.parts], message: rule.message });
      }
    } else if (rule.kind === "outlier") {
      for (const f of numericFields(form)) {
        const value = num(values, f.code);
        const med = median((history[f.code] ?? []).slice(-rule.months));
        if (value === null || med === null) continue;
        if (isOutlier(value, med, rule)) {
          warnings.push({
            code: `${rule.code}:${f.code}`,
            rule: rule.code,
            fields: [f.code],
            message: `${rule.message} Médiane : ${FRENCH_NUMBER.format(med)}.`,
          });
        }
      }
    }
  }
  return warnings;
}

export interface SubmissionCheck {
  errors: Problem[];
  warnings: Warning[];
  unjustified: Warning[];
}

/** Everything that stands in the way of a submission, all at once. */
export function checkSubmission(
  form: FormDefinition,
  values: ReportValues,
  justifications: Record<string, string> = {},
  history: History = {},
): SubmissionCheck {
  const typed = draftValuesSchema(form).safeParse(values);
  const typeErrors: Problem[] = typed.success
    ? []
    : typed.error.issues.map((i) => ({ field: String(i.path[0] ?? (i as { keys?: string[] }).keys?.[0] ?? ""), message: i.message }));
  const warnings = softWarnings(form, values, history);
  const unjustified = warnings.filter((w) => !justifications[w.code]?.trim());
  const errors = [...typeErrors, ...missingRequired(form, values), ...hardRuleProblems(form, values)];
  for (const [code, text] of Object.entries(justifications)) {
    if (text.length > JUSTIFICATION_MAX)
      errors.push({ field: `justifications.${code}`, message: `${JUSTIFICATION_MAX} caractères au plus.` });
  }
  return { errors, warnings, unjustified };
}
