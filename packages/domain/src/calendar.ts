/**
 * The reporting calendar (domain page, section 4): a month may be started
 * (saved as a draft) from its first day, submitted once it is over (from its
 * last day), and is due on the Nth day of the next month (a setting, 10 by
 * default).
 */
import { addMonths, firstDay, formatPeriod, type Period, parsePeriod, periodOfDate } from "./period.ts";

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

/** The last day of the period, `YYYY-MM-DD` (28, 29, 30 or 31). */
export function lastDayOf(period: string): string {
  const p = parsePeriod(period) as Period;
  const days = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return `${period}-${String(days).padStart(2, "0")}`;
}

/**
 * A month is over from its last day (domain page, section 4): its report may
 * then be submitted, and it is expected from every atelier open that month.
 */
export function isMonthOver(period: string, today: string): boolean {
  return parsePeriod(period) !== null && today >= lastDayOf(period);
}

/**
 * The first month that is not over on `today`: every month before it is over
 * (its reports are expected), it and the later ones are not. On the last day
 * of a month, that is the next month.
 */
export function firstMonthNotOver(today: string): string {
  const current = periodOfDate(today);
  const period = formatPeriod(current);
  return isMonthOver(period, today) ? formatPeriod(addMonths(current, 1)) : period;
}
