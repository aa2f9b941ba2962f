/**
 * What the dashboard workbook shows, computed by the indicators' service,
 * once for the official figures (validated reports) and once for the
 * provisional ones (submitted and validated): the national indicators and
 * one sheet per territory (for national reach, both from one aggregation
 * with a territory breakdown, and the year before from one more with the
 * same breakdown), and the monthly totals (one more aggregation, by month).
 */
import type { TCompleteness, TIndicators, TIndicatorsQuery } from "@enquete/contract";
import {
  type AggregatedField,
  aggregatedFields,
  BASES,
  CONTRACT_INDICATORS,
  type ExportReach,
  type IndicatorBasis,
  type IndicatorScope,
  type PeriodRange,
  rangeLabel,
  type YearType,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { listMonths } from "../indicators/distance-learning/repository.ts";
import { allTargets } from "../indicators/repository.ts";
import { type IndicatorContext, indicatorsAnswer, rangeOf, targetInfo } from "../indicators/service.ts";

export type SheetIndicator = Omit<TIndicators["indicators"][number], "fiche">;

export interface ScopeSheet {
  /** The scope's full name, in the sheet's title row. */
  title: string;
  /** A territory's code: its short name where the full one does not fit a sheet name. */
  territoryCode?: string;
  basis: IndicatorBasis;
  national: boolean;
  indicators: SheetIndicator[];
  completeness: TCompleteness;
}

export interface MonthRow {
  period: string;
  completeness: TCompleteness;
  /** Field totals by code. */
  totals: Record<string, number | null>;
  distanceLearning?: { moocTraineeDays: number; magistereTraineeDays: number };
}

export interface MonthlySheet {
  /** The scope's full name ("" for the nation's). */
  title: string;
  territoryCode?: string;
  basis: IndicatorBasis;
  months: MonthRow[];
  year: MonthRow;
}

export interface DashboardData {
  /** Every numeric field of the published questionnaire versions: the monthly sheets' columns. */
  fields: AggregatedField[];
  year: number;
  yearType: YearType;
  periodLabel: string;
  /** The same months one year earlier ("année 2024"), null before 2016. */
  previousLabel: string | null;
  scopes: ScopeSheet[];
  monthly: MonthlySheet[];
}

function totalsOf(fields: readonly AggregatedField[], figures: { code: string; value: number | null }[]): Record<string, number | null> {
  return Object.fromEntries(fields.map((f) => [f.code, figures.find((x) => x.code === f.code)?.value ?? null]));
}

function monthly(
  fields: readonly AggregatedField[],
  scope: { title: string; territoryCode?: string },
  body: TIndicators,
  dl?: Map<string, MonthRow["distanceLearning"]>,
): MonthlySheet {
  return {
    ...scope,
    basis: body.basis,
    months: (body.breakdown?.groups ?? []).map((g) => ({
      period: g.key,
      completeness: g.completeness,
      totals: totalsOf(fields, g.figures),
      ...(dl ? { distanceLearning: dl.get(g.key) ?? { moocTraineeDays: 0, magistereTraineeDays: 0 } } : {}),
    })),
    year: {
      period: "",
      completeness: body.completeness,
      totals: totalsOf(fields, body.figures),
      ...(body.distanceLearning
        ? {
            distanceLearning: {
              moocTraineeDays: body.distanceLearning.moocTraineeDays,
              magistereTraineeDays: body.distanceLearning.magistereTraineeDays,
            },
          }
        : {}),
    },
  };
}

const withoutFiche = (body: TIndicators): SheetIndicator[] => body.indicators.map(({ fiche: _fiche, ...rest }) => rest);

export async function dashboardData(
  db: Db,
  reach: ExportReach,
  query: { year: number; yearType: YearType },
  context: IndicatorContext,
): Promise<DashboardData> {
  const range: PeriodRange = rangeOf(query);
  const data: DashboardData = {
    fields: aggregatedFields(context.forms),
    ...query,
    periodLabel: rangeLabel(range, query.yearType),
    previousLabel: null,
    scopes: [],
    monthly: [],
  };
  // Both bases at once (their aggregations run side by side); official sheets first, then provisional ones.
  const parts = await Promise.all(
    BASES.map(async (basis) => {
      const part: DashboardData = { ...data, scopes: [], monthly: [] };
      await addBasis(db, reach, query, context, basis, part);
      return part;
    }),
  );
  for (const part of parts) {
    data.previousLabel ??= part.previousLabel;
    data.scopes.push(...part.scopes);
    data.monthly.push(...part.monthly);
  }
  return data;
}

async function addBasis(
  db: Db,
  reach: ExportReach,
  query: { year: number; yearType: YearType },
  context: IndicatorContext,
  basis: IndicatorBasis,
  data: DashboardData,
) {
  const range: PeriodRange = rangeOf(query);
  const base = { year: query.year, yearType: query.yearType, basis } as const;
  // One catalogue for every sheet, so that their columns and figures agree.
  const { fields } = data;
  const ask = (scope: string, breakdown: TIndicatorsQuery["breakdown"], previousGroups = false) =>
    indicatorsAnswer(db, { ...base, scope, breakdown }, context, { previousGroups });
  const previousLabel = (body: TIndicators) => body.indicators.find((i) => i.previous)?.previous?.periodLabel ?? null;

  if (reach.all) {
    const [national, months, targets, dl] = await Promise.all([
      ask("national", "territory", true),
      ask("national", "month"),
      allTargets(db),
      listMonths(db, range.from, range.to),
    ]);
    data.previousLabel ??= previousLabel(national.body);
    data.scopes.push({
      title: "Réseau Canopé (national)",
      basis,
      national: true,
      indicators: withoutFiche(national.body),
      completeness: national.body.completeness,
    });
    for (const group of national.body.breakdown?.groups ?? []) {
      const scope: IndicatorScope = { kind: "territory", code: group.key };
      const previous = national.previousGroups?.get(group.key);
      data.scopes.push({
        title: group.label,
        territoryCode: group.key,
        basis,
        national: false,
        completeness: group.completeness,
        indicators: CONTRACT_INDICATORS.map((def, i) => {
          const value = group.indicators[i] ?? { code: def.code, value: null };
          return {
            ...value,
            label: def.label,
            unit: def.unit,
            ...targetInfo(def, scope, targets, { ...query, range }, value.value),
            previous: previous?.[i] ?? null,
          };
        }),
      });
    }
    const dlByMonth = new Map(
      dl.map((m) => [m.period, { moocTraineeDays: m.moocTraineeDays, magistereTraineeDays: m.magistereTraineeDays }]),
    );
    data.monthly.push(monthly(fields, { title: "" }, months.body, dlByMonth));
    return;
  }
  for (const territory of reach.territories) {
    const { body } = await ask(`territory:${territory}`, "month");
    data.previousLabel ??= previousLabel(body);
    data.scopes.push({
      title: body.scopeLabel,
      territoryCode: territory,
      basis,
      national: false,
      indicators: withoutFiche(body),
      completeness: body.completeness,
    });
    data.monthly.push(monthly(fields, { title: body.scopeLabel, territoryCode: territory }, body));
  }
}
