/**
 * The periods an indicator is computed over: a calendar year, a school year
 * (September of YYYY to August of YYYY+1), or one of their quarters or months.
 */
import { addMonths, formatPeriod, MONTHS_FR, type Period, parsePeriod, periodLabel } from "../period.ts";

export const YEAR_TYPES = ["calendar", "school"] as const;
export type YearType = (typeof YEAR_TYPES)[number];

export interface RangeQuery {
  year: number;
  yearType?: YearType;
  /** One month of the year (YYYY-MM). */
  month?: string;
  /** One quarter of the year: 1–4; for a school year, 1 is September–November. */
  quarter?: number;
}

export interface PeriodRange {
  from: string;
  to: string;
}

export interface RangeProblem {
  field: string;
  message: string;
}

function firstMonth(year: number, yearType: YearType): Period {
  return { year, month: yearType === "school" ? 9 : 1 };
}

/** The twelve months of a calendar or school year, first to last. */
export function yearMonths(year: number, yearType: YearType = "calendar"): string[] {
  const start = firstMonth(year, yearType);
  return Array.from({ length: 12 }, (_, i) => formatPeriod(addMonths(start, i)));
}

export function yearRange(year: number, yearType: YearType = "calendar"): PeriodRange {
  const months = yearMonths(year, yearType);
  return { from: months[0] as string, to: months[11] as string };
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const start = parsePeriod(from);
  const end = parsePeriod(to);
  if (!start || !end) return [];
  const out: string[] = [];
  for (let p = start; formatPeriod(p) <= to; p = addMonths(p, 1)) out.push(formatPeriod(p));
  return out;
}

/** The range asked for, or the French reasons it cannot be computed. */
export function indicatorRange(q: RangeQuery): PeriodRange | { problems: RangeProblem[] } {
  const yearType = q.yearType ?? "calendar";
  const months = yearMonths(q.year, yearType);
  const yearName = yearType === "school" ? `l'année scolaire ${q.year}-${q.year + 1}` : `l'année ${q.year}`;
  if (q.month !== undefined && q.quarter !== undefined) {
    return { problems: [{ field: "quarter", message: "Choisissez un mois ou un trimestre, pas les deux." }] };
  }
  if (q.month !== undefined) {
    if (!months.includes(q.month)) {
      return { problems: [{ field: "month", message: `Le mois ${periodLabel(q.month)} n'appartient pas à ${yearName}.` }] };
    }
    return { from: q.month, to: q.month };
  }
  if (q.quarter !== undefined) {
    if (!Number.isInteger(q.quarter) || q.quarter < 1 || q.quarter > 4) {
      return { problems: [{ field: "quarter", message: "Le trimestre va de 1 à 4." }] };
    }
    const start = (q.quarter - 1) * 3;
    return { from: months[start] as string, to: months[start + 2] as string };
  }
  return { from: months[0] as string, to: months[11] as string };
}

/** The range in words: "année 2025", "année scolaire 2025-2026", "mars 2025", "septembre à novembre 2025". */
export function rangeLabel(range: PeriodRange, yearType: YearType = "calendar"): string {
  const from = parsePeriod(range.from);
  const to = parsePeriod(range.to);
  if (!from || !to) return `${range.from} – ${range.to}`;
  if (range.from === range.to) return periodLabel(range.from);
  if (from.month === 1 && to.month === 12 && from.year === to.year) return `année ${from.year}`;
  if (yearType === "school" && from.month === 9 && to.month === 8 && to.year === from.year + 1) {
    return `année scolaire ${from.year}-${to.year}`;
  }
  const start = from.year === to.year ? MONTHS_FR[from.month - 1] : periodLabel(range.from);
  return `${start} à ${periodLabel(range.to)}`;
}
