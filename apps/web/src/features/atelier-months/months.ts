/**
 * What the atelier's home page shows of each month, derived from the API's
 * rows and today's month (pure functions, no React).
 */
import type { TReportRow } from "@enquete/contract";
import { type ListedStatus, MONTHS_FR, parsePeriod } from "@enquete/domain";

export type MonthView = {
  period: string;
  year: number;
  /** "Novembre 2026". */
  label: string;
  status: ListedStatus;
  /** The month has begun: its report may be started (the API refuses a month to come). */
  begun: boolean;
  isCurrent: boolean;
  dueDate: string;
  late: boolean;
};

/** The report page of a month. */
export function reportPath(atelierCode: string, period: string): string {
  return `/ateliers/${encodeURIComponent(atelierCode)}/rapports/${period}`;
}

/** "novembre 2026" with its French preposition: "de novembre 2026", "d'octobre 2026". */
export function ofMonth(period: string): string {
  const p = parsePeriod(period);
  if (!p) return `de ${period}`;
  const name = MONTHS_FR[p.month - 1] ?? "";
  const elided = /^[aeiouyéèêâàôîû]/i.test(name);
  return `${elided ? "d'" : "de "}${name} ${p.year}`;
}

function monthTitle(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  const name = MONTHS_FR[p.month - 1] ?? "";
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${p.year}`;
}

export function toMonthViews(rows: readonly TReportRow[], currentPeriod: string): MonthView[] {
  return rows.map((row) => ({
    period: row.period,
    year: Number(row.period.slice(0, 4)),
    label: monthTitle(row.period),
    status: row.status,
    begun: row.period <= currentPeriod,
    isCurrent: row.period === currentPeriod,
    dueDate: row.dueDate,
    late: row.late && row.period <= currentPeriod,
  }));
}

/** Months of one year, in calendar order. */
export function monthsOfYear(months: readonly MonthView[], year: number): MonthView[] {
  return months.filter((m) => m.year === year).sort((a, b) => a.period.localeCompare(b.period));
}

/** Months whose report is overdue and still to be sent (returned ones have their own alert), most recent first. */
export function overdueMonths(months: readonly MonthView[]): MonthView[] {
  return months
    .filter((m) => m.begun && m.late && (m.status === "not_started" || m.status === "draft"))
    .sort((a, b) => b.period.localeCompare(a.period));
}

/**
 * Months before the current one that are still open but not yet late (the
 * previous month, between the 1st and its due date): worth a button too.
 */
export function dueSoonMonths(months: readonly MonthView[]): MonthView[] {
  return months
    .filter((m) => m.begun && !m.isCurrent && !m.late && (m.status === "not_started" || m.status === "draft"))
    .sort((a, b) => b.period.localeCompare(a.period));
}

/** "Commencer le rapport de …" for a report not started, "Continuer le rapport de …" for a draft or a returned one. */
export function actionLabel(month: MonthView): string {
  return `${month.status === "not_started" ? "Commencer" : "Continuer"} le rapport ${ofMonth(month.period)}`;
}
