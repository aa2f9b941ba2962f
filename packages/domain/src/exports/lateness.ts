/**
 * A report's lateness as the exports count it (domain page, section 4): late
 * when its first submission came after the due date, or when it is still not
 * submitted after it; a report returned and submitted again keeps the
 * lateness of its first submission. A month the atelier was not open is
 * never late unless a report of it was submitted all the same.
 */
import { dueDate } from "../calendar.ts";

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

export interface Lateness {
  dueDate: string;
  late: boolean;
  /** Days from the due date to the first submission (or to today while none): 0 when not late. */
  daysLate: number;
}

export function reportLateness(input: {
  period: string;
  today: string;
  dueDay: number;
  /** Paris day (YYYY-MM-DD) of the first submission, null while never submitted. */
  firstSubmittedOn: string | null;
  open: boolean;
}): Lateness {
  const due = dueDate(input.period, input.dueDay);
  const until = input.firstSubmittedOn ?? (input.open ? input.today : null);
  const days = until === null ? 0 : Math.max(0, dayNumber(until) - dayNumber(due));
  return { dueDate: due, late: days > 0, daysLate: days };
}
