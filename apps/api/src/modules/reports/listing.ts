/**
 * Lists of reports: a month across the caller's scope, and an atelier's months.
 * Months without a report are listed as `not_started`.
 */
import type { TListReportsQuery, TReportRow } from "@enquete/contract";
import { addMonths, dueDate, formatPeriod, hasStarted, isLate, parisDate, parsePeriod } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import type { Caller } from "../auth/service.ts";
import { assertCanRead } from "./access.ts";
import * as repo from "./repository.ts";
import type { ReportSettings } from "./service.ts";

function toRow(
  atelierCode: string,
  period: string,
  territoryCode: string | null,
  report: repo.ReportRecord | undefined,
  settings: ReportSettings,
  today: string,
): TReportRow {
  const submittedOn = report?.firstSubmittedAt ? parisDate(report.firstSubmittedAt) : null;
  return {
    atelierCode,
    period,
    territoryCode: report?.territoryCode ?? territoryCode,
    status: report?.status ?? "not_started",
    version: report?.version ?? 0,
    submittedAt: report?.submittedAt?.toISOString() ?? null,
    validatedAt: report?.validatedAt?.toISOString() ?? null,
    dueDate: dueDate(period, settings.dueDay),
    late: hasStarted(period, today) && isLate(period, today, submittedOn, settings.dueDay),
  };
}

/** One row per atelier of the caller's scope for a month. */
export async function listReports(db: Db, caller: Caller, query: TListReportsQuery, settings: ReportSettings): Promise<TReportRow[]> {
  const wide = caller.grants.some((g) => g.role === "national" || g.role === "admin");
  const scopeAteliers = caller.grants.flatMap((g) => (g.role === "atelier" ? [g.atelierCode] : []));
  const scopeTerritories = caller.grants.flatMap((g) => (g.role === "territory" ? [g.territoryCode] : []));
  let rows = await repo.ateliersOn(db, `${query.period}-01`, query.territory ? { territoryCodes: [query.territory] } : {});
  if (!wide) {
    rows = rows.filter(
      (r) => scopeAteliers.includes(r.atelierCode) || (r.territoryCode !== null && scopeTerritories.includes(r.territoryCode)),
    );
  }
  const reports = await repo.reportsOfPeriod(
    db,
    query.period,
    rows.map((r) => r.atelierCode),
  );
  const existing = new Map(reports.map((r) => [r.atelierCode, r]));
  const today = parisDate();
  return rows
    .map((r) => toRow(r.atelierCode, query.period, r.territoryCode, existing.get(r.atelierCode), settings, today))
    .filter((r) => !query.status || r.status === query.status);
}

/** An atelier's months between two periods (its home page). */
export async function atelierMonths(
  db: Db,
  caller: Caller,
  atelierCode: string,
  from: string,
  to: string,
  settings: ReportSettings,
): Promise<TReportRow[]> {
  await assertCanRead(db, caller, atelierCode, to);
  const found = new Map((await repo.reportsOfAtelier(db, atelierCode, from, to)).map((r) => [r.period, r]));
  const today = parisDate();
  const out: TReportRow[] = [];
  const start = parsePeriod(from);
  const end = parsePeriod(to);
  if (!start || !end) return out;
  for (let p = start; formatPeriod(p) <= formatPeriod(end); p = addMonths(p, 1)) {
    const period = formatPeriod(p);
    out.push(toRow(atelierCode, period, null, found.get(period), settings, today));
  }
  return out;
}
