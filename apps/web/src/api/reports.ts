/**
 * The monthly report's routes: read, save the draft with its version (If-Match),
 * move it to a newer questionnaire version, submit; the territory's decisions (validate, return) and the national reopening.
 */
import type {
  TConflict,
  TReport,
  TReportHistoryPage,
  TReportState,
  TReviewBatchResult,
  TReviewQueue,
  TSavedDraft,
} from "@enquete/contract";
import type { ReportValues } from "@enquete/domain";
import { ApiError } from "./ApiError.ts";
import { request } from "./http.ts";

export type ConflictCurrent = TConflict["current"];

const reportPath = (atelier: string, period: string) => `/reports/${encodeURIComponent(atelier)}/${encodeURIComponent(period)}`;

/** If-Match carries the version the values were typed on; a report not yet created has none. */
const ifMatch = (version: number): Record<string, string> => (version > 0 ? { "if-match": `"${version}"` } : {});

export const reportsApi = {
  get: (atelier: string, period: string, signal?: AbortSignal) => request<TReport>(reportPath(atelier, period), { signal }),

  /**
   * Saves the whole draft: every value, every note (a removed one as ""), and the questionnaire
   * version they were typed on (409 FORM_VERSION_CHANGED when the report is on another one, even
   * before its first save); the answer is what this save wrote (its version, values and notes),
   * small. A 401 is left to the page: it keeps what was typed and asks to sign in again.
   */
  save: (
    atelier: string,
    period: string,
    draft: { values: ReportValues; notes: Record<string, string>; formVersion: number },
    version: number,
    options: { keepalive?: boolean } = {},
  ) =>
    request<TSavedDraft>(reportPath(atelier, period), {
      method: "PUT",
      body: draft,
      headers: ifMatch(version),
      keepalive: options.keepalive,
      redirectOnUnauthorized: false,
    }),

  /** Moves a draft (or a returned report) to the questionnaire version in force for its month; the answer is the report. */
  upgrade: (atelier: string, period: string, formVersion: number, version: number) =>
    request<TReportState>(`${reportPath(atelier, period)}/form-version`, {
      method: "POST",
      body: { formVersion },
      headers: ifMatch(version),
      redirectOnUnauthorized: false,
    }),

  /**
   * `reply`: the director's answer to the return comment (a returned report only; the API refuses it
   * otherwise, 422 on the field `reply`); an empty one is not sent.
   */
  submit: (atelier: string, period: string, justifications: Record<string, string>, version: number, reply?: string) =>
    request<TReportState>(`${reportPath(atelier, period)}/submit`, {
      method: "POST",
      body: reply?.trim() ? { justifications, reply: reply.trim() } : { justifications },
      headers: ifMatch(version),
      redirectOnUnauthorized: false,
    }),

  /** 409 with a French message when the status no longer allows it (validated meanwhile from another tab…). */
  validate: (atelier: string, period: string) => request<TReportState>(`${reportPath(atelier, period)}/validate`, { method: "POST" }),

  /** 422 with the French message on the field `comment` when it is empty or too long. */
  return: (atelier: string, period: string, comment: string) =>
    request<TReportState>(`${reportPath(atelier, period)}/return`, { method: "POST", body: { comment } }),

  /** National only; 422 on the field `reason`. The report comes back `returned`. */
  reopen: (atelier: string, period: string, reason: string) =>
    request<TReportState>(`${reportPath(atelier, period)}/reopen`, { method: "POST", body: { reason } }),

  /** A page of the report's history, the latest change first (loaded when the person opens it). */
  history: (atelier: string, period: string, page: number, pageSize: number, signal?: AbortSignal) =>
    request<TReportHistoryPage>(`${reportPath(atelier, period)}/history?page=${page}&pageSize=${pageSize}`, { signal }),
};

/** A 409 FORM_VERSION_CHANGED: the report is on another questionnaire version than the values sent. */
export function isFormVersionChanged(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.code === "FORM_VERSION_CHANGED";
}

/** The current version carried by a 409 VERSION_CONFLICT, or null for any other failure. */
export function conflictOf(error: unknown): ConflictCurrent | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== "VERSION_CONFLICT") return null;
  const current = (error.body as { current?: unknown } | undefined)?.current;
  if (typeof current !== "object" || current === null) return null;
  const c = current as Partial<ConflictCurrent>;
  if (typeof c.version !== "number" || typeof c.values !== "object" || c.values === null) return null;
  return {
    version: c.version,
    status: c.status ?? "draft",
    values: c.values,
    updatedBy: c.updatedBy ?? null,
    updatedAt: c.updatedAt ?? null,
  };
}

/** GET /api/review-queue[?territory=]: every report waiting for review in the scope, all months, oldest first, with the total. */
export function fetchReviewQueue(query: { territory?: string; period?: string }, signal?: AbortSignal): Promise<TReviewQueue> {
  const params = new URLSearchParams();
  if (query.territory) params.set("territory", query.territory);
  if (query.period) params.set("period", query.period);
  const search = params.size > 0 ? `?${params}` : "";
  return request<TReviewQueue>(`/review-queue${search}`, { signal });
}

/** POST /api/review-queue/validate: reports of one or several months, each in its own transaction; says which were refused and why. */
export function validateReports(items: readonly { atelierCode: string; period: string }[]): Promise<TReviewBatchResult> {
  return request<TReviewBatchResult>("/review-queue/validate", { method: "POST", body: { items } });
}
