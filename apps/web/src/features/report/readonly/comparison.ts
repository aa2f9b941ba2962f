/**
 * What the read-only report shows beside each figure: the same field the
 * previous month and the same month last year, and the changes big enough to
 * be pointed out in words (pure functions, no React).
 */
import type { TReportState } from "@enquete/contract";
import { addMonths, formatFrenchNumber, formatPeriod, parsePeriod, periodLabel } from "@enquete/domain";

type Reference = TReportState["reference"];

/** A change is pointed out from twice as much or half as much, and at least this many units (1 → 2 is no news). */
const BIG_FACTOR = 2;
const MIN_GAP = 3;

/** Shown for a field the other month's report has no value for (its questionnaire version may not have the field): never 0. */
export const NO_VALUE = "—";

/** "1 234,5", or why there is no figure to compare with. */
export function referenceText(values: Reference["previousMonth"], code: string): string {
  if (values === null) return "Pas de rapport";
  const v = values[code];
  if (typeof v === "number") return formatFrenchNumber(v);
  return v === null ? "Non renseigné" : NO_VALUE;
}

/** "Hausse de 150 % sur un mois", or null when the change is small or cannot be measured (nothing the month before). */
export function changeText(current: unknown, reference: unknown, span: "sur un mois" | "sur un an"): string | null {
  if (typeof current !== "number" || typeof reference !== "number" || reference <= 0) return null;
  const gap = current - reference;
  const factor = current / reference;
  if (Math.abs(gap) < MIN_GAP || (factor < BIG_FACTOR && factor > 1 / BIG_FACTOR)) return null;
  const percent = formatFrenchNumber(Math.round((Math.abs(gap) / reference) * 100));
  return `${gap > 0 ? "Hausse" : "Baisse"} de ${percent}\u00a0% ${span}`;
}

/** The changes worth pointing out for a field, against the previous month then last year. */
export function fieldChanges(code: string, values: TReportState["values"], reference: Reference): string[] {
  const current = values[code];
  return [
    changeText(current, reference.previousMonth?.[code], "sur un mois"),
    changeText(current, reference.sameMonthLastYear?.[code], "sur un an"),
  ].filter((t): t is string => t !== null);
}

/** "août 2026", "juillet 2026", "août 2025": the months of the three columns. */
export function comparedMonths(period: string): { current: string; previous: string; lastYear: string } {
  const p = parsePeriod(period);
  if (!p) return { current: period, previous: "", lastYear: "" };
  return {
    current: periodLabel(period),
    previous: periodLabel(formatPeriod(addMonths(p, -1))),
    lastYear: periodLabel(formatPeriod(addMonths(p, -12))),
  };
}
