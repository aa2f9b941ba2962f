/**
 * From field totals to figures. A ratio is the sum of its numerators over the
 * sum of its denominators, computed once on the totals of the whole scope
 * and period: never an average of monthly or per-atelier ratios.
 */
import type { AggregatedField } from "./figures.ts";
import type { DistanceLearningTotals, FieldTotals, FigureDef, Formula, IndicatorDef, ReportingCounts, Term } from "./types.ts";

export interface Evaluated {
  /** null ("aucune donnée") when no report is included, or when a ratio has nothing to divide by: never a 0 that reads as no activity. */
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export interface IndicatorPart {
  code: "ateliers" | "mooc" | "magistere";
  label: string;
  value: number;
}

export interface EvaluatedIndicator extends Evaluated {
  code: string;
  /** What a sum is made of, when it adds sources (1-1: ateliers, MOOC, M@gistère). */
  parts?: IndicatorPart[];
}

/** Two decimals: trainee-days are entered with two at most, and percentages are shown with two. */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

export function termsTotal(terms: readonly Term[], totals: FieldTotals): number {
  let total = 0;
  for (const term of terms) for (const field of term.fields) total += totals[field] ?? 0;
  return round2(total);
}

/** A percentage of two sums; null when the denominator is 0. */
export function percentage(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round2((numerator / denominator) * 100);
}

/**
 * The counts behind a figure. `included` is how many reports the totals
 * come from: with none, a sum or a ratio has no value. Left out, the totals
 * are taken as they are.
 */
export type FormulaCounts = ReportingCounts & { included?: number };

export function evaluateFormula(formula: Formula, totals: FieldTotals, counts: FormulaCounts): Evaluated {
  const nothing = counts.included === 0;
  switch (formula.kind) {
    case "sum":
      return { value: nothing ? null : termsTotal(formula.terms, totals) };
    case "ratio": {
      const numerator = termsTotal(formula.numerator, totals);
      const denominator = termsTotal(formula.denominator, totals);
      return { value: nothing ? null : percentage(numerator, denominator), numerator, denominator };
    }
    case "count":
      return { value: counts[formula.count] };
    case "rate": {
      const numerator = counts[formula.numerator];
      const denominator = counts[formula.denominator];
      return { value: percentage(numerator, denominator), numerator, denominator };
    }
  }
}

const EMPTY_COUNTS: ReportingCounts = { expected: 0, submitted: 0, validated: 0, onTime: 0 };

/**
 * An indicator's value. National distance learning is added to the
 * indicators that take it (1-1) in the national figure only: it belongs to
 * no territory, atelier or group of ateliers.
 */
export function evaluateIndicator(
  def: IndicatorDef,
  totals: FieldTotals,
  options: { national: boolean; distanceLearning?: DistanceLearningTotals; included?: number },
): EvaluatedIndicator {
  const base = evaluateFormula(def.formula, totals, {
    ...EMPTY_COUNTS,
    ...(options.included === undefined ? {} : { included: options.included }),
  });
  if (!(def.addsDistanceLearning && options.national) || def.formula.kind !== "sum") return { code: def.code, ...base };
  const ateliers = base.value ?? 0;
  const mooc = round2(options.distanceLearning?.moocTraineeDays ?? 0);
  const magistere = round2(options.distanceLearning?.magistereTraineeDays ?? 0);
  return {
    code: def.code,
    // Without any atelier report the figure is missing, whatever the national distance learning adds.
    value: base.value === null ? null : round2(ateliers + mooc + magistere),
    parts: [
      { code: "ateliers", label: "Ateliers (dans et hors les murs)", value: ateliers },
      { code: "mooc", label: "MOOC", value: mooc },
      { code: "magistere", label: "Parcours M@gistère", value: magistere },
    ],
  };
}

export function evaluateFigure(def: FigureDef, totals: FieldTotals, counts: FormulaCounts): Evaluated & { code: string } {
  return { code: def.code, ...evaluateFormula(def.formula, totals, counts) };
}

function formulaTerms(formula: Formula): readonly Term[] {
  if (formula.kind === "sum") return formula.terms;
  if (formula.kind === "ratio") return [...formula.numerator, ...formula.denominator];
  return [];
}

/**
 * Definitions that do not fit the questionnaire: an unknown field, or a term
 * that aggregates a field otherwise than its kind says. Empty when all is well.
 */
export function definitionProblems(defs: readonly (IndicatorDef | FigureDef)[], fields: readonly AggregatedField[]): string[] {
  const kinds = new Map(fields.map((f) => [f.code, f.aggregation]));
  const problems: string[] = [];
  for (const def of defs) {
    for (const term of formulaTerms(def.formula)) {
      for (const field of term.fields) {
        const kind = kinds.get(field);
        if (!kind) problems.push(`${def.code} : champ inconnu ${field}`);
        else if (kind !== term.aggregation) problems.push(`${def.code} : ${field} est de type ${kind}, pas ${term.aggregation}`);
      }
    }
  }
  return problems;
}
