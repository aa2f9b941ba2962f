/**
 * The monthly curve of an indicator over its year, from the API's breakdown
 * by month. A sum is cumulated month after month; a ratio of flows is the
 * ratio of the cumulated sums (never an average of monthly ratios); a ratio
 * of snapshots (staff at the end of the month) does not accumulate: each
 * month shows its own level. The target's trajectory is a straight line
 * from zero to the yearly target for a sum, the target itself for a share;
 * a count of people or actions stays whole on it (623 333, not 623 333,33).
 */
import { contractIndicator, round2, wholeIfCount, yearMonths } from "@enquete/domain";
import type { DashboardSettings } from "../settings.ts";
import type { BreakdownGroup } from "../types.ts";

export type SeriesKind = "sum" | "ratio" | "level";

export type MonthPoint = {
  period: string;
  /** The month's own value: a sum, or a share of that month alone. */
  month: number | null;
  /** Cumulated from the first month of the year (the month's level for a snapshot share). */
  cumulative: number | null;
  trajectory: number | null;
  included: number;
  expected: number;
  /** No report counted and no national figure added: the month has no data (which is not 0). */
  noData: boolean;
};

export type Series = { kind: SeriesKind; points: MonthPoint[] };

export function seriesKind(code: string): SeriesKind {
  const formula = contractIndicator(code)?.formula;
  if (!formula || formula.kind === "sum") return "sum";
  return formula.numerator.some((t) => t.aggregation === "snapshot") ? "level" : "ratio";
}

type Input = {
  code: string;
  settings: Pick<DashboardSettings, "year" | "yearType">;
  months: readonly BreakdownGroup[];
  target?: number;
  /** Added to a sum month by month (national distance learning of 1-1). */
  extra?: ReadonlyMap<string, number>;
};

function indicatorIn(group: BreakdownGroup | undefined, code: string) {
  return group?.indicators.find((i) => i.code === code);
}

export function buildSeries({ code, settings, months, target, extra }: Input): Series {
  const kind = seriesKind(code);
  const byPeriod = new Map(months.map((g) => [g.key, g]));
  const periods = yearMonths(settings.year, settings.yearType);
  const hasData = (p: string) => (byPeriod.get(p)?.completeness.included ?? 0) > 0 || (extra?.get(p) ?? 0) > 0;
  const last = periods.findLastIndex(hasData);

  let sum = 0;
  let numerator = 0;
  let denominator = 0;
  const points = periods.map((period, i): MonthPoint => {
    const group = byPeriod.get(period);
    const v = indicatorIn(group, code);
    const included = group?.completeness.included ?? 0;
    const expected = group?.completeness.expected ?? 0;
    const trajectory = target === undefined ? null : kind === "sum" ? wholeIfCount(code, round2((target * (i + 1)) / 12)) : target;
    const reached = i <= last;
    const noData = !hasData(period);
    if (kind === "sum") {
      const month = round2((v?.value ?? 0) + (extra?.get(period) ?? 0));
      sum = round2(sum + month);
      return { period, month: reached ? month : null, cumulative: reached ? sum : null, trajectory, included, expected, noData };
    }
    if (kind === "ratio") {
      numerator += v?.numerator ?? 0;
      denominator += v?.denominator ?? 0;
      const cumulative = reached && denominator > 0 ? round2((numerator / denominator) * 100) : null;
      return { period, month: reached ? (v?.value ?? null) : null, cumulative, trajectory, included, expected, noData };
    }
    const level = included > 0 ? (v?.value ?? null) : null;
    return { period, month: level, cumulative: level, trajectory, included, expected, noData };
  });
  return { kind, points };
}
