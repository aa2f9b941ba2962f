import { frenchDateFormatter, frenchDayNumber } from "@enquete/domain";

// Made once: building a formatter with a time zone costs far more than using it. Every one writes
// the first of a month "1er", as French does ("1er décembre 2026"), where Intl writes "1 décembre".
const dateTime = frenchDateFormatter({ dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
const dateOnly = frenchDateFormatter({ dateStyle: "long", timeZone: "UTC" });
const dayMonth = frenchDateFormatter({ day: "numeric", month: "long", timeZone: "UTC" });

/** "30 novembre 2026 à 18:23", "1er décembre 2026 à 09:05", in the time of the network's users. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime(date);
}

/** A calendar day (YYYY-MM-DD) as "1er janvier 2016", "10 décembre 2026". */
export function formatDay(day: string): string {
  const date = dayDate(day);
  return date ? dateOnly(date) : day;
}

/** A calendar day (YYYY-MM-DD) without its year: "1er décembre", "10 décembre". */
export function formatDayMonth(day: string): string {
  const date = dayDate(day);
  return date ? dayMonth(date) : day;
}

/** The day of a month in a sentence: "le 1er du mois suivant", "le 10 du mois suivant". */
export const formatDayNumber = frenchDayNumber;

function dayDate(day: string): Date | null {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function yesNo(value: boolean): string {
  return value ? "Oui" : "Non";
}

/** "1 atelier", "12 ateliers", "1 234 ateliers": a count is a whole number, rounded if it is not. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  const whole = Math.round(count);
  return `${whole.toLocaleString("fr-FR")} ${whole > 1 ? pluralForm : singular}`;
}

/** The day before a calendar day: ends of periods are stored exclusive and shown inclusive. */
export function dayBefore(day: string): string {
  const date = dayDate(day);
  if (!date) return day;
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
