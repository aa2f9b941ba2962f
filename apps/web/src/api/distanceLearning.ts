/**
 * The national MOOC and M@gistère trainee-days: a year month by month, the
 * entry of one month, and the CSV import (preview, then apply).
 */
import type { TDistanceLearningImportResult, TDistanceLearningMonth, TSetDistanceLearningBody } from "@enquete/contract";
import { ApiError, isAbort, networkError } from "./ApiError.ts";
import { request, signalUnauthorized } from "./http.ts";

export { fetchDistanceLearning } from "./indicators.ts";

/** PUT /api/distance-learning/{period} (national): 422 for a month not started or a refused figure. */
export function saveDistanceLearningMonth(period: string, body: TSetDistanceLearningBody): Promise<TDistanceLearningMonth> {
  return request<TDistanceLearningMonth>(`/distance-learning/${encodeURIComponent(period)}`, { method: "PUT", body });
}

/**
 * POST /api/distance-learning/import?dryRun=1|0 with the file itself as the
 * body (text/csv): the JSON client sends JSON only. A preview with refused
 * lines is a 200; applying a file with refused lines is a 422 whose body
 * carries the same preview (ApiError.body.preview).
 */
export async function importDistanceLearningCsv(csv: string, dryRun: boolean): Promise<TDistanceLearningImportResult> {
  let response: Response;
  try {
    response = await fetch(`/api/distance-learning/import?dryRun=${dryRun ? "1" : "0"}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "text/csv; charset=utf-8" },
      body: csv,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as TDistanceLearningImportResult;
  if (response.status === 401) signalUnauthorized();
  const body = payload as { code?: unknown; message?: unknown } | undefined;
  if (body && typeof body.code === "string" && typeof body.message === "string") {
    throw new ApiError(response.status, payload as { code: string; message: string });
  }
  throw new ApiError(response.status, {
    code: "HTTP_ERROR",
    message: `Le serveur a renvoyé une erreur inattendue (code ${response.status}). Réessayez dans un instant.`,
  });
}

/** The preview an apply refused with 422 carries, if any. */
export function refusedPreview(error: unknown): TDistanceLearningImportResult | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const preview = (error.body as { preview?: TDistanceLearningImportResult } | undefined)?.preview;
  return preview ?? null;
}
