/** The contract's yearly targets and reference values (national; read by every role the API lets read them). */
import type { TTarget } from "@enquete/contract";
import { request } from "./http.ts";

/** GET /api/targets: every target and reference value, by indicator then year. */
export function fetchTargets(signal?: AbortSignal): Promise<TTarget[]> {
  return request<TTarget[]>("/targets", { signal });
}

/**
 * PUT /api/targets/{indicator}/{year} (national). A row keeps its kind (target
 * or reference value); a new year is a target. 422 with a French message on
 * the field `value` for a refused value.
 */
export function saveTarget(indicator: string, year: number, value: number | null): Promise<TTarget> {
  return request<TTarget>(`/targets/${encodeURIComponent(indicator)}/${year}`, { method: "PUT", body: { value } });
}
