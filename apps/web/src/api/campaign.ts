/**
 * The campaign follow-up: a month's reports across the caller's scope, batch
 * validation, the year's grid with its rates, and the national settings.
 */
import type { TBatchValidateBody, TBatchValidateResult, TCampaign, TListReportsQuery, TReportRow, TSettings } from "@enquete/contract";
import { request } from "./http.ts";

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.size > 0 ? `?${search}` : "";
}

/** GET /api/campaign?year=YYYY[&territory=]: a territorial director only ever gets their territory. */
export function fetchCampaign(year: number, territory: string | undefined, signal?: AbortSignal): Promise<TCampaign> {
  return request<TCampaign>(`/campaign${query({ year, territory })}`, { signal });
}

/** GET /api/reports?period=YYYY-MM[&territory=][&status=]: one row per atelier of the caller's scope that month. */
export function fetchMonthReports(params: TListReportsQuery, signal?: AbortSignal): Promise<TReportRow[]> {
  return request<TReportRow[]>(`/reports${query(params)}`, { signal });
}

/** POST /api/reports/validate-batch: each report in its own transaction; the answer says which were refused and why. */
export function validateBatch(body: TBatchValidateBody): Promise<TBatchValidateResult> {
  return request<TBatchValidateResult>("/reports/validate-batch", { method: "POST", body });
}

/** GET /api/settings: the due day in force and the closed years. */
export function fetchSettings(signal?: AbortSignal): Promise<TSettings> {
  return request<TSettings>("/settings", { signal });
}

/** PUT /api/settings/due-day (national). A value out of 1–28 is refused with a French message on the field `dueDay`. */
export function saveDueDay(dueDay: number | null): Promise<TSettings> {
  return request<TSettings>("/settings/due-day", { method: "PUT", body: { dueDay } });
}

/** POST /api/years/{year}/close (national): 422 while the year is not over, 409 when it is already closed. */
export function closeYear(year: number): Promise<TSettings> {
  return request<TSettings>(`/years/${encodeURIComponent(String(year))}/close`, { method: "POST" });
}
