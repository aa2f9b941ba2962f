/**
 * A version's changes in French sentences, for the version screen and the
 * journal: the national user reads what the directors will see change.
 */
import { type ChangeContext, findField, formStates } from "./changes.ts";
import { formatFrenchNumber } from "./numbers.ts";
import { formFields } from "./rules.ts";
import type { FieldDef, FormChange, FormDefinition, RuleDef } from "./types.ts";

const TYPE_LABELS: Record<FieldDef["type"], string> = { integer: "nombre entier", decimal: "nombre décimal", text: "texte" };
const KIND_LABELS: Record<FieldDef["kind"], string> = {
  flow: "flux du mois",
  snapshot: "effectif au dernier jour du mois",
  comment: "commentaire",
};

const quoted = (text: string) => `« ${text} »`;

/** « Label » (code), or the code alone when the form does not have it. */
function named(form: FormDefinition, code: string): string {
  const place = findField(form, code);
  return place ? `${quoted(place.field.label)} (${code})` : code;
}

/** The label alone (rules name several fields, the codes would be noise). */
function labelOf(form: FormDefinition, code: string): string {
  const place = findField(form, code);
  return place ? quoted(place.field.label) : code;
}

const sumOf = (form: FormDefinition, codes: readonly string[]) => codes.map((c) => labelOf(form, c)).join(" + ");

const sectionTitle = (form: FormDefinition, code: string) => form.sections.find((s) => s.code === code)?.title ?? code;

function bounds(min: number | null | undefined, max: number | null | undefined): string {
  const parts: string[] = [];
  if (min !== null && min !== undefined) parts.push(`au moins ${formatFrenchNumber(min)}`);
  if (max !== null && max !== undefined) parts.push(`au plus ${formatFrenchNumber(max)}`);
  return parts.join(" et ");
}

/** What a rule asks, in French, with the labels of `form`. */
export function describeRule(rule: RuleDef, form: FormDefinition): string {
  switch (rule.kind) {
    case "lte": {
      const when = rule.when !== undefined ? `, quand ${labelOf(form, rule.when)} est supérieur à 0` : "";
      return `${sumOf(form, rule.fields)} ne dépasse pas ${sumOf(form, rule.max)}${when} (bloquante)`;
    }
    case "zeroWhenZero":
      return `${labelOf(form, rule.field)} vaut 0 quand ${labelOf(form, rule.when)} vaut 0 (bloquante)`;
    case "sumEquals":
      return `${sumOf(form, rule.parts)} est égal à ${sumOf(form, rule.total)} (avertissement : le directeur explique l'écart)`;
    case "outlier":
      return (
        `un chiffre à plus de ${formatFrenchNumber(rule.factor)} fois la médiane des ${rule.months} derniers mois validés de l'atelier, ` +
        `ou à moins de cette médiane divisée par ${formatFrenchNumber(rule.factor)}, avec un écart de plus de ${formatFrenchNumber(rule.minDifference)}, ` +
        "est à confirmer (avertissement)"
      );
  }
}

/** One change in a French sentence; `form` is the questionnaire it applies to (for labels). */
export function describeChange(change: FormChange, form: FormDefinition): string {
  switch (change.kind) {
    case "addField": {
      const f = change.field;
      const where =
        change.after === undefined
          ? "en fin de section"
          : change.after === null
            ? "en tête de section"
            : `après ${labelOf(form, change.after)}`;
      const traits = [TYPE_LABELS[f.type], ...(f.type === "text" ? [] : [KIND_LABELS[f.kind]]), f.required ? "obligatoire" : "facultatif"];
      const limits = f.type === "text" ? "" : bounds(f.min, f.max);
      if (limits) traits.push(limits);
      return `Ajout du champ ${quoted(f.label)} (${f.code}) dans ${sectionTitle(form, change.section)}, ${where} : ${traits.join(", ")}.`;
    }
    case "relabel": {
      const place = findField(form, change.field);
      return place
        ? `Nouveau libellé du champ ${change.field} : ${quoted(place.field.label)} devient ${quoted(change.label)}.`
        : `Nouveau libellé du champ ${change.field} : ${quoted(change.label)}.`;
    }
    case "setHelp":
      return change.help?.trim()
        ? `Nouvelle aide du champ ${named(form, change.field)} : ${quoted(change.help.trim())}.`
        : `Aide du champ ${named(form, change.field)} retirée.`;
    case "setRequired":
      return `Le champ ${named(form, change.field)} devient ${change.required ? "obligatoire" : "facultatif"}.`;
    case "setBounds": {
      const limits = bounds(change.min, change.max);
      return limits
        ? `Bornes du champ ${named(form, change.field)} : ${limits}.`
        : `Bornes du champ ${named(form, change.field)} retirées.`;
    }
    case "moveField": {
      const title = sectionTitle(form, change.section);
      return change.after === null
        ? `Déplacement du champ ${named(form, change.field)} en tête de la section ${title}.`
        : `Déplacement du champ ${named(form, change.field)} dans ${title}, après ${labelOf(form, change.after)}.`;
    }
    case "retireField":
      return `Retrait du champ ${named(form, change.field)} : il n'est plus demandé et reste lisible dans les rapports des versions qui l'avaient.`;
    case "addRule":
      return `Nouvelle règle ${change.rule.code} : ${describeRule(change.rule, form)}.`;
    case "changeRule":
      return `Règle ${change.rule.code} modifiée : ${describeRule(change.rule, form)}.`;
    case "removeRule": {
      const old = form.rules.find((r) => r.code === change.code);
      return old ? `Suppression de la règle ${change.code} : ${describeRule(old, form)}.` : `Suppression de la règle ${change.code}.`;
    }
  }
}

/**
 * Every change of a draft in a French sentence, each described with the
 * questionnaire as it was just before it (a field added then moved is named).
 */
export function describeChanges(base: FormDefinition, changes: readonly FormChange[], context: ChangeContext): string[] {
  const states = formStates(base, changes, context);
  return changes.map((change, i) => describeChange(change, states[i] as FormDefinition));
}

export interface UsedCode {
  code: string;
  /** The label of the most recent version that has it. */
  label: string;
  versions: number[];
}

/** Every field code any of these versions ever had: a new field cannot take one. */
export function usedCodes(known: readonly FormDefinition[]): UsedCode[] {
  const byCode = new Map<string, UsedCode>();
  for (const form of [...known].sort((a, b) => a.version - b.version)) {
    for (const f of formFields(form)) {
      const entry = byCode.get(f.code) ?? { code: f.code, label: f.label, versions: [] };
      entry.label = f.label;
      if (!entry.versions.includes(form.version)) entry.versions.push(form.version);
      byCode.set(f.code, entry);
    }
  }
  return [...byCode.values()];
}
