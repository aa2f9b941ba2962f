/**
 * Indicators are data, like the questionnaire: a formula over field codes,
 * a unit and the contract's "fiche". The server aggregates the fields in
 * SQL and these definitions turn the totals into figures.
 */

/** "%" values are percentages (12.5 means 12.5 %), targets of "%" indicators too. */
export type IndicatorUnit = "nombre" | "%";

/**
 * How a field's monthly values add up over a period (domain page, section 5):
 * flow: summed over months and ateliers; snapshot: each atelier's latest
 * value in the period, then summed over ateliers.
 */
export type Aggregation = "flow" | "snapshot";

/** A sum of questionnaire fields, all aggregated the same way. */
export interface Term {
  fields: readonly string[];
  aggregation: Aggregation;
  /**
   * Counts only the reports whose questionnaire version has (or lacks) a
   * field: an indicator whose definition changed with a version (1-5 counts
   * training days from version 2, trainee-days as its proxy before). Absent:
   * every report.
   */
  when?: VersionCondition;
}

/** Which reports a term counts, by what their questionnaire version has. */
export type VersionCondition = { hasField: string } | { lacksField: string };

/** One definition of an indicator whose formula depends on the version, named beside the figure. */
export interface IndicatorDefinition {
  when: VersionCondition;
  /** In French, for example « Selon la fiche : jours de formation (questionnaire version 2 et suivantes) ». */
  label: string;
}

/** The counts of expected and received reports behind every figure. */
export const REPORTING_COUNTS = ["expected", "submitted", "validated", "onTime"] as const;
export type ReportingCount = (typeof REPORTING_COUNTS)[number];

/**
 * sum: Σ terms. ratio: Σ numerator terms / Σ denominator terms × 100, a
 * ratio of sums and never an average of ratios. count and rate read the
 * reporting counts instead of the reports' values.
 */
export type Formula =
  | { kind: "sum"; terms: readonly Term[] }
  | { kind: "ratio"; numerator: readonly Term[]; denominator: readonly Term[] }
  | { kind: "count"; count: ReportingCount }
  | { kind: "rate"; numerator: ReportingCount; denominator: ReportingCount };

/** The contract's "fiche indicateur", in French, shown beside the figure. */
export interface Fiche {
  /** The indicator's title in the contract, word for word. */
  contractTitle: string;
  signification: string;
  perimetre: string;
  modeDeCalcul: string;
  source: string;
}

export interface IndicatorDef {
  code: string;
  label: string;
  unit: IndicatorUnit;
  formula: Extract<Formula, { kind: "sum" | "ratio" }>;
  /** The national MOOC and M@gistère trainee-days are added, in the national figure only (indicator 1-1). */
  addsDistanceLearning: boolean;
  /** When the formula depends on the questionnaire version: each definition, whose terms carry its `when`. */
  definitions?: readonly IndicatorDefinition[];
  fiche: Fiche;
}

export interface FigureGroup {
  code: string;
  label: string;
}

/** A figure of the dashboard beyond the six contract indicators. */
export interface FigureDef {
  code: string;
  label: string;
  unit: IndicatorUnit;
  group: string;
  formula: Formula;
}

/** Field totals of a scope and period: flow fields summed, snapshot fields latest per atelier then summed. */
export type FieldTotals = Readonly<Record<string, number>>;

/**
 * The field totals of a scope and period kept apart by questionnaire
 * version, so that a term can count only the versions its definition
 * applies to (1-5). A snapshot counts under the version of the report that
 * gives it (the atelier's latest counted report).
 */
export interface VersionedTotals {
  /** Version → totals of that version's counted reports. */
  byVersion: Readonly<Record<number, FieldTotals>>;
  /** Version → counted reports of that version (a scope with none has no value). */
  reports: Readonly<Record<number, number>>;
}

export type ReportingCounts = Readonly<Record<ReportingCount, number>>;

/** The national distance-learning trainee-days of the period. */
export interface DistanceLearningTotals {
  moocTraineeDays: number;
  magistereTraineeDays: number;
}
