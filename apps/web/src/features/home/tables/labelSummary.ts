import type { TAtelier } from "@enquete/contract";
import { plural } from "../../../shared/format.ts";

/** "101 ateliers : 45 labellisés, 24 en cours de labellisation, 32 non engagés." */
export function labelSummary(ateliers: readonly TAtelier[]): string {
  const count = (status: TAtelier["labelStatus"]) => ateliers.filter((a) => a.labelStatus === status).length;
  const parts = [
    plural(count("labellise"), "labellisé"),
    `${count("en_cours").toLocaleString("fr-FR")} en cours de labellisation`,
    plural(count("non_engage"), "non engagé"),
  ];
  const unknown = count(null);
  if (unknown > 0) parts.push(`${unknown.toLocaleString("fr-FR")} non renseigné${unknown > 1 ? "s" : ""}`);
  return `${plural(ateliers.length, "atelier")} : ${parts.join(", ")}.`;
}
