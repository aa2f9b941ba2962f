/**
 * An indicator beside the year before: the same months one year earlier,
 * and the change between them (a growth rate for a count, a difference in
 * points for a share). And when a month's figures rest on too few reports
 * to be read alone (a thin month).
 */
import { addMonths, formatPeriod, parsePeriod } from "../period.ts";
import { round2 } from "./evaluate.ts";
import type { PeriodRange } from "./periods.ts";
import type { IndicatorUnit } from "./types.ts";

/** The survey's first year: nothing to compare with before it. */
export const FIRST_SURVEY_YEAR = 2016;

const shift = (period: string, months: number): string => {
  const p = parsePeriod(period);
  if (!p) throw new Error(`Invalid period ${period}`);
  return formatPeriod(addMonths(p, months));
};

/**
 * The same months one year earlier. A period still running (its last months
 * not over, so without reports) compares only the months over so far: a
 * year read in November sets January–October against January–October.
 * null when the earlier period starts before the survey.
 */
export function yearBeforeRange(range: PeriodRange, firstMonthNotOver: string): PeriodRange | null {
  const lastOver = shift(firstMonthNotOver, -1);
  const to = range.to > lastOver && lastOver >= range.from ? lastOver : range.to;
  const previous = { from: shift(range.from, -12), to: shift(to, -12) };
  return Number(previous.from.slice(0, 4)) < FIRST_SURVEY_YEAR ? null : previous;
}

/**
 * The change from the year before: for a count, its growth rate in % of the
 * earlier value ((v − p) / p × 100), none when that value is 0; for a share,
 * the difference in points. null when either value is missing.
 */
export function yearOnYearChange(unit: IndicatorUnit, value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  if (unit === "%") return round2(value - previous);
  if (previous === 0) return null;
  return round2(((value - previous) / previous) * 100);
}

export const changeUnitOf = (unit: IndicatorUnit): "%" | "points" => (unit === "%" ? "points" : "%");

/**
 * A thin month: fewer than half of its expected reports are counted. Its
 * figures, a snapshot above all (a month's team), rest on too few ateliers to
 * be read as the network's, and are shown with that warning.
 */
export function isThin(c: { included: number; expected: number }): boolean {
  return c.expected > 0 && c.included * 2 < c.expected;
}
