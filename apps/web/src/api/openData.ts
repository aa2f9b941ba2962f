/**
 * The open data of the closed years: read by anyone, signed in or not. A
 * refusal never sends the reader to the sign-in page: nothing here needs a
 * session. The files are plain links (no session, nothing to refuse).
 */
import type { TOpenDataIndicators } from "@enquete/contract";
import { request } from "./http.ts";

export const OPEN_DATA_CSV_URL = "/api/open-data/indicators.csv";
export const OPEN_DATA_JSON_URL = "/api/open-data/indicators.json";
export const OPEN_DATA_SCHEMA_URL = "/api/open-data/schema.json";

/** GET /api/open-data/indicators.json: every row of every closed year (empty before the first closing). */
export function fetchOpenData(signal?: AbortSignal): Promise<TOpenDataIndicators> {
  return request<TOpenDataIndicators>("/open-data/indicators.json", { signal, redirectOnUnauthorized: false });
}
