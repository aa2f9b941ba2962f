import type { TAtelier, TTerritory } from "@enquete/contract";
import { compareAtelierCodes, formatPeriod } from "@enquete/domain";
import { api } from "../../api/client.ts";
import { thisMonth } from "./months.ts";

/** An atelier of the list, with its opening and closing months once the API gives them. */
export type ListedAtelier = TAtelier & { openFrom?: string | null; closedFrom?: string | null };

export type Referential = { territories: TTerritory[]; ateliers: ListedAtelier[]; territoryNames: Map<string, string> };

export async function loadReferential(signal: AbortSignal): Promise<Referential> {
  const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({}, signal)]);
  return {
    territories: [...territories].sort((a, b) => a.name.localeCompare(b.name, "fr")),
    ateliers: [...ateliers].sort((a, b) => compareAtelierCodes(a.code, b.code)),
    territoryNames: new Map(territories.map((t) => [t.code, t.name])),
  };
}

export type AtelierState = "open" | "closed" | "future";

/** Open, closed or not open yet this month. */
export function atelierState(a: { openFrom?: string | null; closedFrom?: string | null }): AtelierState {
  const now = formatPeriod(thisMonth());
  if (a.closedFrom && a.closedFrom <= now) return "closed";
  if (a.openFrom && a.openFrom > now) return "future";
  return "open";
}

export const STATE_LABELS: Record<AtelierState, string> = { open: "Ouvert", closed: "Fermé", future: "Ouverture à venir" };

/** Lower case without accents: "evreux" finds "Évreux". */
export const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
