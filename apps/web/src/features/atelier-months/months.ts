/**
 * What the atelier's home page shows of each month, derived from the API's
 * rows and today's month (pure functions, no React).
 */
import type { TReportRow } from "@enquete/contract";
import { isMonthOver, type ListedStatus, MONTHS_FR, ofPeriod, parsePeriod, periodTitle, withDe } from "@enquete/domain";

export type MonthView = {
  period: string;
  year: number;
  /** "Novembre 2026". */
  label: string;
  status: ListedStatus;
  /** The month has begun: its report may be started (the API refuses a month to come). */
  begun: boolean;
  isCurrent: boolean;
  /** The month is over (from its last day): its report may be submitted, and is expected if the atelier is open. */
  over: boolean;
  /** The atelier is open that month; a month it is not open is never missing. */
  open: boolean;
  expected: boolean;
  /** The first day the report may be submitted (the month's last day). */
  submittableFrom: string;
  dueDate: string;
  late: boolean;
  /** How it stands against its deadline, as the API words it for every screen. */
  timeliness: TReportRow["timeliness"];
};

/** The report page of a month. */
export function reportPath(atelierCode: string, period: string): string {
  return `/ateliers/${encodeURIComponent(atelierCode)}/rapports/${period}`;
}

/** "novembre 2026" with its French preposition: "de novembre 2026", "d'octobre 2026". */
export const ofMonth = ofPeriod;

const monthTitle = periodTitle;

export function toMonthViews(rows: readonly TReportRow[], today: string): MonthView[] {
  const currentPeriod = today.slice(0, 7);
  return rows.map((row) => ({
    period: row.period,
    year: Number(row.period.slice(0, 4)),
    label: monthTitle(row.period),
    status: row.status,
    begun: row.period <= currentPeriod,
    isCurrent: row.period === currentPeriod,
    over: isMonthOver(row.period, today),
    open: row.open,
    expected: row.expected,
    submittableFrom: row.submittableFrom,
    dueDate: row.dueDate,
    late: row.late && row.period <= currentPeriod,
    timeliness: row.timeliness,
  }));
}

const TO_SUBMIT: readonly ListedStatus[] = ["not_started", "draft", "returned"];

/**
 * The home's primary action: the oldest report that is due, that is, of a
 * month over, the atelier open, and not submitted (or returned); never a month
 * that is not over (section 4).
 */
export function primaryMonth(months: readonly MonthView[]): MonthView | null {
  const due = months.filter((m) => m.over && m.open && TO_SUBMIT.includes(m.status)).sort((a, b) => a.period.localeCompare(b.period));
  return due[0] ?? null;
}

/** The current month while it is not over: its figures may be noted as a draft, as the month goes. */
export function draftMonth(months: readonly MonthView[]): MonthView | null {
  return months.find((m) => m.isCurrent && !m.over && m.open && (m.status === "not_started" || m.status === "draft")) ?? null;
}

/** "Noter les chiffres de décembre (brouillon)". */
export function draftLabel(month: MonthView): string {
  const p = parsePeriod(month.period);
  const name = p ? (MONTHS_FR[p.month - 1] ?? "") : month.period;
  return `Noter les chiffres ${withDe(name)} (brouillon)`;
}

/** Months of one year, in calendar order. */
export function monthsOfYear(months: readonly MonthView[], year: number): MonthView[] {
  return months.filter((m) => m.year === year).sort((a, b) => a.period.localeCompare(b.period));
}

/**
 * Months whose report is expected, past its due date and still not submitted
 * (returned ones have their own alert), most recent first.
 */
export function overdueMonths(months: readonly MonthView[]): MonthView[] {
  return months
    .filter((m) => m.expected && m.late && (m.status === "not_started" || m.status === "draft"))
    .sort((a, b) => b.period.localeCompare(a.period));
}

/** "Commencer le rapport de …" for a report not started, "Continuer …" for a draft, "Corriger …" for a returned one. */
export function actionLabel(month: MonthView): string {
  const verb = month.status === "not_started" ? "Commencer" : month.status === "returned" ? "Corriger" : "Continuer";
  return `${verb} le rapport ${ofMonth(month.period)}`;
}
