/**
 * The report's writes that carry the questionnaire version's news: a draft
 * save with its notes, and the move to a newer version. The shared client
 * (src/api/reports.ts) has the other calls; these two follow the same rules:
 * If-Match names the version typed on, and a 401 is left to the page, which
 * keeps what was typed and asks to sign in again.
 */
import type { TReportState, TSavedDraft } from "@enquete/contract";
import type { ReportValues } from "@enquete/domain";
import { request } from "../../../api/http.ts";
import type { ReportNotes } from "../form/formText.ts";

const reportPath = (atelier: string, period: string) => `/reports/${encodeURIComponent(atelier)}/${encodeURIComponent(period)}`;

const ifMatch = (version: number): Record<string, string> => (version > 0 ? { "if-match": `"${version}"` } : {});

export const draftApi = {
  /** The whole draft: every value, every note (a removed one as ""). The answer is what this save wrote. */
  save: (
    atelier: string,
    period: string,
    values: ReportValues,
    notes: ReportNotes,
    version: number,
    options: { keepalive?: boolean } = {},
  ) =>
    request<TSavedDraft>(reportPath(atelier, period), {
      method: "PUT",
      body: { values, notes },
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
};
