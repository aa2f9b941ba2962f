/**
 * The atelier's months: one row per month of a range, with each report's
 * status, due date and lateness; and one report read in full (for the
 * territory's comment on a returned report).
 */
import type { TReport, TReportRow } from "@enquete/contract";
import { request } from "./http.ts";

export type MonthRange = { from?: string; to?: string };

/** GET /api/ateliers/{code}/reports[?from=YYYY-MM&to=YYYY-MM]: without a range, last year and this year. */
export function fetchAtelierMonths(atelierCode: string, range: MonthRange = {}, signal?: AbortSignal): Promise<TReportRow[]> {
  const params = new URLSearchParams();
  if (range.from) params.set("from", range.from);
  if (range.to) params.set("to", range.to);
  const search = params.size > 0 ? `?${params}` : "";
  return request<TReportRow[]>(`/ateliers/${encodeURIComponent(atelierCode)}/reports${search}`, { signal });
}

/** GET /api/reports/{atelier}/{period}: the report with its return comment and history. */
export function fetchAtelierReport(atelierCode: string, period: string, signal?: AbortSignal): Promise<TReport> {
  return request<TReport>(`/reports/${encodeURIComponent(atelierCode)}/${encodeURIComponent(period)}`, { signal });
}
