import { ApiError, isAbort, networkError } from "./ApiError.ts";

type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** A file sent as it is, as text/csv (the imports), instead of a JSON body. */
  csv?: string;
  signal?: AbortSignal;
  /** Extra request headers (If-Match for optimistic versions). */
  headers?: Record<string, string>;
  /** Lets the request outlive the page (a last save when the tab closes). */
  keepalive?: boolean;
  /** false: a 401 is the caller's business (sign-in, the session probe), not a reason to leave the page. */
  redirectOnUnauthorized?: boolean;
};

let onUnauthorized: (() => void) | null = null;

/** Tells the app the session has expired, as a 401 would: it sends the person to sign in, then back here. */
export function signalUnauthorized(): void {
  onUnauthorized?.();
}

/** Registers what to do when the session has expired during a call (the app sends people to sign in again). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function isApiErrorBody(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) return undefined;
  try {
    return await response.json();
  } catch (error) {
    // A request cancelled while its body arrives is cancelled, not an empty success: a page that
    // moved on (a new search typed) would otherwise receive `undefined` as its data.
    if (isAbort(error)) throw error;
    return undefined;
  }
}

/** One call to the JSON API, same origin, with the session cookie. Throws ApiError on any failure. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, csv, signal, headers = {}, keepalive, redirectOnUnauthorized = true } = options;
  const contentType = csv !== undefined ? "text/csv; charset=utf-8" : body !== undefined ? "application/json" : undefined;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(contentType ? { "content-type": contentType } : {}),
        ...headers,
      },
      body: csv ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal,
      ...(keepalive ? { keepalive } : {}),
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }

  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);
  if (response.ok) return payload as T;

  if (response.status === 401 && redirectOnUnauthorized) onUnauthorized?.();
  throw failure(response, payload);
}

/**
 * A file of the API (an export), fetched rather than followed as a link so
 * that a refusal (too many calculations at once, an expired session) reaches
 * the page in French instead of ending as a failed download. `url` is the
 * address a link would point to.
 */
export async function requestFile(url: string, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string | null }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
  if (response.ok) return { blob: await response.blob(), fileName: fileNameOf(response.headers.get("content-disposition")) };
  const payload = await readJson(response);
  if (response.status === 401) onUnauthorized?.();
  throw failure(response, payload);
}

/** The name a Content-Disposition gives, its UTF-8 form (filename*) first. */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8.trim());
    } catch {
      // A malformed encoding: fall back on the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}

function failure(response: Response, payload: unknown): ApiError {
  if (isApiErrorBody(payload)) return new ApiError(response.status, payload);
  return new ApiError(response.status, withoutBody(response));
}

/**
 * An error answered without the API's JSON body (a reverse proxy's page, say),
 * in French all the same; a 429 says how long to wait, as the API's own do.
 */
function withoutBody(response: Response): { code: string; message: string } {
  if (response.status === 429) {
    const wait = Number(response.headers.get("retry-after"));
    const when = Number.isInteger(wait) && wait > 0 ? `patientez ${wait} seconde${wait > 1 ? "s" : ""}` : "patientez un instant";
    return { code: "TOO_MANY_REQUESTS", message: `Trop de demandes en peu de temps : ${when}, puis réessayez.` };
  }
  return {
    code: "HTTP_ERROR",
    message: `Le serveur a renvoyé une erreur inattendue (code ${response.status}). Réessayez dans un instant.`,
  };
}
