/** The words around a curve: its title, the legend, and the sentence that says where it ends. */
import { type IndicatorBasis, isThin, periodLabel } from "@enquete/domain";
import { plural } from "../../../shared/format.ts";
import { countedWord, formatValue } from "../format.ts";
import type { MonthPoint, Series, SeriesKind } from "./series.ts";

type Unit = "nombre" | "%";

export const CURVE_TITLES: Record<SeriesKind, string> = {
  sum: "Cumul mois après mois",
  ratio: "Part cumulée depuis le début de l'année",
  level: "Part au dernier jour de chaque mois",
};

export const CURVE_LEGENDS: Record<SeriesKind, string> = {
  sum: "Réalisé (cumul)",
  ratio: "Réalisé (part cumulée)",
  level: "Réalisé (part du mois)",
};

export function trajectoryLegend(kind: SeriesKind): string {
  return kind === "sum" ? "Trajectoire de la cible (cible annuelle répartie sur douze mois)" : "Cible de l'année";
}

/** The warning a thin month's snapshot carries, in the chart's note and the headline. */
export const THIN_WARNING = "Chiffre provisoire : peu de rapports";

/**
 * The last month of a snapshot's curve when it is thin (isThin: fewer than
 * half of its expected reports counted): its level rests on a few ateliers.
 * null for a sum or a ratio of flows, which accumulate the months before.
 */
export function thinLastMonth(series: Series): MonthPoint | null {
  if (series.kind !== "level") return null;
  const last = series.points.findLast((p) => p.cumulative !== null);
  return last && isThin(last) ? last : null;
}

/** "sur 1 rapport validé de 101 attendus" */
export function monthCompleteness(point: Pick<MonthPoint, "included" | "expected">, basis: IndicatorBasis): string {
  return `sur ${plural(point.included, "rapport")} ${countedWord(basis, point.included)} de ${plural(point.expected, "attendu")}`;
}

/** "Fin octobre 2025 : 809 ; trajectoire de la cible : 750.", a thin month's snapshot with its completeness. */
export function curveSummary(series: Series, unit: Unit, basis: IndicatorBasis = "official"): string {
  const last = series.points.findLast((p) => p.cumulative !== null);
  if (!last || last.cumulative === null) return "Aucun rapport n'est encore compté sur cette période : la courbe est vide.";
  const target =
    last.trajectory === null
      ? ""
      : ` ; ${series.kind === "sum" ? "trajectoire de la cible" : "cible"} : ${formatValue(last.trajectory, unit)}`;
  const thin = thinLastMonth(series) ? ` (${monthCompleteness(last, basis)})` : "";
  return `Fin ${periodLabel(last.period)} : ${formatValue(last.cumulative, unit)}${thin}${target}.`;
}
