/**
 * Calendar days (`YYYY-MM-DD`) as the emails need them: moving by a few days,
 * and written the French way ("jeudi 10 décembre 2026", "1er mars").
 */
import { frenchDayNumber, MONTHS_FR } from "@enquete/domain";

const WEEKDAYS_FR = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;

// Noon UTC: a calendar day never slips to its neighbour, whatever the time zone.
const asDate = (day: string) => new Date(`${day}T12:00:00Z`);

export { addDays } from "@enquete/domain";

/** "10 décembre", "1er mars" (the domain's "1er", as the web app writes it). */
export function dayMonth(day: string): string {
  const d = asDate(day);
  return `${frenchDayNumber(d.getUTCDate())} ${MONTHS_FR[d.getUTCMonth()]}`;
}

/** "jeudi 10 décembre 2026". */
export function longDate(day: string): string {
  const d = asDate(day);
  return `${WEEKDAYS_FR[d.getUTCDay()]} ${dayMonth(day)} ${d.getUTCFullYear()}`;
}

export const isDay = (text: unknown): text is string =>
  typeof text === "string" &&
  /^\d{4}-\d{2}-\d{2}$/.test(text) &&
  !Number.isNaN(asDate(text).getTime()) &&
  asDate(text).toISOString().startsWith(text);
