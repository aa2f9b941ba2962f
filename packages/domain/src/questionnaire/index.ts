import type { FormDefinition } from "./types.ts";
import { FORM_V1 } from "./v1.ts";

export * from "./catalogue.ts";
export * from "./changes.ts";
export * from "./describe.ts";
export * from "./numbers.ts";
export * from "./rules.ts";
export * from "./types.ts";
export * from "./upgrade.ts";
export * from "./version2.ts";
export { FORM_V1 };

/** @deprecated The built-in version only: read the published versions through a FormCatalogue (the server's national settings). */
export const FORMS: readonly FormDefinition[] = [FORM_V1];

export function formVersion(version: number): FormDefinition | undefined {
  return FORMS.find((f) => f.version === version);
}

/** The version in force for a month. */
export function formForPeriod(period: string): FormDefinition {
  const candidates = FORMS.filter((f) => f.validFrom <= period);
  return candidates[candidates.length - 1] ?? (FORMS[0] as FormDefinition);
}

export const CURRENT_FORM: FormDefinition = FORMS[FORMS.length - 1] as FormDefinition;
