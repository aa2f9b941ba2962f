/**
 * Which reports are expected, and how many of them came (domain page,
 * section 4), written small over a hand-made referential so that it can be
 * read, tested, and compared with the SQL: an atelier is expected for the
 * months it is open (from its opening month to the month before its
 * closing) once they are over, in the territory it belongs to that month.
 */
import { dueDate, firstMonthNotOver, isOpenIn } from "../calendar.ts";
import { addMonths, formatPeriod, parsePeriod } from "../period.ts";
import type { ReportFacts } from "./aggregate.ts";
import type { PeriodRange } from "./periods.ts";
import type { ReportingCounts } from "./types.ts";

/** An atelier over time: months as YYYY-MM; `closedFrom` is its first closed month; memberships end before `to` (exclusive). */
export interface AtelierTimeline {
  code: string;
  openFrom: string;
  closedFrom?: string | null;
  memberships: readonly { territoryCode: string; from: string; to?: string | null }[];
}

/** An atelier-month, with the territory the atelier belongs to that month. */
export interface AtelierMonth {
  atelierCode: string;
  period: string;
  territoryCode: string | null;
}

/** The calendar's rule (isOpenIn), on months. */
export function isOpen(atelier: AtelierTimeline, period: string): boolean {
  return isOpenIn(period, { openedOn: `${atelier.openFrom}-01`, closedOn: atelier.closedFrom ? `${atelier.closedFrom}-01` : null });
}

export function territoryIn(atelier: AtelierTimeline, period: string): string | null {
  return atelier.memberships.find((m) => m.from <= period && (!m.to || period < m.to))?.territoryCode ?? null;
}

function monthsOf(range: PeriodRange): string[] {
  const out: string[] = [];
  const end = parsePeriod(range.to);
  const start = parsePeriod(range.from);
  if (!start || !end) return out;
  for (let p = start; formatPeriod(p) <= range.to; p = addMonths(p, 1)) out.push(formatPeriod(p));
  return out;
}

/** The expected atelier-months of a range on `today`: open, and over. */
export function expectedMonths(ateliers: readonly AtelierTimeline[], range: PeriodRange, today: string): AtelierMonth[] {
  const notOver = firstMonthNotOver(today);
  const months = monthsOf(range).filter((m) => m < notOver);
  return ateliers.flatMap((a) =>
    months.filter((m) => isOpen(a, m)).map((m) => ({ atelierCode: a.code, period: m, territoryCode: territoryIn(a, m) })),
  );
}

/**
 * The completeness of a scope or group: expected atelier-months it includes,
 * and, among the reports of months over that it includes, the submitted (or
 * validated), the validated and those first submitted by the due date.
 */
export function reportingCounts(
  ateliers: readonly AtelierTimeline[],
  reports: readonly (ReportFacts & { firstSubmittedOn?: string | null })[],
  options: PeriodRange & { today: string; dueDay: number; include?: (x: AtelierMonth) => boolean },
): ReportingCounts {
  const include = options.include ?? (() => true);
  const notOver = firstMonthNotOver(options.today);
  const over = reports.filter((r) => r.period >= options.from && r.period <= options.to && r.period < notOver && include(r));
  return {
    expected: expectedMonths(ateliers, options, options.today).filter(include).length,
    submitted: over.filter((r) => r.status === "submitted" || r.status === "validated").length,
    validated: over.filter((r) => r.status === "validated").length,
    onTime: over.filter((r) => r.firstSubmittedOn && r.firstSubmittedOn <= dueDate(r.period, options.dueDay)).length,
  };
}
