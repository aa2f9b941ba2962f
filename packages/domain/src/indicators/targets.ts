/**
 * The contract's yearly targets and reference values (baselines). Targets are
 * set per calendar year, nationally. A territory or an atelier has no target
 * of its own: for an indicator in %, the national target is recalled as the
 * reference a share can be read against; a count has none (89,000 trainee-days
 * mean nothing for one territory).
 */
import { hasAtMostTwoDecimals } from "../questionnaire/numbers.ts";
import { round2 } from "./evaluate.ts";
import type { IndicatorScope } from "./scope.ts";
import type { IndicatorDef } from "./types.ts";
import { isWholeCount } from "./whole-counts.ts";

export const TARGET_FIRST_YEAR = 2016;
export const TARGET_LAST_YEAR = 2100;
export const TARGET_MAX = 1_000_000_000;

export interface TargetRow {
  indicatorCode: string;
  year: number;
  value: number;
  isBaseline: boolean;
}

export interface YearValue {
  year: number;
  value: number;
}

/** Why a target is refused, in French; null when it is fine. Targets in % are percentages: 15 is 15 %. */
export function targetValueProblem(def: IndicatorDef, value: number): string | null {
  if (!Number.isFinite(value)) return "Saisissez un nombre.";
  if (value < 0) return "Une cible ne peut pas être négative.";
  if (!hasAtMostTwoDecimals(value)) return "Deux décimales au plus (par exemple 12,5).";
  if (isWholeCount(def) && !Number.isInteger(value)) {
    return "Cet indicateur compte des personnes ou des actions : saisissez un nombre entier (par exemple 680 000).";
  }
  if (def.unit === "%" && value > 100) return "Cet indicateur est une part : saisissez un pourcentage entre 0 et 100 (15 pour 15 %).";
  if (value > TARGET_MAX) return "Ce nombre est trop grand.";
  return null;
}

/**
 * The target of a year (its non-baseline row) and the reference it is read
 * against: the latest baseline of that year or before (2016 for the
 * 2017–2019 contract; a new contract adds its own).
 */
export function targetsOf(rows: readonly TargetRow[], indicatorCode: string, year: number): { target?: YearValue; baseline?: YearValue } {
  const own = rows.filter((r) => r.indicatorCode === indicatorCode);
  const target = own.find((r) => r.year === year && !r.isBaseline);
  const baseline = own.filter((r) => r.isBaseline && r.year <= year).sort((a, b) => b.year - a.year)[0];
  return {
    ...(target ? { target: { year: target.year, value: target.value } } : {}),
    ...(baseline ? { baseline: { year: baseline.year, value: baseline.value } } : {}),
  };
}

/** Does the scope show the national targets of this indicator (see the top of this file)? */
export function showsTargets(def: IndicatorDef, scope: IndicatorScope): boolean {
  return scope.kind === "national" || def.unit === "%";
}

/** The share of the target reached, in % (value 91,000 for a target of 93,000: 97.85). */
export function reachedRate(value: number | null, target: number | undefined): number | null {
  if (value === null || target === undefined || target === 0) return null;
  return round2((value / target) * 100);
}
