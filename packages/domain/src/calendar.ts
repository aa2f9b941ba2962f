/**
 * The reporting calendar: a month may be started from its first day; it is
 * due on the Nth day of the next month (a setting, 10 by default).
 */
import { addMonths, firstDay, formatPeriod, type Period, parsePeriod } from "./period.ts";

export const DEFAULT_DUE_DAY = 10;

export function hasStarted(period: string, today: string): boolean {
  const p = parsePeriod(period);
  return p !== null && firstDay(p) <= today;
}

export function dueDate(period: string, dueDay = DEFAULT_DUE_DAY): string {
  const p = parsePeriod(period) as Period;
  const next = addMonths(p, 1);
  return `${formatPeriod(next)}-${String(dueDay).padStart(2, "0")}`;
}

/**
 * Late: not submitted by the due date (submitted after it, or still not
 * submitted after it). `submittedOn` is the Paris day of the first submission.
 */
export function isLate(period: string, today: string, submittedOn: string | null, dueDay = DEFAULT_DUE_DAY): boolean {
  const due = dueDate(period, dueDay);
  if (submittedOn) return submittedOn > due;
  return today > due;
}
