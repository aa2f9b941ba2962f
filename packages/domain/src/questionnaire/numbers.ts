/**
 * Numbers as people in France type them: "12,5", "1 234", "0.5". Returns
 * null for an empty answer, undefined for something that is not a number.
 */
export function parseFrenchNumber(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return undefined;
  return Number(compact.replace(",", "."));
}

/** Shows a number the French way: "1 234,5". */
export function formatFrenchNumber(value: number | null | undefined, maxDecimals = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: maxDecimals }).format(value);
}

/** At most two decimals, without being fooled by binary floating point (0.1 + 0.2). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}
