/**
 * GET /api/indicators: the repository aggregates the reports in SQL, the
 * domain's definitions turn the totals into the contract indicators and the
 * dashboard's figures, with targets, baselines and completeness.
 */
import type { TCompleteness, TIndicators, TIndicatorsQuery } from "@enquete/contract";
import {
  aggregatedFields,
  atelierName,
  atelierScopeWithin,
  CONTRACT_INDICATORS,
  COUNTED_STATUSES,
  changeUnitOf,
  dashboardFigures,
  evaluateFigure,
  evaluateIndicator,
  type FormCatalogue,
  figureGroups,
  firstMonthNotOver,
  formatScope,
  type IndicatorDef,
  type IndicatorScope,
  indicatorRange,
  type PeriodRange,
  parisDate,
  parseScope,
  type RoleGrant,
  rangeLabel,
  reachedRate,
  showsTargets,
  type TargetRow,
  targetsOf,
  type YearType,
  yearBeforeRange,
  yearOnYearChange,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { type Aggregate, type AggregateRow, aggregate } from "./aggregation.ts";
import { breakdownGroups } from "./groups.ts";
import * as repo from "./repository.ts";

export function scopeOf(text: string): IndicatorScope {
  const scope = parseScope(text);
  if (!scope) throw new AppError("VALIDATION_FAILED", 422, "Périmètre invalide.", [{ field: "scope", message: "Périmètre invalide." }]);
  return scope;
}

export function rangeOf(query: { year: number; yearType?: "calendar" | "school"; month?: string; quarter?: number }): PeriodRange {
  const range = indicatorRange(query);
  if ("problems" in range) {
    throw new AppError(
      "VALIDATION_FAILED",
      422,
      "La requête contient des valeurs invalides : corrigez les champs signalés.",
      range.problems,
    );
  }
  return range;
}

const completenessOf = (row: AggregateRow): TCompleteness => ({ ...row.counts });

async function scopeLabel(db: Db, scope: IndicatorScope): Promise<string> {
  if (scope.kind === "national") return "Réseau Canopé (national)";
  if (scope.kind === "territory") return (await repo.territoryNames(db)).get(scope.code) ?? scope.code;
  const city = (await repo.atelierCities(db, [scope.code])).get(scope.code);
  return city ? atelierName(scope.code, city) : scope.code;
}

export interface IndicatorContext {
  dueDay: number;
  /** The published questionnaire versions (the national settings' cached copy). */
  forms: FormCatalogue;
  /** Paris date: the months over on that day are expected (calendar.firstMonthNotOver). */
  today?: string;
  /** The caller's grants: an atelier read through a territorial role shows the months it was in that territory only. */
  grants?: readonly RoleGrant[];
}

async function load(
  db: Db,
  scope: IndicatorScope,
  range: PeriodRange,
  query: TIndicatorsQuery,
  context: IndicatorContext,
  forms: FormCatalogue,
) {
  const national = scope.kind === "national";
  const fields = aggregatedFields(forms);
  const within = scope.kind === "atelier" && context.grants ? atelierScopeWithin(context.grants, scope.code) : undefined;
  const [result, targets, distanceLearning, label] = await Promise.all([
    aggregate(db, {
      ...range,
      scope,
      counted: COUNTED_STATUSES[query.basis],
      ...(query.breakdown ? { breakdown: query.breakdown } : {}),
      notOverFrom: firstMonthNotOver(context.today ?? parisDate()),
      ...(within ? { within } : {}),
      dueDay: context.dueDay,
      fields,
    }),
    repo.allTargets(db),
    national ? repo.distanceLearningTotals(db, range.from, range.to) : Promise.resolve(undefined),
    scopeLabel(db, scope),
  ]);
  return { result, targets, distanceLearning, label };
}

/** The year before: the earlier range's totals, from one more aggregation (the monthly summary where it applies). */
interface YearBefore {
  range: PeriodRange;
  result: Aggregate;
  distanceLearning: { moocTraineeDays: number; magistereTraineeDays: number; months: number } | undefined;
}

async function loadYearBefore(
  db: Db,
  scope: IndicatorScope,
  range: PeriodRange,
  query: TIndicatorsQuery,
  context: IndicatorContext,
  fields: ReturnType<typeof aggregatedFields>,
  breakdown: TIndicatorsQuery["breakdown"],
): Promise<YearBefore | null> {
  const notOverFrom = firstMonthNotOver(context.today ?? parisDate());
  const earlier = yearBeforeRange(range, notOverFrom);
  if (!earlier) return null;
  const within = scope.kind === "atelier" && context.grants ? atelierScopeWithin(context.grants, scope.code) : undefined;
  const [result, distanceLearning] = await Promise.all([
    aggregate(db, {
      ...earlier,
      scope,
      counted: COUNTED_STATUSES[query.basis],
      ...(breakdown ? { breakdown } : {}),
      notOverFrom,
      ...(within ? { within } : {}),
      dueDay: context.dueDay,
      fields,
    }),
    scope.kind === "national" ? repo.distanceLearningTotals(db, earlier.from, earlier.to) : Promise.resolve(undefined),
  ]);
  return { range: earlier, result, distanceLearning };
}

export type PreviousValue = NonNullable<TIndicators["indicators"][number]["previous"]>;

/** Each contract indicator of the earlier totals beside the current value; the same definitions read each report by its own version. */
function previousValues(
  before: { range: PeriodRange; row: AggregateRow; distanceLearning?: YearBefore["distanceLearning"] },
  current: readonly { code: string; value: number | null }[],
  options: { national: boolean; forms: FormCatalogue; yearType: YearType },
): PreviousValue[] {
  const periodLabel = rangeLabel(before.range, options.yearType);
  const dl = before.distanceLearning;
  return CONTRACT_INDICATORS.map((def) => {
    const { value } = evaluateIndicator(def, before.row.totals, {
      national: options.national,
      forms: options.forms,
      range: before.range,
      ...(dl ? { distanceLearning: dl } : {}),
    });
    const now = current.find((c) => c.code === def.code)?.value ?? null;
    return {
      ...before.range,
      periodLabel,
      value,
      change: yearOnYearChange(def.unit, now, value),
      changeUnit: changeUnitOf(def.unit),
    };
  });
}

interface Loaded {
  forms: FormCatalogue;
  scope: IndicatorScope;
  range: PeriodRange;
  query: TIndicatorsQuery;
  result: Aggregate;
  targets: TargetRow[];
  distanceLearning: { moocTraineeDays: number; magistereTraineeDays: number; months: number } | undefined;
  label: string;
  yearBefore: YearBefore | null;
}

/**
 * The targets shown beside a value: set per calendar year, they show for a
 * calendar year, its quarters and months (the trajectory), and the rate
 * reached for the whole year only.
 */
export function targetInfo(
  def: IndicatorDef,
  scope: IndicatorScope,
  targets: readonly TargetRow[],
  period: { year: number; yearType: YearType; range: PeriodRange },
  value: number | null,
) {
  if (period.yearType !== "calendar" || !showsTargets(def, scope)) return {};
  const { target, baseline } = targetsOf(targets, def.code, period.year);
  const wholeYear = period.range.from === `${period.year}-01` && period.range.to === `${period.year}-12`;
  return {
    ...(target ? { target: target.value } : {}),
    ...(baseline ? { baseline: baseline.value, baselineYear: baseline.year } : {}),
    ...(target && wholeYear ? { reached: reachedRate(value, target.value) } : {}),
  };
}

function present(l: Loaded): TIndicators {
  const national = l.scope.kind === "national";
  const fields = aggregatedFields(l.forms);
  const figures = dashboardFigures(fields);
  const { totals, counts } = l.result.total;
  const dl = l.distanceLearning;
  const response: TIndicators = {
    scope: formatScope(l.scope),
    scopeLabel: l.label,
    year: l.query.year,
    yearType: l.query.yearType,
    from: l.range.from,
    to: l.range.to,
    periodLabel: rangeLabel(l.range, l.query.yearType),
    basis: l.query.basis,
    completeness: completenessOf(l.result.total),
    indicators: withPrevious(
      l,
      CONTRACT_INDICATORS.map((def) => {
        const value = evaluateIndicator(def, totals, { national, forms: l.forms, range: l.range, ...(dl ? { distanceLearning: dl } : {}) });
        const period = { year: l.query.year, yearType: l.query.yearType, range: l.range };
        return {
          ...value,
          label: def.label,
          unit: def.unit,
          ...targetInfo(def, l.scope, l.targets, period, value.value),
          fiche: def.fiche,
        };
      }),
    ),
    figures: figures.map((def) => ({
      ...evaluateFigure(def, totals, counts, l.forms),
      label: def.label,
      unit: def.unit,
      group: def.group,
    })),
    figureGroups: figureGroups(fields),
    ...(dl ? { distanceLearning: dl } : {}),
  };
  return response;
}

function withPrevious<T extends { code: string; value: number | null }>(
  l: Loaded,
  indicators: T[],
): (T & { previous: PreviousValue | null })[] {
  const before = l.yearBefore;
  const previous = before
    ? previousValues({ range: before.range, row: before.result.total, distanceLearning: before.distanceLearning }, indicators, {
        national: l.scope.kind === "national",
        forms: l.forms,
        yearType: l.query.yearType,
      })
    : null;
  return indicators.map((i, n) => ({ ...i, previous: previous?.[n] ?? null }));
}

export interface IndicatorsOptions {
  /**
   * Also the year before of each group of the breakdown (one aggregation of
   * the earlier period with the same breakdown instead of the summary): the
   * dashboard workbook's territory sheets. Not for a breakdown by month.
   */
  previousGroups?: boolean;
}

export interface IndicatorsAnswer {
  body: TIndicators;
  /** The year before of each group, by key, in CONTRACT_INDICATORS order (previousGroups only). */
  previousGroups?: Map<string, PreviousValue[]>;
}

/** The indicators of a scope and period beside the year before, from two aggregations of the reports, with the breakdown asked for. */
export async function indicatorsAnswer(
  db: Db,
  query: TIndicatorsQuery,
  context: IndicatorContext,
  options: IndicatorsOptions = {},
): Promise<IndicatorsAnswer> {
  const scope = scopeOf(query.scope);
  const range = rangeOf(query);
  const { forms } = context;
  const groupsBefore = options.previousGroups && query.breakdown && query.breakdown !== "month" ? query.breakdown : undefined;
  const [loadedNow, yearBefore] = await Promise.all([
    load(db, scope, range, query, context, forms),
    loadYearBefore(db, scope, range, query, context, aggregatedFields(forms), groupsBefore),
  ]);
  const loaded: Loaded = { forms, scope, range, query, ...loadedNow, yearBefore };
  const response = present(loaded);
  if (!query.breakdown) return { body: response };
  const breakdown = await breakdownGroups(db, query.breakdown, loaded.result.groups, forms);
  const body = { ...response, breakdown };
  if (!groupsBefore) return { body };
  const previousGroups = new Map<string, PreviousValue[]>();
  for (const group of breakdown.groups) {
    const row = yearBefore?.result.groups.get(group.key);
    if (!yearBefore) continue;
    const earlier = row ?? {
      totals: { byVersion: {}, reports: {} },
      counts: { expected: 0, submitted: 0, validated: 0, onTime: 0, included: 0 },
    };
    previousGroups.set(
      group.key,
      previousValues({ range: yearBefore.range, row: earlier }, group.indicators, { national: false, forms, yearType: query.yearType }),
    );
  }
  return { body, previousGroups };
}

/** The indicators of a scope and period beside the year before, with the breakdown asked for. */
export async function computeIndicators(db: Db, query: TIndicatorsQuery, context: IndicatorContext): Promise<TIndicators> {
  return (await indicatorsAnswer(db, query, context)).body;
}
