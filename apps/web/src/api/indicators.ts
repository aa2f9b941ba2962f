/**
 * The indicators of the contract and the dashboard's figures for a scope and
 * a year, the national distance learning of a year, and the addresses of the
 * exports (plain downloads: the browser saves the file the API names).
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

/** The reports an export keeps: all, or those of the listed statuses (not_started: the expected reports that are missing). */
export type ReportsExportStatus = "all" | "validated" | "submitted,validated" | "not_started";

const statusParam = (status: ReportsExportStatus) => (status === "all" ? undefined : status);

/** GET /api/exports/reports.csv, for scripts: the columns named by their stable codes. */
export function reportsCsvUrl(year: number, yearType: YearType, status: ReportsExportStatus = "all"): string {
  return `/api/exports/reports.csv${search({ year, yearType, status: statusParam(status), headers: "codes" })}`;
}

/** GET /api/exports/reports.xlsx, for people: the same columns, typed, with French headers. */
export function reportsXlsxUrl(year: number, yearType: YearType, status: ReportsExportStatus = "all"): string {
  return `/api/exports/reports.xlsx${search({ year, yearType, status: statusParam(status) })}`;
}

/** GET /api/exports/indicators.xlsx: the year's dashboard workbook (official and provisional figures, each beside the year before). */
export function indicatorsXlsxUrl(year: number, yearType: YearType): string {
  return `/api/exports/indicators.xlsx${search({ year, yearType })}`;
}
