/**
 * What the dashboard workbook shows, computed by the indicators' service:
 * the national indicators and one sheet per territory (for national reach,
 * both from one aggregation with a territory breakdown), and the monthly
 * totals (one more aggregation, by month). Official figures: validated reports.
 */
import type { TCompleteness, TIndicators, TIndicatorsQuery } from "@enquete/contract";
import {
  type AggregatedField,
  aggregatedFields,
  CONTRACT_INDICATORS,
  type ExportReach,
  type IndicatorScope,
  type PeriodRange,
  rangeLabel,
  type YearType,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { listMonths } from "../indicators/distance-learning/repository.ts";
import { allTargets } from "../indicators/repository.ts";
import { computeIndicators, type IndicatorContext, rangeOf, targetInfo } from "../indicators/service.ts";

export type SheetIndicator = Omit<TIndicators["indicators"][number], "fiche">;

export interface ScopeSheet {
  title: string;
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
  title: string;
  months: MonthRow[];
  year: MonthRow;
}

export interface DashboardData {
  /** Every numeric field of the published questionnaire versions: the monthly sheets' columns. */
  fields: AggregatedField[];
  year: number;
  yearType: YearType;
  periodLabel: string;
  scopes: ScopeSheet[];
  monthly: MonthlySheet[];
}

function totalsOf(fields: readonly AggregatedField[], figures: { code: string; value: number | null }[]): Record<string, number | null> {
  return Object.fromEntries(fields.map((f) => [f.code, figures.find((x) => x.code === f.code)?.value ?? null]));
}

function monthly(
  fields: readonly AggregatedField[],
  title: string,
  body: TIndicators,
  dl?: Map<string, MonthRow["distanceLearning"]>,
): MonthlySheet {
  return {
    title,
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
  const base = { year: query.year, yearType: query.yearType, basis: "official" } as const;
  // One catalogue for every sheet, so that their columns and figures agree.
  const { forms } = context;
  const fields = aggregatedFields(forms);
  const ask = (scope: string, breakdown: TIndicatorsQuery["breakdown"]) =>
    computeIndicators(db, { ...base, scope, breakdown }, { ...context, forms });
  const data: DashboardData = { fields, ...query, periodLabel: rangeLabel(range, query.yearType), scopes: [], monthly: [] };

  if (reach.all) {
    const [national, months, targets, dl] = await Promise.all([
      ask("national", "territory"),
      ask("national", "month"),
      allTargets(db),
      listMonths(db, range.from, range.to),
    ]);
    data.scopes.push({
      title: "Indicateurs nationaux",
      national: true,
      indicators: withoutFiche(national),
      completeness: national.completeness,
    });
    for (const group of national.breakdown?.groups ?? []) {
      const scope: IndicatorScope = { kind: "territory", code: group.key };
      data.scopes.push({
        title: group.label,
        national: false,
        completeness: group.completeness,
        indicators: CONTRACT_INDICATORS.map((def, i) => {
          const value = group.indicators[i] ?? { code: def.code, value: null };
          return { ...value, label: def.label, unit: def.unit, ...targetInfo(def, scope, targets, { ...query, range }, value.value) };
        }),
      });
    }
    const dlByMonth = new Map(
      dl.map((m) => [m.period, { moocTraineeDays: m.moocTraineeDays, magistereTraineeDays: m.magistereTraineeDays }]),
    );
    data.monthly.push(monthly(fields, "Totaux mensuels", months, dlByMonth));
    return data;
  }
  for (const territory of reach.territories) {
    const body = await ask(`territory:${territory}`, "month");
    data.scopes.push({ title: body.scopeLabel, national: false, indicators: withoutFiche(body), completeness: body.completeness });
    data.monthly.push(monthly(fields, `Totaux mensuels ${body.scopeLabel}`, body));
  }
  return data;
}
