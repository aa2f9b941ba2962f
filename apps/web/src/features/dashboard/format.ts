/** French numbers of the dashboard: "75 847,5", "6,2 %" (one decimal for a share), whole counts of people and actions. */
import type { TCompleteness } from "@enquete/contract";
import { type IndicatorBasis, wholeIfCount } from "@enquete/domain";
import { plural } from "../../shared/format.ts";

type Unit = "nombre" | "%";

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A percentage already in % (12.5 for 12.5 %). */
export function formatPercent(value: number): string {
  return `${oneDecimal.format(value)}\u00a0%`;
}

/** A value in its unit; null (a share with nothing to divide) says so. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined) return "non calculable";
  return unit === "%" ? formatPercent(value) : formatNumber(value);
}

/** A contract indicator's value: a count of people, events or sessions as a whole number (a target spread over months too). */
export function formatIndicatorValue(code: string, value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || unit === "%") return formatValue(value, unit);
  return formatNumber(wholeIfCount(code, value));
}

/**
 * A value where no report is included: null then means "no data" (never 0),
 * and a null with reports included is a share with nothing to divide.
 */
export function hasNoData(value: number | null | undefined, included: number): boolean {
  return (value === null || value === undefined) && included === 0;
}

/** formatValue, but "aucune donnée" where no report is included (for texts that cannot carry an explanation, such as bars hidden from screen readers). */
export function figureText(value: number | null | undefined, unit: Unit, included: number): string {
  return hasNoData(value, included) ? "aucune donnée" : formatValue(value, unit);
}

/** part / whole as "94,4 %", or null when nothing is expected. */
export function formatShare(part: number, whole: number): string | null {
  return whole === 0 ? null : formatPercent((part / whole) * 100);
}

/** "validé" or "soumis ou validé": what the basis counts. */
export function countedWord(basis: IndicatorBasis, count: number): string {
  if (basis === "official") return count > 1 ? "validés" : "validé";
  return count > 1 ? "soumis ou validés" : "soumis ou validé";
}

/** "Chiffres établis sur 1 144 rapports validés sur 1 212 attendus". */
export function completenessSentence(c: TCompleteness, basis: IndicatorBasis): string {
  if (c.expected === 0 && c.included === 0) return "Aucun rapport n'est encore attendu ni compté pour cette période";
  return `Chiffres établis sur ${plural(c.included, "rapport")} ${countedWord(basis, c.included)} sur ${plural(c.expected, "attendu")}`;
}
