/**
 * Counts of whole things (people, events, sessions) are whole numbers
 * everywhere they are shown, targets and their trajectories included: a sum
 * of integer fields only. Trainee-days (half days) and shares keep their decimals.
 */
import { formFields } from "../questionnaire/rules.ts";
import { FORM_V1 } from "../questionnaire/v1.ts";
import { contractIndicator } from "./contract.ts";
import type { IndicatorDef } from "./types.ts";

const INTEGER_FIELDS: ReadonlySet<string> = new Set(
  formFields(FORM_V1)
    .filter((f) => f.type === "integer")
    .map((f) => f.code),
);

/** Is the indicator a count of whole things (1-4, 2-2-2, 3-4), not of trainee-days (1-1) or a share? */
export function isWholeCount(def: Pick<IndicatorDef, "unit" | "formula">): boolean {
  if (def.unit !== "nombre" || def.formula.kind !== "sum") return false;
  return def.formula.terms.every((t) => t.fields.every((f) => INTEGER_FIELDS.has(f)));
}

export function isWholeCountCode(code: string): boolean {
  const def = contractIndicator(code);
  return def ? isWholeCount(def) : false;
}

/** A figure of a whole count rounded to the unit (a yearly target spread over twelve months: 623 333, not 623 333,33). */
export function wholeIfCount(code: string, value: number): number {
  return isWholeCountCode(code) ? Math.round(value) : value;
}
