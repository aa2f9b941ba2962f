/**
 * Validation in the domain's stages. "draft": types and signs only. "rules":
 * and the hard rules between fields, as each field is left (the report's
 * editor and the questionnaire's preview: a rule is seen working without
 * filling the whole form, and nothing is said of empty fields). On
 * "Soumettre": everything the server will check, at once (required fields,
 * hard rules, unjustified warnings), with the domain's own checkSubmission, so
 * that the server's 422 should never come as a surprise.
 */
import { checkSubmission, type FormDefinition, type History, hardRuleProblems, type Problem, type ReportValues } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";
import { parseFormText, type ReportFormInput, type ReportFormOutput, reportFormSchema } from "./formText.ts";

/** "draft": types and signs; "rules": and the hard rules (the preview); "submit": everything a submission needs. */
export type Stage = "draft" | "rules" | "submit";

/** How the report's form is checked (with reportResolver): on blur, and the focus left to the error summary. */
export const REPORT_FORM_MODE = { mode: "onBlur", reValidateMode: "onBlur", shouldFocusError: false } as const;

type Group = "values" | "notes" | "justifications";

/** A problem's field ("eventsDpe", "notes.x", "justifications.x") as its group and code. */
function split(field: string): { group: Group; code: string } {
  for (const group of ["notes", "justifications"] as const) {
    if (field.startsWith(`${group}.`)) return { group, code: field.slice(group.length + 1) };
  }
  return { group: "values", code: field };
}

/** A problem's field ("eventsDpe", "notes.x", "justifications.x") as the form's field name. */
export function formFieldName(field: string): `values.${string}` | `notes.${string}` | `justifications.${string}` {
  const { group, code } = split(field);
  return `${group}.${code}`;
}

export function toFieldErrors(problems: Problem[]): FieldErrors<ReportFormInput> {
  const groups: Record<Group, Record<string, { type: string; message: string }>> = { values: {}, notes: {}, justifications: {} };
  for (const p of problems) {
    const { group, code } = split(p.field);
    groups[group][code] ??= { type: p.rule ?? "submission", message: p.message };
  }
  return Object.fromEntries(Object.entries(groups).filter(([, errors]) => Object.keys(errors).length > 0)) as FieldErrors<ReportFormInput>;
}

/**
 * The medians the server sends are enough for the outlier rule: the median of
 * one median is itself, so the domain's check gives the server's answer.
 */
export function historyFromMedians(medians: Record<string, number>): History {
  return Object.fromEntries(Object.entries(medians).map(([code, m]) => [code, [m]]));
}

export function reportResolver(
  form: FormDefinition,
  history: History,
  stage: () => Stage,
): Resolver<ReportFormInput, unknown, ReportFormOutput> {
  const byType = zodResolver(reportFormSchema(form)) as Resolver<ReportFormInput, unknown, ReportFormOutput>;
  return async (data, context, options) => {
    const typed = await byType(data, context, options);
    const current = stage();
    if (current === "draft") return typed;
    const errors = typed.errors as { values?: Record<string, { message?: string }>; notes?: Record<string, { message?: string }> };
    const typeErrors = errors.values ?? {};
    // Only what can be read: a rule on a field that cannot is not judged yet.
    const { values } = parseFormText(form, data.values);
    const problems: Problem[] = [
      ...Object.entries(typeErrors).map(([field, e]) => ({ field, message: e?.message ?? "" })),
      ...Object.entries(errors.notes ?? {}).map(([code, e]) => ({ field: `notes.${code}`, message: e?.message ?? "" })),
      ...(current === "rules"
        ? hardRuleProblems(form, values)
        : submissionProblems(form, values, data.justifications, history, typeErrors)),
    ];
    if (problems.length === 0) return typed;
    return { values: {}, errors: toFieldErrors(problems) };
  };
}

/** What stands in the way of a submission beyond the types: missing fields, hard rules, unjustified warnings. */
function submissionProblems(
  form: FormDefinition,
  values: ReportValues,
  justifications: Record<string, string>,
  history: History,
  typeErrors: Record<string, unknown>,
): Problem[] {
  const check = checkSubmission(form, values, justifications, history);
  return [
    // A field that cannot be read is not also "missing".
    ...check.errors.filter((p) => !(p.field in typeErrors)),
    ...check.unjustified.map((w) => ({ field: `justifications.${w.code}`, message: w.message })),
  ];
}
