/**
 * A draft version is its base plus a list of changes (domain page, section
 * 7.4). Applying them is pure so that the API (which stores them), the
 * version screen (which previews them) and the demo seed (which publishes
 * version 2) give the same questionnaire and the same refusals.
 *
 * A change that cannot apply is skipped and reported: the rest still applies,
 * so the preview shows everything valid while the national user fixes the rest.
 */
import { REPORT_EXPORT_CODES } from "../exports/report-columns.ts";
import { FIELD_CODE_RE } from "../indicators/figures.ts";
import { formatFrenchNumber } from "./numbers.ts";
import { formFields, MAX_COUNT } from "./rules.ts";
import type { FieldDef, FormChange, FormDefinition, RuleDef, SectionDef } from "./types.ts";

export interface ChangeProblem {
  /** Position of the change in the list. */
  index: number;
  /** Path of the faulty input, for the form: `changes.3.field.code`. */
  field: string;
  message: string;
}

export interface ChangeContext {
  /** Number of the version being built. */
  version: number;
  /** Every version whose codes are taken (published and drafts); the version being built is ignored. */
  known: readonly FormDefinition[];
}

export interface AppliedChanges {
  form: FormDefinition;
  problems: ChangeProblem[];
}

/** Where a field is in a form. */
export interface FieldPlace {
  section: SectionDef;
  field: FieldDef;
  position: number;
}

export function findField(form: FormDefinition, code: string): FieldPlace | undefined {
  for (const section of form.sections) {
    const position = section.fields.findIndex((f) => f.code === code);
    if (position >= 0) return { section, field: section.fields[position] as FieldDef, position };
  }
  return undefined;
}

/** The field codes a rule reads, with their path inside the rule (`fields.0`, `when`). */
export function ruleFieldRefs(rule: RuleDef): { path: string; code: string }[] {
  const list = (name: string, codes: readonly string[]) => codes.map((code, i) => ({ path: `${name}.${i}`, code }));
  switch (rule.kind) {
    case "lte":
      return [
        ...list("fields", rule.fields),
        ...list("max", rule.max),
        ...(rule.when !== undefined ? [{ path: "when", code: rule.when }] : []),
      ];
    case "zeroWhenZero":
      return [
        { path: "field", code: rule.field },
        { path: "when", code: rule.when },
      ];
    case "sumEquals":
      return [...list("parts", rule.parts), ...list("total", rule.total)];
    case "outlier":
      return [];
  }
}

/** "1", "1 et 2", "1, 2 et 3". */
export function frenchList(items: readonly (string | number)[]): string {
  const texts = items.map(String);
  if (texts.length <= 1) return texts.join("");
  return `${texts.slice(0, -1).join(", ")} et ${texts[texts.length - 1]}`;
}

const CODE_MESSAGE = "Code invalide : une lettre puis des lettres ou des chiffres, sans espace ni accent (par exemple trainingDays).";
const MISSING_FIELD = (code: string) => `Le champ ${code} n'existe pas dans cette version.`;
const MISSING_SECTION = (code: string) => `La section ${code} n'existe pas dans cette version.`;

const isNumeric = (f: FieldDef) => f.type !== "text";

/** The reports CSV's own columns of its first form (issue 11), no longer written but kept reserved: old files and scripts still name them. */
export const REPORT_EXPORT_COLUMNS = [
  "atelier",
  "nom_atelier",
  "departement",
  "direction_territoriale",
  "mois",
  "statut",
  "statut_libelle",
  "version_questionnaire",
  "premiere_soumission",
  "soumis_le",
  "valide_le",
] as const;
/** The reports CSV's last column, after the fields'. */
export const REPORT_EXPORT_NOTES_COLUMN = "notes";

/**
 * Codes a field cannot take: the reports exports' own columns (today's codes,
 * and those of the first CSV), since a field of that name would give two
 * columns nobody can tell apart (compared without case, as codes are).
 */
export const RESERVED_FIELD_CODES: readonly string[] = [...REPORT_EXPORT_COLUMNS, REPORT_EXPORT_NOTES_COLUMN, ...REPORT_EXPORT_CODES];
const RESERVED = new Set(RESERVED_FIELD_CODES.map((c) => c.toLowerCase()));

/**
 * Whether the platform keeps that code: a CSV column, or a property every
 * JavaScript object has (values and notes are objects keyed by code, so
 * `constructor` or `toString` would read the prototype's).
 */
export function isReservedFieldCode(code: string): boolean {
  return code in Object.prototype || RESERVED.has(code.toLowerCase());
}

const RESERVED_MESSAGE = (code: string) => `Le code ${code} est réservé par la plateforme : choisissez-en un autre.`;

/** What every step can see: the versions whose codes are taken, and the codes added by earlier changes. */
interface Ledger {
  takenBy: Map<string, { code: string; versions: number[] }>;
  addedAt: Map<string, { code: string; index: number }>;
}

function ledgerOf(base: FormDefinition, context: ChangeContext): Ledger {
  const takenBy = new Map<string, { code: string; versions: number[] }>();
  const forms = [...context.known.filter((f) => f.version !== context.version && f !== base), base];
  for (const form of forms) {
    for (const f of formFields(form)) {
      // Codes differing only by case would be two columns people cannot tell apart.
      const key = f.code.toLowerCase();
      const entry = takenBy.get(key) ?? { code: f.code, versions: [] };
      if (!entry.versions.includes(form.version)) entry.versions.push(form.version);
      takenBy.set(key, entry);
    }
  }
  for (const entry of takenBy.values()) entry.versions.sort((a, b) => a - b);
  return { takenBy, addedAt: new Map() };
}

function cloneForm(form: FormDefinition, version: number): FormDefinition {
  const copy = structuredClone({ sections: form.sections, rules: form.rules });
  return { version, validFrom: "", sections: copy.sections, rules: copy.rules };
}

/**
 * The questionnaire a draft gives: its base with its changes applied in
 * order. `form` carries the draft's number and an empty `validFrom` (set at
 * publication); `problems` lists every change that could not apply.
 */
export function applyChanges(base: FormDefinition, changes: readonly FormChange[], context: ChangeContext): AppliedChanges {
  const form = cloneForm(base, context.version);
  const ledger = ledgerOf(base, context);
  const problems: ChangeProblem[] = [];
  changes.forEach((change, index) => {
    problems.push(...applyOne(form, change, index, ledger));
  });
  return { form, problems };
}

/**
 * The questionnaire before each change (for describing each change with
 * the labels it was made on). `states[i]` is the form change i applies to.
 */
export function formStates(base: FormDefinition, changes: readonly FormChange[], context: ChangeContext): FormDefinition[] {
  const form = cloneForm(base, context.version);
  const ledger = ledgerOf(base, context);
  return changes.map((change, index) => {
    const before = cloneForm(form, context.version);
    applyOne(form, change, index, ledger);
    return before;
  });
}

/** Applies one change to `form` in place when it has no problem; returns its problems otherwise. */
function applyOne(form: FormDefinition, change: FormChange, index: number, ledger: Ledger): ChangeProblem[] {
  const problems: ChangeProblem[] = [];
  const refuse = (path: string, message: string) => problems.push({ index, field: `changes.${index}.${path}`, message });
  switch (change.kind) {
    case "addField":
      checkAddField(form, change, ledger, refuse);
      if (problems.length === 0) {
        const section = form.sections.find((s) => s.code === change.section) as SectionDef;
        insertAfter(section, cleanField(change.field), change.after);
        ledger.addedAt.set(change.field.code.toLowerCase(), { code: change.field.code, index });
      }
      break;
    case "relabel": {
      const place = existing(form, change.field, refuse);
      if (!change.label?.trim()) refuse("label", "Le libellé ne peut pas être vide.");
      if (place && problems.length === 0) place.field.label = change.label.trim();
      break;
    }
    case "setHelp": {
      const place = existing(form, change.field, refuse);
      if (place) {
        const help = change.help?.trim();
        if (help) place.field.help = help;
        else delete place.field.help;
      }
      break;
    }
    case "setRequired": {
      const place = existing(form, change.field, refuse);
      if (typeof change.required !== "boolean") refuse("required", "Précisez si le champ est obligatoire.");
      if (place && problems.length === 0) place.field.required = change.required;
      break;
    }
    case "setBounds": {
      const place = existing(form, change.field, refuse);
      if (place && !isNumeric(place.field)) refuse("field", `Les bornes ne valent que pour un nombre : ${change.field} est un texte.`);
      if (place) checkBounds(place.field.type, change.min, change.max, "", refuse);
      if (place && problems.length === 0) {
        setOrDelete(place.field, "min", change.min);
        setOrDelete(place.field, "max", change.max);
      }
      break;
    }
    case "moveField": {
      const place = existing(form, change.field, refuse);
      const target = form.sections.find((s) => s.code === change.section);
      if (!target) refuse("section", MISSING_SECTION(change.section));
      if (change.after === change.field) refuse("after", "Un champ ne peut pas se placer après lui-même.");
      else if (target && change.after !== null && !target.fields.some((f) => f.code === change.after))
        refuse("after", `Le champ ${change.after} n'est pas dans la section « ${target.title} ».`);
      if (place && target && problems.length === 0) {
        place.section.fields.splice(place.position, 1);
        insertAfter(target, place.field, change.after);
      }
      break;
    }
    case "retireField": {
      const place = existing(form, change.field, refuse);
      const users = form.rules.filter((r) => ruleFieldRefs(r).some((ref) => ref.code === change.field)).map((r) => r.code);
      if (users.length === 1) refuse("field", `Retirez d'abord la règle ${users[0]} qui utilise ce champ.`);
      else if (users.length > 1) refuse("field", `Retirez d'abord les règles ${frenchList(users)} qui utilisent ce champ.`);
      if (place && problems.length === 0) place.section.fields.splice(place.position, 1);
      break;
    }
    case "addRule": {
      if (!FIELD_CODE_RE.test(change.rule.code ?? "")) refuse("rule.code", CODE_MESSAGE);
      else if (form.rules.some((r) => r.code === change.rule.code))
        refuse("rule.code", `La règle ${change.rule.code} existe déjà dans cette version : modifiez-la plutôt.`);
      checkRule(form, change.rule, refuse);
      if (problems.length === 0) form.rules.push(structuredClone(change.rule));
      break;
    }
    case "changeRule": {
      const position = form.rules.findIndex((r) => r.code === change.rule.code);
      if (position < 0) refuse("rule.code", `La règle ${change.rule.code} n'existe pas dans cette version.`);
      checkRule(form, change.rule, refuse);
      if (problems.length === 0) form.rules[position] = structuredClone(change.rule);
      break;
    }
    case "removeRule": {
      const position = form.rules.findIndex((r) => r.code === change.code);
      if (position < 0) refuse("code", `La règle ${change.code} n'existe pas dans cette version.`);
      else form.rules.splice(position, 1);
      break;
    }
    default:
      refuse("kind", "Modification inconnue.");
  }
  return problems;
}

type Refuse = (path: string, message: string) => void;

function existing(form: FormDefinition, code: string, refuse: Refuse): FieldPlace | undefined {
  const place = findField(form, code);
  if (!place) refuse("field", MISSING_FIELD(code));
  return place;
}

function checkAddField(form: FormDefinition, change: Extract<FormChange, { kind: "addField" }>, ledger: Ledger, refuse: Refuse) {
  const f = change.field;
  const section = form.sections.find((s) => s.code === change.section);
  if (!section) refuse("section", MISSING_SECTION(change.section));
  if (typeof f.code !== "string" || !FIELD_CODE_RE.test(f.code)) refuse("field.code", CODE_MESSAGE);
  else if (isReservedFieldCode(f.code)) refuse("field.code", RESERVED_MESSAGE(f.code));
  else {
    const key = f.code.toLowerCase();
    const taken = ledger.takenBy.get(key);
    const earlier = ledger.addedAt.get(key);
    const spelled = (code: string) => (code === f.code ? "" : `, sous la forme ${code}`);
    const reuse = "un code ne sert jamais à autre chose, choisissez-en un autre.";
    if (taken) {
      const versions = `${taken.versions.length > 1 ? "versions" : "version"} ${frenchList(taken.versions)}`;
      refuse("field.code", `Le code ${f.code} a déjà servi (${versions}${spelled(taken.code)}) : ${reuse}`);
    } else if (earlier) {
      refuse(
        "field.code",
        `Le code ${f.code} a déjà servi (modification n° ${earlier.index + 1} de cette version${spelled(earlier.code)}) : ${reuse}`,
      );
    }
  }
  if (!f.label?.trim()) refuse("field.label", "Le libellé ne peut pas être vide.");
  if (section && typeof change.after === "string" && !section.fields.some((x) => x.code === change.after))
    refuse("after", `Le champ ${change.after} n'est pas dans la section « ${section.title} ».`);
  if (f.type === "text" && f.kind !== "comment")
    refuse("field.kind", "Un champ texte est un commentaire : choisissez la nature « commentaire ».");
  if (f.type !== "text" && f.kind === "comment")
    refuse("field.kind", "Un nombre est un flux du mois ou un effectif au dernier jour du mois, pas un commentaire.");
  if (f.type === "text") {
    if (f.min !== undefined || f.max !== undefined) refuse("field.min", "Les bornes ne valent que pour un nombre, pas pour un texte.");
  } else {
    if (f.maxLength !== undefined) refuse("field.maxLength", "La longueur maximale ne vaut que pour un texte.");
    checkBounds(f.type, f.min ?? null, f.max ?? null, "field.", refuse);
  }
}

function checkBounds(type: FieldDef["type"], min: number | null, max: number | null, prefix: string, refuse: Refuse) {
  const check = (name: "min" | "max", value: number | null) => {
    if (value === null) return true;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_COUNT) {
      refuse(`${prefix}${name}`, `Une borne est comprise entre 0 et ${formatFrenchNumber(MAX_COUNT)}.`);
      return false;
    }
    if (type === "integer" && !Number.isInteger(value)) {
      refuse(`${prefix}${name}`, "La borne d'un nombre entier est un nombre entier.");
      return false;
    }
    return true;
  };
  const valid = check("min", min) && check("max", max);
  if (valid && min !== null && max !== null && min > max)
    refuse(`${prefix}max`, `La borne basse (${formatFrenchNumber(min)}) dépasse la borne haute (${formatFrenchNumber(max)}).`);
}

function checkRule(form: FormDefinition, rule: RuleDef, refuse: Refuse) {
  if (!rule.message?.trim()) refuse("rule.message", "Écrivez le message que verra le directeur quand la règle n'est pas respectée.");
  const nonEmpty = (name: string, codes: readonly string[]) => {
    if (!Array.isArray(codes) || codes.length === 0) refuse(`rule.${name}`, "Au moins un champ.");
  };
  switch (rule.kind) {
    case "lte":
      nonEmpty("fields", rule.fields);
      nonEmpty("max", rule.max);
      if (rule.fields?.some((c) => rule.max?.includes(c))) refuse("rule.max", "Un champ ne peut pas être comparé à lui-même.");
      break;
    case "zeroWhenZero":
      if (rule.field === rule.when) refuse("rule.when", "Un champ ne peut pas être comparé à lui-même.");
      break;
    case "sumEquals":
      nonEmpty("parts", rule.parts);
      nonEmpty("total", rule.total);
      break;
    case "outlier": {
      if (!(rule.factor > 1)) refuse("rule.factor", "Le facteur doit être supérieur à 1 (par exemple 3).");
      if (!Number.isInteger(rule.months) || rule.months < 1 || rule.months > 60)
        refuse("rule.months", "Un nombre entier de mois, de 1 à 60.");
      if (!(rule.minDifference >= 0)) refuse("rule.minDifference", "L'écart minimal ne peut pas être négatif.");
      const other = form.rules.find((r) => r.kind === "outlier" && r.code !== rule.code);
      if (other) refuse("rule.kind", `Une seule règle de valeur inhabituelle par questionnaire : modifiez la règle ${other.code}.`);
      break;
    }
    default:
      refuse("rule.kind", "Règle inconnue.");
      return;
  }
  for (const ref of ruleFieldRefs(rule)) {
    const place = findField(form, ref.code);
    if (!place) refuse(`rule.${ref.path}`, MISSING_FIELD(ref.code));
    else if (!isNumeric(place.field))
      refuse(`rule.${ref.path}`, `Le champ ${ref.code} est un texte : une règle ne porte que sur des nombres.`);
  }
}

/** Only the properties a field may have, and only those that fit its type. */
function cleanField(f: FieldDef): FieldDef {
  const field: FieldDef = { code: f.code, label: f.label.trim(), type: f.type, kind: f.kind, required: f.required };
  if (f.help?.trim()) field.help = f.help.trim();
  if (f.type === "text") {
    if (f.maxLength !== undefined) field.maxLength = f.maxLength;
  } else {
    if (f.min !== undefined) field.min = f.min;
    if (f.max !== undefined) field.max = f.max;
  }
  return field;
}

function setOrDelete(field: FieldDef, key: "min" | "max", value: number | null) {
  if (value === null) delete field[key];
  else field[key] = value;
}

/** `after` null: first of the section; absent: last. */
function insertAfter(section: SectionDef, field: FieldDef, after: string | null | undefined) {
  if (after === undefined) section.fields.push(field);
  else if (after === null) section.fields.unshift(field);
  else section.fields.splice(section.fields.findIndex((f) => f.code === after) + 1, 0, field);
}
