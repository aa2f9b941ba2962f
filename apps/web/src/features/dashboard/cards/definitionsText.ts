/**
 * What the dashboard says about the definitions a version-dependent
 * indicator (1-5) rests on: each report counts as its own questionnaire
 * version defines it, and the figure names the definitions it used.
 */
import type { TIndicators } from "@enquete/contract";
import { plural } from "../../../shared/format.ts";
import { formatNumber, formatValue } from "../format.ts";

export type DefinitionUsed = NonNullable<TIndicators["indicators"][number]["definitions"]>[number];

const AND = new Intl.ListFormat("fr-FR", { style: "long", type: "conjunction" });

/** "questionnaire version 1", "questionnaire versions 2 et 3". */
export function versionsText(versions: readonly number[]): string {
  const names = versions.map(String);
  return `questionnaire version${versions.length > 1 ? "s" : ""} ${AND.format(names)}`;
}

/** Above the list of the definitions a figure rests on, when there are several. */
export const DEFINITIONS_HEADING = "Définitions employées";

/**
 * The line under the figure: the one definition it rests on, or why it rests on several. Several
 * come from the reports' versions, not the months' (a report keeps the version it was started with).
 */
export function definitionsSummary(definitions: readonly DefinitionUsed[]): string {
  if (definitions.length === 1 && definitions[0]) {
    const only = definitions[0];
    return `Définition employée : ${only.label} (${versionsText(only.versions)}).`;
  }
  return "Rapports de plusieurs versions du questionnaire : chacun compte selon la sienne.";
}

/** One definition among several: "Selon la fiche : … (questionnaire version 2) — 312 rapports, 10,1 % (soit 96 sur 950)". */
export function definitionLine(d: DefinitionUsed, unit: "nombre" | "%"): string {
  const head = `${d.label} (${versionsText(d.versions)}) — `;
  // A version in force in the period that no counted report used yet has no figure, which is not 0.
  if (d.reports === 0) return `${head}aucun rapport compté`;
  const figure = d.value === null ? "non calculable" : formatValue(d.value, unit);
  return `${head}${plural(d.reports, "rapport")}, ${figure} (soit ${formatNumber(d.numerator)} sur ${formatNumber(d.denominator)})`;
}

/** What the numerator and denominator of the whole figure are, once definitions are named. */
export function termsOrigin(definitions: readonly DefinitionUsed[] | undefined): string {
  if (!definitions || definitions.length === 0) return "numérateur et dénominateur de la fiche";
  if (definitions.length === 1) return "numérateur et dénominateur de cette définition";
  return "sommes des numérateurs et des dénominateurs de chaque rapport, selon sa version";
}
