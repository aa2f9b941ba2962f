/**
 * Which years the targets page shows, and which of them get their national
 * value: the years that carry a target or a reference value (the contract's
 * 2016–2019, and any later contract), the last three years and the current
 * one (their values, targets or not), and the years the person has added.
 */
import type { TTarget } from "@enquete/contract";
import { TARGET_FIRST_YEAR, TARGET_LAST_YEAR } from "@enquete/domain";

/** How many finished years before the current one show their value. */
export const RECENT_YEARS = 3;

export function shownYears(targets: readonly TTarget[], currentYear: number, added: readonly number[]): number[] {
  const years = new Set<number>([...targets.map((t) => t.year), ...added, ...valueYears(currentYear)]);
  return [...years].sort((a, b) => a - b);
}

/**
 * The years whose national value the page shows: the last finished ones and
 * the current one. Each is a costly calculation, limited per person; older
 * years lead to their dashboard instead.
 */
export function valueYears(currentYear: number): number[] {
  const years: number[] = [];
  for (let y = currentYear - RECENT_YEARS; y <= currentYear; y++) if (y >= TARGET_FIRST_YEAR) years.push(y);
  return years;
}

/** Why a year cannot be added, in French; null when it can. */
export function addYearProblem(text: string, shown: readonly number[]): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return "Saisissez une année, par exemple 2027.";
  if (!/^\d{4}$/.test(trimmed)) return "Année invalide : attendu AAAA, par exemple 2027.";
  const year = Number(trimmed);
  if (year < TARGET_FIRST_YEAR) return `Les cibles commencent en ${TARGET_FIRST_YEAR}.`;
  if (year > TARGET_LAST_YEAR) return `Les cibles vont jusqu'en ${TARGET_LAST_YEAR}.`;
  if (shown.includes(year)) return `L'année ${year} figure déjà dans les tableaux ci-dessous.`;
  return null;
}
