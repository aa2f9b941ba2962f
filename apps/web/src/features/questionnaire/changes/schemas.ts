/**
 * What each change form holds (texts as typed, "12,5"), turned into a change
 * and checked by the contract's own ZFormChange: the same French messages
 * as the server's, at the same paths (`field.code`, `rule.max`…), so that a
 * refusal of either lands on the same input.
 */
import { type TFormChange, ZFormChange } from "@enquete/contract";
import { type FieldType, parseFrenchNumber, type RuleDef } from "@enquete/domain";
import { z } from "zod";

/** The "after" select's value for "at the head of the section". */
export const FIRST = "__first";

/** "12,5" → 12.5; "" → undefined (none); anything else → NaN, which the contract refuses in French. */
export function typedNumber(text: string): number | undefined {
  const n = parseFrenchNumber(text);
  if (n === null) return undefined;
  return n === undefined ? Number.NaN : n;
}

const nullable = (text: string) => typedNumber(text) ?? null;
const afterOf = (value: string) => (value === FIRST ? null : value);

const PICK_FIELD = "Choisissez un champ.";
const picked = (message = PICK_FIELD) => z.string().min(1, message);

export type ChangeKind = TFormChange["kind"];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  addField: "Ajouter un champ",
  relabel: "Changer le libellé d'un champ",
  setHelp: "Changer l'aide d'un champ",
  setRequired: "Rendre un champ obligatoire ou facultatif",
  setBounds: "Changer les bornes d'un champ",
  moveField: "Déplacer un champ",
  retireField: "Retirer un champ",
  addRule: "Ajouter une règle",
  changeRule: "Modifier une règle",
  removeRule: "Supprimer une règle",
};

export type AddFieldInput = {
  section: string;
  after: string;
  field: {
    code: string;
    label: string;
    help: string;
    type: FieldType;
    kind: "flow" | "snapshot";
    required: boolean;
    min: string;
    max: string;
  };
};

export const addFieldSchema = z
  .object({
    section: picked("Choisissez une section."),
    after: z.string(),
    field: z.object({
      code: z.string(),
      label: z.string(),
      help: z.string(),
      type: z.enum(["integer", "decimal", "text"]),
      kind: z.enum(["flow", "snapshot"]),
      required: z.boolean(),
      min: z.string(),
      max: z.string(),
    }),
  })
  .transform((i): TFormChange => {
    const numeric = i.field.type !== "text";
    const min = numeric ? typedNumber(i.field.min) : undefined;
    const max = numeric ? typedNumber(i.field.max) : undefined;
    return {
      kind: "addField",
      section: i.section,
      after: afterOf(i.after),
      field: {
        code: i.field.code.trim(),
        label: i.field.label,
        ...(i.field.help.trim() ? { help: i.field.help } : {}),
        type: i.field.type,
        // A text is a comment; a number is a flow or a snapshot.
        kind: numeric ? i.field.kind : "comment",
        required: i.field.required,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      },
    };
  })
  .pipe(ZFormChange);

export type RelabelInput = { field: string; label: string };
export const relabelSchema = z
  .object({ field: picked(), label: z.string() })
  .transform((i): TFormChange => ({ kind: "relabel", field: i.field, label: i.label }))
  .pipe(ZFormChange);

export type SetHelpInput = { field: string; help: string };
export const setHelpSchema = z
  .object({ field: picked(), help: z.string() })
  // An empty help removes the field's help.
  .transform((i): TFormChange => ({ kind: "setHelp", field: i.field, help: i.help.trim() ? i.help : null }))
  .pipe(ZFormChange);

export type SetRequiredInput = { field: string; required: "yes" | "no" };
export const setRequiredSchema = z
  .object({ field: picked(), required: z.enum(["yes", "no"], { error: "Choisissez obligatoire ou facultatif." }) })
  .transform((i): TFormChange => ({ kind: "setRequired", field: i.field, required: i.required === "yes" }))
  .pipe(ZFormChange);

export type SetBoundsInput = { field: string; min: string; max: string };
export const setBoundsSchema = z
  .object({ field: picked(), min: z.string(), max: z.string() })
  .transform((i): TFormChange => ({ kind: "setBounds", field: i.field, min: nullable(i.min), max: nullable(i.max) }))
  .pipe(ZFormChange);

export type MoveFieldInput = { field: string; section: string; after: string };
export const moveFieldSchema = z
  .object({ field: picked(), section: picked("Choisissez une section."), after: z.string() })
  .transform((i): TFormChange => ({ kind: "moveField", field: i.field, section: i.section, after: afterOf(i.after) }))
  .pipe(ZFormChange);

export type RetireFieldInput = { field: string };
export const retireFieldSchema = z
  .object({ field: picked() })
  .transform((i): TFormChange => ({ kind: "retireField", field: i.field }))
  .pipe(ZFormChange);

export type RemoveRuleInput = { code: string };
export const removeRuleSchema = z
  .object({ code: picked("Choisissez une règle.") })
  .transform((i): TFormChange => ({ kind: "removeRule", code: i.code }))
  .pipe(ZFormChange);

export type RuleKind = RuleDef["kind"];

export type RuleInput = {
  rule: {
    kind: RuleKind;
    code: string;
    message: string;
    fields: string[];
    max: string[];
    /** lte: the field that must be above 0 for the rule to apply ("" always); zeroWhenZero: the field whose 0 forces 0. */
    when: string;
    field: string;
    parts: string[];
    total: string[];
    factor: string;
    minDifference: string;
    months: string;
  };
};

const ruleInput = z
  .object({
    kind: z.enum(["lte", "zeroWhenZero", "sumEquals", "outlier"], { error: "Choisissez un type de règle." }),
    code: z.string(),
    message: z.string(),
    fields: z.array(z.string()),
    max: z.array(z.string()),
    when: z.string(),
    field: z.string(),
    parts: z.array(z.string()),
    total: z.array(z.string()),
    factor: z.string(),
    minDifference: z.string(),
    months: z.string(),
  })
  .superRefine((r, ctx) => {
    if (r.kind !== "zeroWhenZero") return;
    if (!r.field) ctx.addIssue({ code: "custom", path: ["field"], message: PICK_FIELD });
    if (!r.when) ctx.addIssue({ code: "custom", path: ["when"], message: PICK_FIELD });
  });

/** The rule the inputs describe, with the severity its kind has (bounds block, sums and outliers warn). */
export function ruleOf(r: z.infer<typeof ruleInput>): RuleDef {
  const common = { code: r.code.trim(), message: r.message };
  switch (r.kind) {
    case "lte":
      return { ...common, kind: "lte", severity: "error", fields: r.fields, max: r.max, ...(r.when ? { when: r.when } : {}) };
    case "zeroWhenZero":
      return { ...common, kind: "zeroWhenZero", severity: "error", field: r.field, when: r.when };
    case "sumEquals":
      return { ...common, kind: "sumEquals", severity: "warning", parts: r.parts, total: r.total };
    case "outlier":
      return {
        ...common,
        kind: "outlier",
        severity: "warning",
        factor: typedNumber(r.factor) ?? Number.NaN,
        minDifference: typedNumber(r.minDifference) ?? Number.NaN,
        months: typedNumber(r.months) ?? Number.NaN,
      };
  }
}

export const ruleSchema = (kind: "addRule" | "changeRule") =>
  z
    .object({ rule: ruleInput })
    .transform((i): TFormChange => ({ kind, rule: ruleOf(i.rule) }))
    .pipe(ZFormChange);

/** A rule as the inputs show it (to change it, or to start from it). */
export function ruleInputOf(rule: RuleDef | undefined): RuleInput["rule"] {
  const empty: RuleInput["rule"] = {
    kind: "lte",
    code: "",
    message: "",
    fields: [],
    max: [],
    when: "",
    field: "",
    parts: [],
    total: [],
    factor: "3",
    minDifference: "20",
    months: "12",
  };
  if (!rule) return empty;
  const base = { ...empty, kind: rule.kind, code: rule.code, message: rule.message };
  switch (rule.kind) {
    case "lte":
      return { ...base, fields: [...rule.fields], max: [...rule.max], when: rule.when ?? "" };
    case "zeroWhenZero":
      return { ...base, field: rule.field, when: rule.when };
    case "sumEquals":
      return { ...base, parts: [...rule.parts], total: [...rule.total] };
    case "outlier":
      return {
        ...base,
        factor: String(rule.factor).replace(".", ","),
        minDifference: String(rule.minDifference).replace(".", ","),
        months: String(rule.months),
      };
  }
}
