const percent = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/** "96 %", from the share the API computed (a ratio of sums, never an average of ratios); null when nothing is expected. */
export function share(rate: number | null): string | null {
  return rate === null ? null : `${percent.format(rate)}\u00a0%`;
}
