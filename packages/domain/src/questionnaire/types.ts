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
  /** Numeric fields: bounds of an accepted answer (default 0 and MAX_COUNT). */
  min?: number;
  max?: number;
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
  /** sum(fields) ≤ sum(max); with `when`, only when that field is above 0 ("when there are trainees") */
  | { code: string; kind: "lte"; severity: "error"; fields: string[]; max: string[]; when?: string; message: string }
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

/**
 * One change of a draft version to the version it is based on (domain page,
 * section 7.4). A draft is its base plus its changes, applied in order.
 * Codes are never reused for another meaning: a field added takes a code no
 * version ever had; a field retired leaves the new version but stays in the
 * older ones, so old reports read and count as they were.
 */
export type FormChange =
  /** A new field in a section, after `after` (null: first of the section; absent: last). */
  | { kind: "addField"; section: string; after?: string | null; field: FieldDef }
  | { kind: "relabel"; field: string; label: string }
  | { kind: "setHelp"; field: string; help: string | null }
  | { kind: "setRequired"; field: string; required: boolean }
  | { kind: "setBounds"; field: string; min: number | null; max: number | null }
  /** Reorder: the field moves after `after` in `section` (null: first; a section of the same version). */
  | { kind: "moveField"; field: string; section: string; after: string | null }
  | { kind: "retireField"; field: string }
  | { kind: "addRule"; rule: RuleDef }
  /** Replaces the rule of the same code. */
  | { kind: "changeRule"; rule: RuleDef }
  | { kind: "removeRule"; code: string };

export const FORM_CHANGE_KINDS = [
  "addField",
  "relabel",
  "setHelp",
  "setRequired",
  "setBounds",
  "moveField",
  "retireField",
  "addRule",
  "changeRule",
  "removeRule",
] as const satisfies readonly FormChange["kind"][];
