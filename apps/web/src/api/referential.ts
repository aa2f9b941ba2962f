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
import { request } from "./http.ts";

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

/**
 * POST /api/referential/import: the file is sent as it is, as text/csv. A refusal that carries the preview (422 on a refused
 * line) is kept whole in the ApiError's body.
 */
async function importReferential(csv: string, dryRun: boolean): Promise<TReferentialImportResult> {
  return await request<TReferentialImportResult>(`/referential/import?dryRun=${dryRun ? "1" : "0"}`, { method: "POST", csv });
}
