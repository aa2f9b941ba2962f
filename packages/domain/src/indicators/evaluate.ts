/**
 * From field totals to figures. A ratio is the sum of its numerators over the
 * sum of its denominators, computed once on the totals of the whole scope
 * and period: never an average of monthly or per-atelier ratios. Totals are
 * kept per questionnaire version: a term counts the versions its condition
 * accepts (all of them without one), so that a period mixing versions adds
 * each report's numerator and denominator as its own version defines them.
 */
import type { FormCatalogue } from "../questionnaire/catalogue.ts";
import type { AggregatedField } from "./figures.ts";
import { monthsBetween, type PeriodRange } from "./periods.ts";
import type {
  DistanceLearningTotals,
  FieldTotals,
  FigureDef,
  Formula,
  IndicatorDef,
  ReportingCounts,
  Term,
  VersionCondition,
  VersionedTotals,
} from "./types.ts";

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

/** One definition of a version-dependent indicator, as the figure of a scope and period used it. */
export interface DefinitionUsed {
  label: string;
  /** The versions it applies to among those in force in the period or read by a counted report. */
  versions: number[];
  /** Counted reports of those versions. */
  reports: number;
  /** A ratio's terms over those reports (a sum: its total, over 1). */
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface EvaluatedIndicator extends Evaluated {
  code: string;
  /** What a sum is made of, when it adds sources (1-1: ateliers, MOOC, M@gistère). */
  parts?: IndicatorPart[];
  /** Which definitions the figure rests on, when its formula depends on the questionnaire version (1-5). */
  definitions?: DefinitionUsed[];
}

/** Two decimals: trainee-days are entered with two at most, and percentages are shown with two. */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

/** No report: every sum and ratio has no value. */
export const NO_TOTALS: VersionedTotals = { byVersion: {}, reports: {} };

const versionsOf = (totals: VersionedTotals): number[] =>
  [...new Set([...Object.keys(totals.byVersion), ...Object.keys(totals.reports)])].map(Number).sort((a, b) => a - b);

/** Every version's totals added up: what a figure that does not depend on the version reads. */
export function flatTotals(totals: VersionedTotals): Record<string, number> {
  const out: Record<string, number> = {};
  for (const version of versionsOf(totals)) {
    for (const [code, value] of Object.entries(totals.byVersion[version] ?? {})) out[code] = (out[code] ?? 0) + value;
  }
  for (const code of Object.keys(out)) out[code] = round2(out[code] as number);
  return out;
}

/** Counted reports of every version. */
export function totalReports(totals: VersionedTotals): number {
  let n = 0;
  for (const version of versionsOf(totals)) n += totals.reports[version] ?? 0;
  return n;
}

// Which versions have a field, per catalogue: asked for every term of every figure of every group.
const fieldVersions = new WeakMap<FormCatalogue, Map<string, ReadonlySet<number>>>();

/** Does a version meet a condition (none: every version)? A version the catalogue does not know has no field. */
export function versionMeets(forms: FormCatalogue, version: number, when: VersionCondition | undefined): boolean {
  if (!when) return true;
  let cache = fieldVersions.get(forms);
  if (!cache) {
    cache = new Map();
    fieldVersions.set(forms, cache);
  }
  const code = "hasField" in when ? when.hasField : when.lacksField;
  let versions = cache.get(code);
  if (!versions) {
    versions = new Set(forms.versionsWith(code));
    cache.set(code, versions);
  }
  return "hasField" in when ? versions.has(version) : !versions.has(version);
}

export function termsTotal(terms: readonly Term[], totals: VersionedTotals, forms: FormCatalogue): number {
  let total = 0;
  for (const version of versionsOf(totals)) {
    const own = totals.byVersion[version];
    if (!own) continue;
    for (const term of terms) {
      if (!versionMeets(forms, version, term.when)) continue;
      for (const field of term.fields) total += own[field] ?? 0;
    }
  }
  return round2(total);
}

/** Counted reports of the versions some term reads: none, and a sum or a ratio has no value. */
function reportsRead(terms: readonly Term[], totals: VersionedTotals, forms: FormCatalogue): number {
  let n = 0;
  for (const version of versionsOf(totals)) {
    if (terms.some((term) => versionMeets(forms, version, term.when))) n += totals.reports[version] ?? 0;
  }
  return n;
}

/** A percentage of two sums; null when the denominator is 0. */
export function percentage(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round2((numerator / denominator) * 100);
}

function formulaTerms(formula: Formula): readonly Term[] {
  if (formula.kind === "sum") return formula.terms;
  if (formula.kind === "ratio") return [...formula.numerator, ...formula.denominator];
  return [];
}

export function evaluateFormula(formula: Formula, totals: VersionedTotals, counts: ReportingCounts, forms: FormCatalogue): Evaluated {
  switch (formula.kind) {
    case "sum": {
      const nothing = reportsRead(formula.terms, totals, forms) === 0;
      return { value: nothing ? null : termsTotal(formula.terms, totals, forms) };
    }
    case "ratio": {
      const nothing = reportsRead(formulaTerms(formula), totals, forms) === 0;
      const numerator = termsTotal(formula.numerator, totals, forms);
      const denominator = termsTotal(formula.denominator, totals, forms);
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

function restrict(totals: VersionedTotals, keep: readonly number[]): VersionedTotals {
  const byVersion: Record<number, FieldTotals> = {};
  const reports: Record<number, number> = {};
  for (const v of keep) {
    if (totals.byVersion[v]) byVersion[v] = totals.byVersion[v];
    if (totals.reports[v] !== undefined) reports[v] = totals.reports[v];
  }
  return { byVersion, reports };
}

/**
 * The definitions a figure rests on: each one whose versions were in force
 * in some month of the period or were read by a counted report (a period
 * before any version 2 names the proxy only), with its own terms.
 */
function definitionsUsed(def: IndicatorDef, totals: VersionedTotals, forms: FormCatalogue, range?: PeriodRange): DefinitionUsed[] {
  const relevant = new Set<number>();
  if (range) for (const month of monthsBetween(range.from, range.to)) relevant.add(forms.forPeriod(month).version);
  for (const version of versionsOf(totals)) if ((totals.reports[version] ?? 0) > 0) relevant.add(version);
  const out: DefinitionUsed[] = [];
  for (const d of def.definitions ?? []) {
    const versions = [...relevant].filter((v) => versionMeets(forms, v, d.when)).sort((a, b) => a - b);
    if (versions.length === 0) continue;
    const own = restrict(totals, versions);
    const reports = totalReports(own);
    const e = evaluateFormula(def.formula, own, EMPTY_COUNTS, forms);
    out.push({
      label: d.label,
      versions,
      reports,
      numerator: e.numerator ?? e.value ?? 0,
      denominator: e.denominator ?? 1,
      value: reports === 0 ? null : e.value,
    });
  }
  return out;
}

/**
 * An indicator's value. National distance learning is added to the
 * indicators that take it (1-1) in the national figure only: it belongs to
 * no territory, atelier or group of ateliers. `range` names the definitions
 * of the versions in force in the period even when no report used them yet.
 */
export function evaluateIndicator(
  def: IndicatorDef,
  totals: VersionedTotals,
  options: { national: boolean; forms: FormCatalogue; distanceLearning?: DistanceLearningTotals; range?: PeriodRange },
): EvaluatedIndicator {
  const base = evaluateFormula(def.formula, totals, EMPTY_COUNTS, options.forms);
  const definitions = def.definitions ? { definitions: definitionsUsed(def, totals, options.forms, options.range) } : {};
  if (!(def.addsDistanceLearning && options.national) || def.formula.kind !== "sum") return { code: def.code, ...base, ...definitions };
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
    ...definitions,
  };
}

export function evaluateFigure(
  def: FigureDef,
  totals: VersionedTotals,
  counts: ReportingCounts,
  forms: FormCatalogue,
): Evaluated & { code: string } {
  return { code: def.code, ...evaluateFormula(def.formula, totals, counts, forms) };
}

/**
 * Definitions that do not fit the questionnaire: an unknown field, or a term
 * that aggregates a field otherwise than its kind says. A term for the
 * versions that have a field no version has yet counts nothing and is not
 * checked (1-5's fiche terms before version 2 is published). Empty when all is well.
 */
export function definitionProblems(defs: readonly (IndicatorDef | FigureDef)[], fields: readonly AggregatedField[]): string[] {
  const kinds = new Map(fields.map((f) => [f.code, f.aggregation]));
  const problems: string[] = [];
  for (const def of defs) {
    for (const term of formulaTerms(def.formula)) {
      if (term.when && "hasField" in term.when && !kinds.has(term.when.hasField)) continue;
      for (const field of term.fields) {
        const kind = kinds.get(field);
        if (!kind) problems.push(`${def.code} : champ inconnu ${field}`);
        else if (kind !== term.aggregation) problems.push(`${def.code} : ${field} est de type ${kind}, pas ${term.aggregation}`);
      }
    }
  }
  return problems;
}
