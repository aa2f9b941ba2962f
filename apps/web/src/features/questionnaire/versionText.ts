/** The words of the questionnaire screens: a version's state, a field's type, nature and bounds. */
import type { TFormVersionSummary } from "@enquete/contract";
import {
  type FieldDef,
  type FieldKind,
  type FieldType,
  formatFrenchNumber,
  formatPeriod,
  ofPeriod,
  parisDate,
  periodLabel,
  periodOfDate,
  type RuleDef,
} from "@enquete/domain";

/** This month in Paris, YYYY-MM. */
export const currentMonth = (): string => formatPeriod(periodOfDate(parisDate()));

export type VersionState =
  | { kind: "draft" }
  | { kind: "future"; from: string }
  | { kind: "current"; from: string; to: string | null }
  | { kind: "past"; from: string; to: string };

type Dated = Pick<TFormVersionSummary, "status" | "validFrom" | "validTo">;

/** Where a version stands this month: a draft, published for a month to come, in force, or replaced. */
export function versionState(v: Dated, month: string = currentMonth()): VersionState {
  if (v.status === "draft" || v.validFrom === null) return { kind: "draft" };
  if (v.validFrom > month) return { kind: "future", from: v.validFrom };
  if (v.validTo !== null && v.validTo < month) return { kind: "past", from: v.validFrom, to: v.validTo };
  return { kind: "current", from: v.validFrom, to: v.validTo };
}

/** "Brouillon", "En vigueur depuis octobre 2026", "Appliquée de janvier 2016 à août 2026", "Publiée, à partir de janvier 2027". */
export function stateText(state: VersionState): string {
  switch (state.kind) {
    case "draft":
      return "Brouillon";
    case "future":
      return `Publiée, à partir de ${periodLabel(state.from)}`;
    case "current":
      return state.to === null
        ? `En vigueur depuis ${periodLabel(state.from)}`
        : `En vigueur depuis ${periodLabel(state.from)}, jusqu'à ${periodLabel(state.to)}`;
    case "past":
      return `Appliquée ${ofPeriod(state.from)} à ${periodLabel(state.to)}`;
  }
}

export const STATE_SEVERITY = { draft: "new", future: "info", current: "success", past: undefined } as const;

export const TYPE_LABELS: Record<FieldType, string> = {
  integer: "Nombre entier",
  decimal: "Nombre décimal (deux décimales au plus)",
  text: "Texte",
};

export const KIND_LABELS: Record<FieldKind, string> = {
  flow: "Flux du mois (additionné d'un mois à l'autre)",
  snapshot: "Effectif au dernier jour du mois (le dernier mois compte)",
  comment: "Commentaire",
};

export const RULE_KIND_LABELS: Record<RuleDef["kind"], string> = {
  lte: "Plafond entre champs",
  zeroWhenZero: "Zéro quand zéro",
  sumEquals: "Somme attendue",
  outlier: "Valeur inhabituelle",
};

/** "0 à 500", "au moins 1", "—": a numeric field's accepted range. */
export function boundsText(field: FieldDef): string {
  if (field.type === "text") return field.maxLength ? `${formatFrenchNumber(field.maxLength)} caractères au plus` : "—";
  const { min, max } = field;
  if (min !== undefined && max !== undefined) return `de ${formatFrenchNumber(min)} à ${formatFrenchNumber(max)}`;
  if (min !== undefined) return `au moins ${formatFrenchNumber(min)}`;
  if (max !== undefined) return `au plus ${formatFrenchNumber(max)}`;
  return "—";
}
