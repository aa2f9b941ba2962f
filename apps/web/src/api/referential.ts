/**
 * The administrators' routes of the dated referential (domain page, section
 * 7.3): territories created and renamed, ateliers opened, renamed, moved,
 * closed and given dated attributes, and the referential file imported.
 */
import type {
  TAtelierAttributesBody,
  TAtelierHistory,
  TCloseAtelierBody,
  TCreateTerritoryBody,
  TMoveAtelierBody,
  TMoveAtelierResult,
  TOpenAtelierBody,
  TReferentialImportResult,
  TRenameAtelierBody,
  TRenameTerritoryBody,
} from "@enquete/contract";
import { ApiError, isAbort, networkError } from "./ApiError.ts";
import { request, signalUnauthorized } from "./http.ts";

const atelierPath = (code: string) => `/ateliers/${encodeURIComponent(code)}`;

const patch = (path: string, body: unknown) => request<unknown>(path, { method: "PATCH", body });

export const referentialApi = {
  createTerritory: (body: TCreateTerritoryBody) => request<unknown>("/territories", { method: "POST", body }),

  renameTerritory: (code: string, body: TRenameTerritoryBody) => patch(`/territories/${encodeURIComponent(code)}`, body),

  openAtelier: (body: TOpenAtelierBody) => request<unknown>("/ateliers", { method: "POST", body }),

  history: (code: string, signal?: AbortSignal) => request<TAtelierHistory>(`${atelierPath(code)}/history`, { signal }),

  renameAtelier: (code: string, body: TRenameAtelierBody) => patch(atelierPath(code), body),

  /** The atelier belongs to the territory from that month; the answer says how many reports followed it. */
  moveAtelier: (code: string, body: TMoveAtelierBody) =>
    request<TMoveAtelierResult>(`${atelierPath(code)}/moves`, { method: "POST", body }),

  /** 409 while a report of that month or later is submitted or validated. */
  closeAtelier: (code: string, body: TCloseAtelierBody) => request<unknown>(`${atelierPath(code)}/closure`, { method: "POST", body }),

  cancelClosure: (code: string) => request<unknown>(`${atelierPath(code)}/closure`, { method: "DELETE" }),

  setAttributes: (code: string, body: TAtelierAttributesBody) =>
    request<unknown>(`${atelierPath(code)}/attributes`, { method: "PUT", body }),

  importFile: (csv: string, dryRun: boolean) => importReferential(csv, dryRun),
};

function hasErrorShape(value: unknown): value is { code: string; message: string } {
  return typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string";
}

/**
 * POST /api/referential/import: the file is sent as it is, as text/csv (the
 * JSON helper cannot). A refusal that carries the preview (422 on a refused
 * line) is kept whole in the ApiError's body.
 */
async function importReferential(csv: string, dryRun: boolean): Promise<TReferentialImportResult> {
  let response: Response;
  try {
    response = await fetch(`/api/referential/import?dryRun=${dryRun ? "1" : "0"}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "text/csv; charset=utf-8" },
      body: csv,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
  const payload: unknown = (response.headers.get("content-type") ?? "").includes("application/json")
    ? await response.json().catch(() => undefined)
    : undefined;
  if (response.ok) return payload as TReferentialImportResult;
  if (response.status === 401) signalUnauthorized();
  if (hasErrorShape(payload) && typeof (payload as { message?: unknown }).message === "string") {
    throw new ApiError(response.status, payload);
  }
  throw new ApiError(response.status, {
    code: "HTTP_ERROR",
    message: `Le serveur a renvoyé une erreur inattendue (code ${response.status}). Réessayez dans un instant.`,
  });
}
