/**
 * The year before beside a value, in French words: "2 345 en 2024 · +12,3 %",
 * "20,0 % en 2024 · +1,4 point", and what a screen reader says instead of
 * the signs ("en hausse de 12,3 %").
 */
import { formatIndicatorValue } from "../format.ts";
import type { IndicatorValue } from "../types.ts";

type Previous = NonNullable<IndicatorValue["previous"]>;

const oneDecimal = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "en 2024" for a whole year, "en janvier à novembre 2025"-like labels read better with "de", "en mars 2025" for a month. */
export function periodWords(periodLabel: string): string {
  // "année scolaire 2023-2024" reads "pour l'année scolaire 2023-2024"; only a calendar year's "année 2024" reads "en 2024".
  if (periodLabel.startsWith("année scolaire ")) return `pour l'${periodLabel}`;
  if (periodLabel.startsWith("année ")) return `en ${periodLabel.slice("année ".length)}`;
  if (periodLabel.includes(" à ")) return `de ${periodLabel}`;
  return `en ${periodLabel}`;
}

/** The change as shown, and as said: "+12,3 %" / "en hausse de 12,3 %", "−1,4 point" / "en baisse de 1,4 point". */
export function changeWords(change: number, unit: Previous["changeUnit"]): { shown: string; said: string } {
  const size = oneDecimal.format(Math.abs(change));
  const rounded = Math.abs(Math.round(change * 10) / 10);
  const what = unit === "%" ? `${size}\u00a0%` : `${size}\u00a0point${rounded >= 2 ? "s" : ""}`;
  if (rounded === 0) return { shown: unit === "%" ? "0,0\u00a0%" : "0,0\u00a0point", said: "stable" };
  return change > 0 ? { shown: `+${what}`, said: `en hausse de ${what}` } : { shown: `\u2212${what}`, said: `en baisse de ${what}` };
}

export type YearBeforeLine = {
  /** "2 345 en 2024" */
  value: string;
  /** The change, or why there is none. */
  change: { shown: string; said: string } | { none: string } | null;
};

/** The line under an indicator's value; null when there is no year before (before 2016). */
export function yearBeforeLine(indicator: Pick<IndicatorValue, "code" | "unit" | "value" | "previous">): YearBeforeLine | null {
  const p = indicator.previous;
  if (!p) return null;
  const when = periodWords(p.periodLabel);
  if (p.value === null) return { value: `aucune donnée ${when}`, change: null };
  const value = `${formatIndicatorValue(indicator.code, p.value, indicator.unit)} ${when}`;
  if (p.change !== null) return { value, change: changeWords(p.change, p.changeUnit) };
  if (indicator.value === null) return { value, change: null };
  return { value, change: { none: "évolution non calculable (valeur nulle un an plus tôt)" } };
}
