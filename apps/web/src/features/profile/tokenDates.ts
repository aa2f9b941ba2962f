/** Calendar days in Paris, as the API counts a token's validity (its last day, AAAA-MM-JJ). */
import { TOKEN_MAX_DAYS, TOKEN_WARNING_DAYS } from "@enquete/domain";

/** A new token lasts three months unless the person chooses otherwise: long enough for a script, short enough to be renewed. */
export const DEFAULT_TOKEN_DAYS = 90;

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Paris, "2026-12-01". */
export function todayInParis(now: Date = new Date()): string {
  return parisDay.format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The range the date field offers: from tomorrow to the longest validity the API accepts. */
export function expiryBounds(now: Date = new Date()): { min: string; max: string; suggested: string } {
  const today = todayInParis(now);
  return { min: addDays(today, 1), max: addDays(today, TOKEN_MAX_DAYS), suggested: addDays(today, DEFAULT_TOKEN_DAYS) };
}

/** Still valid, but its owner is about to be warned by email (or has been). */
export function expiresSoon(expiresOn: string, now: Date = new Date()): boolean {
  return expiresOn <= addDays(todayInParis(now), TOKEN_WARNING_DAYS);
}
