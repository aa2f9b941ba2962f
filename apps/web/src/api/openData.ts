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

/**
 * GET /api/open-data/indicators.json: every row of every closed year (empty
 * before the first closing). The file may stay an hour in the browser's
 * cache; the page asks it to check with the server first (max-age=0: a 304
 * when nothing changed), so that a year closed since the last visit shows.
 */
export function fetchOpenData(signal?: AbortSignal): Promise<TOpenDataIndicators> {
  return request<TOpenDataIndicators>("/open-data/indicators.json", {
    signal,
    redirectOnUnauthorized: false,
    headers: { "cache-control": "max-age=0" },
  });
}
