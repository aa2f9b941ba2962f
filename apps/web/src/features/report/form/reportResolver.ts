/**
 * Validation in the domain's stages. While typing: types and signs only, each
 * field on blur. On "Soumettre": everything the server will check, at once
 * (required fields, hard rules, unjustified warnings), with the domain's own
 * checkSubmission, so that the server's 422 should never come as a surprise.
 */
import { checkSubmission, type FormDefinition, type History, type Problem } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";
import { parseFormText, type ReportFormInput, type ReportFormOutput, reportFormSchema } from "./formText.ts";

export type Stage = "draft" | "submit";

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
    if (stage() === "draft") return typed;
    const errors = typed.errors as { values?: Record<string, { message?: string }>; notes?: Record<string, { message?: string }> };
    const typeErrors = errors.values ?? {};
    const { values } = parseFormText(form, data.values);
    const check = checkSubmission(form, values, data.justifications, history);
    const problems: Problem[] = [
      ...Object.entries(typeErrors).map(([field, e]) => ({ field, message: e?.message ?? "" })),
      ...Object.entries(errors.notes ?? {}).map(([code, e]) => ({ field: `notes.${code}`, message: e?.message ?? "" })),
      // A field that cannot be read is not also "missing".
      ...check.errors.filter((p) => !(p.field in typeErrors)),
      ...check.unjustified.map((w) => ({ field: `justifications.${w.code}`, message: w.message })),
    ];
    if (problems.length === 0) return typed;
    return { values: {}, errors: toFieldErrors(problems) };
  };
}
