/**
 * What the review queue shows: every report waiting for review in the
 * territory, all months together, oldest month first, the month as a filter
 * kept in the address (pure functions, no React).
 */
import type { TReportRow, TReviewQueue } from "@enquete/contract";
import { MONTHS_FR, parsePeriod, periodTitle, withDe } from "@enquete/domain";
import { plural } from "../../shared/format.ts";

export const MONTH_PARAM = "mois";

export type QueueRow = TReportRow & { atelierName: string };
export type QueueData = { total: number; months: TReviewQueue["months"]; rows: QueueRow[] };

/** A report of the queue, across months: its atelier and its month. */
export const rowKey = (row: { atelierCode: string; period: string }) => `${row.atelierCode}/${row.period}`;

/** "Octobre 2026". */
export const monthTitle = periodTitle;

/** The month of the address when reports of it wait; otherwise every month (null). */
export function queueMonth(param: string | null, months: TReviewQueue["months"]): string | null {
  return param && months.some((m) => m.period === param) ? param : null;
}

/** "juillet", or "juillet 2026" when the year must be said. */
function monthName(period: string, withYear: boolean): string {
  const p = parsePeriod(period);
  if (!p) return period;
  const name = MONTHS_FR[p.month - 1] ?? "";
  return withYear ? `${name} ${p.year}` : name;
}

/**
 * "7 rapports à examiner, de juillet à septembre 2026", "1 rapport à examiner,
 * de novembre 2026", "3 rapports à examiner, de décembre 2025 à février 2026",
 * "Aucun rapport à examiner".
 */
export function queueSummary(total: number, months: TReviewQueue["months"]): string {
  if (total === 0 || months.length === 0) return "Aucun rapport à examiner";
  const first = months[0]?.period ?? "";
  const last = months[months.length - 1]?.period ?? "";
  const what = `${plural(total, "rapport")} à examiner`;
  if (first === last) return `${what}, ${withDe(monthName(first, true))}`;
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  return `${what}, ${withDe(monthName(first, !sameYear))} à ${monthName(last, true)}`;
}
