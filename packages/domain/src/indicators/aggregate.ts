/**
 * Which reports count, and how their fields add up. The server aggregates in
 * SQL; this is the same rule written small, over a handful of reports, so
 * that it can be read, tested on hand-made cases, and compared with the SQL.
 */
import type { ReportValues } from "../questionnaire/types.ts";
import type { ReportStatus } from "../workflow.ts";
import { round2 } from "./evaluate.ts";
import type { AggregatedField } from "./figures.ts";
import type { PeriodRange } from "./periods.ts";
import type { VersionedTotals } from "./types.ts";

export const BASES = ["official", "provisional"] as const;
export type IndicatorBasis = (typeof BASES)[number];

/**
 * Official figures count validated reports only; provisional figures count
 * submitted and validated ones. A draft or a returned report never counts.
 */
export const COUNTED_STATUSES: Record<IndicatorBasis, readonly ReportStatus[]> = {
  official: ["validated"],
  provisional: ["submitted", "validated"],
};

export interface ReportFacts {
  atelierCode: string;
  period: string;
  /** The atelier's territory in the report's month. */
  territoryCode: string;
  status: ReportStatus;
  /** The questionnaire version the report was filled with. */
  formVersion: number;
  values: ReportValues;
}

const numberOf = (values: ReportValues, code: string) => {
  const v = values[code];
  return typeof v === "number" ? v : 0;
};

/**
 * Field totals of the reports that count, per questionnaire version: flow
 * fields summed over months and ateliers; snapshot fields taken from each
 * atelier's latest counted report of the period, then summed over ateliers,
 * under the version of that report.
 *
 * `include` says which reports belong to the scope or group (a territory:
 * the reports of that territory). Flows add the included reports. A
 * snapshot is found among ALL the counted reports of the period, whatever
 * their territory or group, and counts only where that latest report is
 * included: an atelier that moved counts once, in the territory of the
 * report that gives its value, so that territories add up to the nation.
 */
export function aggregateReports(
  reports: readonly ReportFacts[],
  fields: readonly AggregatedField[],
  options: PeriodRange & { basis: IndicatorBasis; include?: (r: ReportFacts) => boolean },
): VersionedTotals {
  const statuses = COUNTED_STATUSES[options.basis];
  const counted = reports.filter((r) => r.period >= options.from && r.period <= options.to && statuses.includes(r.status));
  const include = options.include ?? (() => true);
  const latest = new Map<string, ReportFacts>();
  for (const r of counted) {
    const seen = latest.get(r.atelierCode);
    if (!seen || seen.period < r.period) latest.set(r.atelierCode, r);
  }
  const flows = counted.filter(include);
  const snapshots = [...latest.values()].filter(include);
  const versions = [...new Set([...flows, ...snapshots].map((r) => r.formVersion))].sort((a, b) => a - b);
  const byVersion: Record<number, Record<string, number>> = {};
  const counts: Record<number, number> = {};
  for (const version of versions) {
    const totals: Record<string, number> = {};
    for (const f of fields) {
      const source = (f.aggregation === "flow" ? flows : snapshots).filter((r) => r.formVersion === version);
      totals[f.code] = round2(source.reduce((sum, r) => sum + numberOf(r.values, f.code), 0));
    }
    byVersion[version] = totals;
    counts[version] = flows.filter((r) => r.formVersion === version).length;
  }
  return { byVersion, reports: counts };
}

/** How many counted reports of the period a scope or group includes (none: its figures have no value). */
export function includedReports(
  reports: readonly ReportFacts[],
  options: PeriodRange & { basis: IndicatorBasis; include?: (r: ReportFacts) => boolean },
): number {
  const statuses = COUNTED_STATUSES[options.basis];
  const include = options.include ?? (() => true);
  return reports.filter((r) => r.period >= options.from && r.period <= options.to && statuses.includes(r.status) && include(r)).length;
}
