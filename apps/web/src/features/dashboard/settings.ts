/**
 * What the dashboard shows, kept in the address (a reload or a shared link
 * shows the same figures): the year, calendar or school, and the basis,
 * official (validated reports) or provisional (submitted and validated).
 */
import { type IndicatorBasis, parisDate, periodOfDate, type YearType } from "@enquete/domain";

export type DashboardSettings = { year: number; yearType: YearType; basis: IndicatorBasis };

export const PARAMS = { year: "annee", yearType: "type", basis: "base" } as const;
const YEAR_TYPE_WORDS: Record<YearType, string> = { calendar: "civile", school: "scolaire" };
const BASIS_WORDS: Record<IndicatorBasis, string> = { official: "officielle", provisional: "provisoire" };

/** The first year of the survey (the API refuses earlier ones). */
const FIRST_YEAR = 2016;

/** The years offered, the latest first: a school year is named by the year of its September. */
export function dashboardYears(yearType: YearType, today: string = parisDate()): number[] {
  const now = periodOfDate(today);
  const last = yearType === "school" && now.month < 9 ? now.year - 1 : now.year;
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i);
}

function keyOf<K extends string>(words: Record<K, string>, word: string | null, fallback: K): K {
  const found = (Object.keys(words) as K[]).find((k) => words[k] === word);
  return found ?? fallback;
}

/** The settings in the address; anything missing or unknown falls back to this year's official figures. */
export function readSettings(search: URLSearchParams, today: string = parisDate()): DashboardSettings {
  const yearType = keyOf(YEAR_TYPE_WORDS, search.get(PARAMS.yearType), "calendar");
  const basis = keyOf(BASIS_WORDS, search.get(PARAMS.basis), "official");
  const years = dashboardYears(yearType, today);
  const asked = Number(search.get(PARAMS.year));
  const year = years.includes(asked) ? asked : (years[0] ?? FIRST_YEAR);
  return { year, yearType, basis };
}

/** "?annee=2025", "?annee=2025&type=scolaire&base=provisoire": defaults are left out. */
export function settingsSearch(settings: DashboardSettings): string {
  const out = new URLSearchParams({ [PARAMS.year]: String(settings.year) });
  if (settings.yearType !== "calendar") out.set(PARAMS.yearType, YEAR_TYPE_WORDS[settings.yearType]);
  if (settings.basis !== "official") out.set(PARAMS.basis, BASIS_WORDS[settings.basis]);
  return `?${out}`;
}

/** "2025", "2025-2026". */
export function yearName(year: number, yearType: YearType): string {
  return yearType === "school" ? `${year}-${year + 1}` : String(year);
}
