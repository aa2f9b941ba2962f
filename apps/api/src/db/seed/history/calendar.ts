/** Paris calendar of the demo history: days and wall-clock instants. */
import type { Period } from "@enquete/domain";

export { addDays } from "@enquete/domain";

export function daysInMonth(p: Period): number {
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

const parisClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
const parisOffsets = new Map<string, number>();

/** Minutes Paris is ahead of UTC on that day (read at noon: summer time changes at night). */
function parisOffsetMinutes(day: string): number {
  const cached = parisOffsets.get(day);
  if (cached !== undefined) return cached;
  const noon = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 12);
  const parts = Object.fromEntries(parisClock.formatToParts(new Date(noon)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = Math.round((wall - noon) / 60_000);
  parisOffsets.set(day, offset);
  return offset;
}

/** The instant of a Paris wall-clock time: `minutes` after midnight of `day`. */
export function parisInstant(day: string, minutes: number): Date {
  const midnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(midnight + (minutes - parisOffsetMinutes(day)) * 60_000);
}
