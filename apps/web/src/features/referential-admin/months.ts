/** Months as the referential's forms offer and show them. */
import { addMonths, formatPeriod, MONTHS_FR, ofPeriod, type Period, parisDate, periodLabel, periodOfDate } from "@enquete/domain";

/** The first year the forms offer: the network's figures start in 2016. */
export const FIRST_YEAR = 2016;

export const thisMonth = (): Period => periodOfDate(parisDate());

/** Years a change may take effect from: 2016 to two years ahead. */
export function offeredYears(): number[] {
  const last = thisMonth().year + 2;
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i);
}

export const monthName = (month: number) => MONTHS_FR[month - 1] ?? String(month);

/** "septembre 2026"; "—" for none. */
export const monthText = (period: string | null | undefined) => (period ? periodLabel(period) : "—");

/** "de septembre 2026", "d'octobre 2026". */
export const ofMonthText = ofPeriod;

/** The month before, for the last month of a dated value that ends. */
export function monthBefore(period: string): string {
  const p = periodOfDate(`${period}-01`);
  return formatPeriod(addMonths(p, -1));
}

export const nextMonth = () => formatPeriod(addMonths(thisMonth(), 1));
