/** One line of the history: a value or a note changed, a remark, a sitting of saves, in words (pure, no React). */
import type { TRemark, TReportEvent } from "@enquete/contract";
import { formatDateTime, formatDay } from "../../../shared/format.ts";
import { remarkTitle } from "../conversation/remarkText.ts";
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

/**
 * The changes a line lists beside its remarks: a note the line's remarks
 * already say (saved or removed) is not said twice.
 */
export function changesBesideRemarks(e: Pick<TReportEvent, "changes" | "remarks">): Change[] {
  const noted = new Set(e.remarks.flatMap((r) => (r.kind === "note" && r.field ? [`${NOTE_PREFIX}${r.field}`] : [])));
  return e.changes.filter((c) => !noted.has(c.field));
}

/** A remark as the history says it: what it is, then its text; a removed note says so. */
export function remarkText(r: TRemark, labels: ReadonlyMap<string, string>): { title: string; text: string } {
  const title = remarkTitle(r, labels);
  if (r.kind === "note" && r.text.trim() === "") return { title, text: "note retirée" };
  return { title, text: r.text };
}

// Made once: a formatter with a time zone is costly to build.
const parisTime = new Intl.DateTimeFormat("fr-FR", { hour: "numeric", minute: "2-digit", timeZone: "Europe/Paris" });
// "2026-12-01": the calendar day in Paris, for formatDay.
const parisDay = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Europe/Paris" });

/** "14 h 02", "9 h 05": a time of day in the network's time, as French writes it in a sentence. */
export function timeOfDay(iso: string): string {
  const parts = parisTime.formatToParts(new Date(iso));
  const hour = parts.find((p) => p.type === "hour")?.value ?? "";
  const minute = parts.find((p) => p.type === "minute")?.value ?? "";
  return `${Number(hour)} h ${minute}`;
}

/**
 * When a line happened: "le 1er décembre 2026 à 14 h 02" for one event; for a
 * sitting of saves "le 1er décembre 2026, de 14 h 02 à 14 h 31" (or, across
 * midnight, "du … au …").
 */
export function whenText(e: Pick<TReportEvent, "at" | "until">): string {
  const day = parisDay.format(new Date(e.at));
  // One way of writing a time in the whole list: "14 h 02", for one event as for a sitting.
  if (!e.until) return `le ${formatDay(day)} à ${timeOfDay(e.at)}`;
  if (day !== parisDay.format(new Date(e.until))) return `du ${formatDateTime(e.at)} au ${formatDateTime(e.until)}`;
  return `le ${formatDay(day)}, de ${timeOfDay(e.at)} à ${timeOfDay(e.until)}`;
}

/** "Enregistrement", or for a sitting "12 enregistrements automatiques". */
export function lineTitle(e: Pick<TReportEvent, "saves">, actionLabel: string): string {
  return e.saves > 1 ? `${e.saves.toLocaleString("fr-FR")} enregistrements automatiques` : actionLabel;
}

/** "version 7", or for a sitting "versions 5 à 16" (each save makes one). */
export function versionText(e: Pick<TReportEvent, "saves" | "version">): string {
  return e.saves > 1 ? `versions ${e.version - e.saves + 1} à ${e.version}` : `version ${e.version}`;
}
