/** One line of the history: a value or a note changed, in words (pure, no React). */
import type { TReportEvent } from "@enquete/contract";
import { displayValue } from "../valueText.ts";

type Change = TReportEvent["changes"][number];

/** The API names a note's change `note:<code>`. */
export const NOTE_PREFIX = "note:";

const noteValue = (v: Change["from"]) => (v === null || v === "" ? "(aucune)" : String(v));

/**
 * "Journées stagiaires dans les murs : 12 → 14", "Note sur « Journées
 * stagiaires dans les murs » : (aucune) → dont 4 pour le plan numérique"; a
 * value a change of version did not keep ends in "(non reprise)".
 */
export function changeText(c: Change, labels: ReadonlyMap<string, string>, action: TReportEvent["action"]): string {
  if (c.field.startsWith(NOTE_PREFIX)) {
    const code = c.field.slice(NOTE_PREFIX.length);
    return `Note sur « ${labels.get(code) ?? code} » : ${noteValue(c.from)} → ${noteValue(c.to)}`;
  }
  const to = action === "upgrade" && c.to === null ? "(non reprise)" : displayValue(c.to);
  return `${labels.get(c.field) ?? c.field} : ${displayValue(c.from)} → ${to}`;
}
