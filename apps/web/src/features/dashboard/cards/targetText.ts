/** What the dashboard says about a target: the API gives one only where it applies (see the domain's showsTargets). */
import type { IndicatorScope } from "@enquete/domain";
import type { DashboardSettings } from "../settings.ts";

/** Why an indicator shows no target, in French; null when it has one. */
export function noTargetReason(
  indicator: { unit: "nombre" | "%"; target?: number },
  scope: IndicatorScope,
  settings: Pick<DashboardSettings, "year" | "yearType">,
): string | null {
  if (indicator.target !== undefined) return null;
  if (settings.yearType === "school") {
    return "Les cibles du contrat sont fixées par année civile : choisissez une année civile pour lire la cible et sa trajectoire.";
  }
  if (scope.kind !== "national" && indicator.unit === "nombre") {
    return "Les cibles en nombre du contrat sont nationales : un territoire ou un atelier n'en a pas.";
  }
  return `Aucune cible n'est fixée pour ${settings.year}.`;
}

/** Is the target missing because nobody has set it yet (rather than because the scope or the year type has none)? */
export function targetIsMissing(
  indicator: { unit: "nombre" | "%"; target?: number },
  scope: IndicatorScope,
  settings: Pick<DashboardSettings, "yearType">,
): boolean {
  return indicator.target === undefined && settings.yearType === "calendar" && (scope.kind === "national" || indicator.unit === "%");
}

/** "Cible 2025", or "Cible nationale 2025" where a territory or an atelier reads its share against it. */
export function targetTerm(scope: IndicatorScope, year: number): string {
  return scope.kind === "national" ? `Cible ${year}` : `Cible nationale ${year}`;
}
