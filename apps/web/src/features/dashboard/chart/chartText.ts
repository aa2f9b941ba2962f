/** The words around a curve: its title, the legend, and the sentence that says where it ends. */
import { periodLabel } from "@enquete/domain";
import { formatValue } from "../format.ts";
import type { Series, SeriesKind } from "./series.ts";

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

/** "Fin octobre 2025 : 809 ; trajectoire de la cible : 750." */
export function curveSummary(series: Series, unit: Unit): string {
  const last = series.points.findLast((p) => p.cumulative !== null);
  if (!last || last.cumulative === null) return "Aucun rapport n'est encore compté sur cette période : la courbe est vide.";
  const target =
    last.trajectory === null
      ? ""
      : ` ; ${series.kind === "sum" ? "trajectoire de la cible" : "cible"} : ${formatValue(last.trajectory, unit)}`;
  return `Fin ${periodLabel(last.period)} : ${formatValue(last.cumulative, unit)}${target}.`;
}
