/**
 * How a figure can be broken down (domain page, section 5): by territory, by
 * atelier, by the atelier's attributes (labellisation status in the report's
 * month, laboratoire des usages, location in an ESPE/INSPÉ), or by month.
 */
import { periodLabel } from "../period.ts";
import { LABEL_STATUS_LABELS, type LabelStatus } from "../referential.ts";

export const BREAKDOWNS = ["territory", "atelier", "label", "lab", "espe", "month"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  territory: "Par direction territoriale",
  atelier: "Par atelier",
  label: "Par statut de labellisation (au mois du rapport)",
  lab: "Selon la présence d'un laboratoire des usages",
  espe: "Selon l'implantation dans une ESPE/INSPÉ",
  month: "Par mois",
};

/** Key of a group when the attribute is unknown (an atelier with no labellisation status that month). */
export const UNKNOWN_KEY = "inconnu";

/** The French name of an attribute group; territories and ateliers are named from the referential. */
export function attributeGroupLabel(breakdown: "label" | "lab" | "espe" | "month", key: string): string {
  if (breakdown === "month") return periodLabel(key);
  if (breakdown === "label") return LABEL_STATUS_LABELS[key as LabelStatus] ?? "Statut de labellisation non renseigné";
  if (breakdown === "lab") return key === "true" ? "Avec laboratoire des usages" : "Sans laboratoire des usages";
  return key === "true" ? "Implanté dans une ESPE/INSPÉ" : "Hors ESPE/INSPÉ";
}
