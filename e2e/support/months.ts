/** Months relative to today (Paris time), and how the app writes them. */
import { addMonths, MONTHS_FR, type Period, parisDate, periodOfDate } from "@enquete/domain";

export const thisMonth = (): Period => periodOfDate(parisDate());

/** The month `n` months from this one: monthsAgo(1) is last month. */
export const monthsAgo = (n: number): Period => addMonths(thisMonth(), -n);

/** "Octobre 2026". */
export const title = (p: Period) => `${MONTHS_FR[p.month - 1]?.replace(/^./, (c) => c.toUpperCase())} ${p.year}`;

/** "de novembre 2026", "d'octobre 2026". */
export const ofMonth = (p: Period) => {
  const name = MONTHS_FR[p.month - 1] ?? "";
  return `${/^[aeiou]/.test(name) ? "d'" : "de "}${name} ${p.year}`;
};
