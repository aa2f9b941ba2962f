/**
 * The indicators of the contract and the dashboard's figures for a scope and
 * a year, the national distance learning of a year, and the addresses of the
 * two exports (plain downloads: the browser saves the file the API names).
 */
import type { TDistanceLearningYear, TIndicators } from "@enquete/contract";
import type { Breakdown, IndicatorBasis, YearType } from "@enquete/domain";
import { request } from "./http.ts";

export type IndicatorsQuery = {
  /** national, territory:{code} or atelier:{code}. */
  scope: string;
  year: number;
  yearType: YearType;
  basis: IndicatorBasis;
  breakdown?: Breakdown;
};

function search(params: Record<string, string | number | undefined>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out.set(key, String(value));
  return out.size > 0 ? `?${out}` : "";
}

/** GET /api/indicators: 403 outside the caller's scope, 404 for a territory or an atelier that does not exist. */
export function fetchIndicators(query: IndicatorsQuery, signal?: AbortSignal): Promise<TIndicators> {
  return request<TIndicators>(`/indicators${search(query)}`, { signal });
}

/** GET /api/distance-learning?year=YYYY (national, admin, viewer): the MOOC and M@gistère trainee-days of a calendar year, month by month. */
export function fetchDistanceLearning(year: number, signal?: AbortSignal): Promise<TDistanceLearningYear> {
  return request<TDistanceLearningYear>(`/distance-learning${search({ year })}`, { signal });
}

/** GET /api/exports/reports.csv: one row per report of the caller's scope. */
export function reportsCsvUrl(year: number, yearType: YearType): string {
  return `/api/exports/reports.csv${search({ year, yearType })}`;
}

/** GET /api/exports/indicators.xlsx: the year's dashboard workbook (official figures). */
export function indicatorsXlsxUrl(year: number, yearType: YearType): string {
  return `/api/exports/indicators.xlsx${search({ year, yearType })}`;
}
