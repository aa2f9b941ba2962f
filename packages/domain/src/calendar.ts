/**
 * The reporting calendar (domain page, section 4): a month may be started
 * (saved as a draft) from its first day, submitted once it is over (from its
 * last day), and is due on the Nth day of the next month (a setting, 10 by
 * default).
 */
import { frenchDayNumber } from "./french-dates.ts";
import { addMonths, firstDay, formatPeriod, MONTHS_FR, type Period, parsePeriod, periodOfDate } from "./period.ts";
import type { ListedStatus } from "./workflow.ts";

export const DEFAULT_DUE_DAY = 10;

/** A calendar day (`YYYY-MM-DD`) moved by `n` days (negative: back); no time zone involved. */
export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + n);
  return new Date(t).toISOString().slice(0, 10);
}

export function hasStarted(period: string, today: string): boolean {
  const p = parsePeriod(period);
  return p !== null && firstDay(p) <= today;
}

export function dueDate(period: string, dueDay = DEFAULT_DUE_DAY): string {
  const p = parsePeriod(period) as Period;
  const next = addMonths(p, 1);
  return `${formatPeriod(next)}-${String(dueDay).padStart(2, "0")}`;
}

/**
 * Late: not submitted by the due date (submitted after it, or still not
 * submitted after it). `submittedOn` is the Paris day of the first submission.
 */
export function isLate(period: string, today: string, submittedOn: string | null, dueDay = DEFAULT_DUE_DAY): boolean {
  const due = dueDate(period, dueDay);
  if (submittedOn) return submittedOn > due;
  return today > due;
}

/** The last day of the period, `YYYY-MM-DD` (28, 29, 30 or 31). */
export function lastDayOf(period: string): string {
  const p = parsePeriod(period) as Period;
  const days = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return `${period}-${String(days).padStart(2, "0")}`;
}

/**
 * A month is over from its last day (domain page, section 4): its report may
 * then be submitted, and it is expected from every atelier open that month.
 */
export function isMonthOver(period: string, today: string): boolean {
  return parsePeriod(period) !== null && today >= lastDayOf(period);
}

/**
 * The first month that is not over on `today`: every month before it is over
 * (its reports are expected), it and the later ones are not. On the last day
 * of a month, that is the next month.
 */
export function firstMonthNotOver(today: string): string {
  const current = periodOfDate(today);
  const period = formatPeriod(current);
  return isMonthOver(period, today) ? formatPeriod(addMonths(current, 1)) : period;
}

/**
 * Whether an atelier is open in a month: from its opening month (`openedOn`,
 * a first day) to the month before its closing one (`closedOn`, the first
 * day of the first closed month, exclusive; null while it is open).
 */
export function isOpenIn(period: string, atelier: { openedOn: string; closedOn: string | null }): boolean {
  const first = `${period}-01`;
  return atelier.openedOn.slice(0, 10) <= first && (atelier.closedOn === null || first < atelier.closedOn.slice(0, 10));
}

/** A month's report is expected once the month is over, for the months the atelier is open (section 4). */
export function isExpected(period: string, today: string, atelier: { openedOn: string; closedOn: string | null }): boolean {
  return isOpenIn(period, atelier) && isMonthOver(period, today);
}

/** "8 décembre", "1er janvier" (with `withYear`, "31 décembre 2026"): a day as deadlines are written. */
export function dayInFrench(day: string, withYear = false): string {
  const [year, month, date] = day.slice(0, 10).split("-").map(Number);
  const name = MONTHS_FR[(month ?? 1) - 1] ?? "";
  const d = frenchDayNumber(date ?? 1);
  return withYear ? `${d} ${name} ${year}` : `${d} ${name}`;
}

/**
 * How a month's report stands against its deadline, as every screen words it
 * (the atelier's home, the report's header, the territory's queue). The
 * lateness is that of the first submission (`late` in the API); the wording
 * also says when a returned report is past its due date, so that a report
 * returned weeks after the deadline never reads "in time".
 */
export type TimelinessKind =
  | "not_expected"
  | "to_come"
  | "due"
  | "overdue"
  | "on_time"
  | "submitted_late"
  | "returned_due"
  | "returned_overdue"
  | "returned_late";

export interface TimelinessInput {
  period: string;
  today: string;
  dueDay: number;
  status: ListedStatus;
  /** The atelier is open that month (else nothing is expected). */
  open: boolean;
  /** Paris days (YYYY-MM-DD) of the first and the latest submission, and of the latest return or reopening. */
  firstSubmittedOn: string | null;
  lastSubmittedOn: string | null;
  returnedOn: string | null;
}

export function timeliness(input: TimelinessInput): { kind: TimelinessKind; label: string } {
  const { period, today, status, firstSubmittedOn } = input;
  const due = dueDate(period, input.dueDay);
  const dueText = dayInFrench(due);
  // Nothing is expected of a month the atelier is not open, unless a report of it was sent all the same.
  if (!input.open && status !== "submitted" && status !== "validated") {
    return { kind: "not_expected", label: "Non attendu : atelier fermé ce mois-là" };
  }
  if (!hasStarted(period, today)) return { kind: "to_come", label: "À venir" };
  const pastDue = today > due;
  const first = firstSubmittedOn
    ? firstSubmittedOn > due
      ? { late: true, text: `soumis en retard le ${dayInFrench(firstSubmittedOn)}` }
      : { late: false, text: `soumis à temps le ${dayInFrench(firstSubmittedOn)}` }
    : null;
  if (status === "submitted" || status === "validated") {
    if (!first) return pastDue ? { kind: "submitted_late", label: "Soumis en retard" } : { kind: "on_time", label: "Soumis à temps" };
    const again =
      input.lastSubmittedOn && input.lastSubmittedOn !== firstSubmittedOn
        ? ` (soumis à nouveau le ${dayInFrench(input.lastSubmittedOn)})`
        : "";
    const label = `${first.text.charAt(0).toUpperCase()}${first.text.slice(1)}${again}`;
    return { kind: first.late ? "submitted_late" : "on_time", label };
  }
  if (status === "returned" && first) {
    const returned = input.returnedOn ? `Renvoyé le ${dayInFrench(input.returnedOn)}` : "Renvoyé";
    if (first.late) return { kind: "returned_late", label: `${returned} (${first.text})` };
    if (pastDue) return { kind: "returned_overdue", label: `${returned}, échéance dépassée (${first.text})` };
    return { kind: "returned_due", label: `${returned}, à rendre au plus tard le ${dueText} (${first.text})` };
  }
  if (pastDue) return { kind: "overdue", label: `En retard (dû le ${dueText})` };
  return { kind: "due", label: `À rendre au plus tard le ${dueText}` };
}
