/**
 * The questionnaire is data with a version, not code: sections, fields and
 * rules described here are read by the form, the API's validation, the
 * exports and the indicators. A report records the version it was filled with.
 */
export type FieldType = "integer" | "decimal" | "text";

/** flow: a count for the month (summed); snapshot: a state at the month's last day (latest wins). */
export type FieldKind = "flow" | "snapshot" | "comment";

export interface FieldDef {
  code: string;
  label: string;
  help?: string;
  type: FieldType;
  kind: FieldKind;
  required: boolean;
  /** Text fields: longest accepted answer. */
  maxLength?: number;
}

export interface SectionDef {
  code: string;
  title: string;
  /** Contract indicators this block feeds (for people; formulas live with the indicators). */
  indicators: string[];
  fields: FieldDef[];
}

/**
 * Rules are declarative so that a new questionnaire version can carry its own
 * without new code. Hard rules block submission; soft rules ask for a justification.
 */
export type RuleDef =
  /** sum(fields) ≤ sum(max) */
  | { code: string; kind: "lte"; severity: "error"; fields: string[]; max: string[]; message: string }
  /** field must be 0 when `when` is 0 */
  | { code: string; kind: "zeroWhenZero"; severity: "error"; field: string; when: string; message: string }
  /** sum(parts) should equal sum(total) */
  | { code: string; kind: "sumEquals"; severity: "warning"; parts: string[]; total: string[]; message: string }
  /** a figure far from the atelier's median of the last validated months */
  | { code: string; kind: "outlier"; severity: "warning"; factor: number; minDifference: number; months: number; message: string };

export interface FormDefinition {
  version: number;
  /** First month this version is used for (YYYY-MM). */
  validFrom: string;
  sections: SectionDef[];
  rules: RuleDef[];
}

export type ReportValues = Record<string, number | string | null>;
