import type { TRates } from "@enquete/contract";

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });

/** "96 %", from the sums the API gives (a ratio of sums, never an average of ratios); null when nothing is expected yet. */
export function share(part: number, rates: TRates): string | null {
  return rates.expected === 0 ? null : percent.format(part / rates.expected);
}
