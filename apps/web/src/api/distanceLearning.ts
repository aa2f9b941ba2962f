/**
 * The national MOOC and M@gistère trainee-days: a year month by month, the
 * entry of one month, and the CSV import (preview, then apply).
 */
import type { TDistanceLearningImportResult, TDistanceLearningMonth, TSetDistanceLearningBody } from "@enquete/contract";
import { ApiError } from "./ApiError.ts";
import { request } from "./http.ts";

export { fetchDistanceLearning } from "./indicators.ts";

/** PUT /api/distance-learning/{period} (national): 422 for a month not started or a refused figure. */
export function saveDistanceLearningMonth(period: string, body: TSetDistanceLearningBody): Promise<TDistanceLearningMonth> {
  return request<TDistanceLearningMonth>(`/distance-learning/${encodeURIComponent(period)}`, { method: "PUT", body });
}

/**
 * POST /api/distance-learning/import?dryRun=1|0 with the file itself as the
 * body (text/csv). A preview with refused
 * lines is a 200; applying a file with refused lines is a 422 whose body
 * carries the same preview (ApiError.body.preview).
 */
export async function importDistanceLearningCsv(csv: string, dryRun: boolean): Promise<TDistanceLearningImportResult> {
  return await request<TDistanceLearningImportResult>(`/distance-learning/import?dryRun=${dryRun ? "1" : "0"}`, { method: "POST", csv });
}

/** The preview an apply refused with 422 carries, if any. */
export function refusedPreview(error: unknown): TDistanceLearningImportResult | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const preview = (error.body as { preview?: TDistanceLearningImportResult } | undefined)?.preview;
  return preview ?? null;
}
