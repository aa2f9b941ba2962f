import { parisDate, periodOfDate } from "@enquete/domain";

export const YEAR_PARAM = "annee";

/** The first year of the survey on the platform (the API refuses earlier ones). */
const FIRST_YEAR = 2016;

/** The years offered, this one first. */
export function campaignYears(today: string = parisDate()): number[] {
  const current = periodOfDate(today).year;
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}

/** The year in the address when offered, otherwise this year. */
export function campaignYear(param: string | null, years: readonly number[]): number {
  const year = Number(param);
  return years.includes(year) ? year : (years[0] ?? periodOfDate(parisDate()).year);
}
