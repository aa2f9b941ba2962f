/**
 * The administrative journal (GET /api/audit): who did what, when, with the
 * state before and after.
 */
import type { TAuditPage, TAuditQuery } from "@enquete/contract";
import { request } from "./http.ts";

export type AuditQuery = Partial<TAuditQuery>;

export function fetchAudit(query: AuditQuery, signal?: AbortSignal): Promise<TAuditPage> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return request<TAuditPage>(`/audit${text ? `?${text}` : ""}`, { signal });
}
