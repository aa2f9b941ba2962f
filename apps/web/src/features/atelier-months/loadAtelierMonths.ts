import type { TReport, TReportEvent } from "@enquete/contract";
import { formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { fetchAtelierMonths, fetchAtelierReport } from "../../api/atelierMonths.ts";
import { type MonthView, toMonthViews } from "./months.ts";

export type ReturnedReport = {
  month: MonthView;
  comment: string | null;
  /** The return (by the territory) or the reopening (by the national team) that sent it back. */
  event: TReportEvent | null;
};

export type AtelierMonthsData = {
  currentPeriod: string;
  currentYear: number;
  months: MonthView[];
  returned: ReturnedReport[];
};

function lastSendBack(report: TReport): TReportEvent | null {
  const events = report.history.filter((e) => e.action === "return" || e.action === "reopen");
  return events.at(-1) ?? null;
}

/** The months of this year and last year, and the comment of each returned report. */
export async function loadAtelierMonths(atelierCode: string, signal: AbortSignal): Promise<AtelierMonthsData> {
  const today = parisDate();
  const current = periodOfDate(today);
  const rows = await fetchAtelierMonths(atelierCode, { from: `${current.year - 1}-01`, to: `${current.year}-12` }, signal);
  const currentPeriod = formatPeriod(current);
  const months = toMonthViews(rows, today);
  const sentBack = months.filter((m) => m.status === "returned").sort((a, b) => b.period.localeCompare(a.period));
  const returned = await Promise.all(
    sentBack.map(async (month) => {
      const report = await fetchAtelierReport(atelierCode, month.period, signal);
      return { month, comment: report.returnComment, event: lastSendBack(report) };
    }),
  );
  return { currentPeriod, currentYear: current.year, months, returned };
}
