/**
 * Lists of reports: a month across the caller's scope, an atelier's months,
 * and the territory's queue of reports waiting for review, every month
 * together. Months without a report are listed as `not_started`; each row
 * says whether the report is expected and how it stands against its deadline.
 */
import type { TListReportsQuery, TReportRow, TReviewQueue, TReviewQueueQuery } from "@enquete/contract";
import { addMonths, dueDate, formatPeriod, hasStarted, isLate, isOpenIn, parisDate, parsePeriod } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import type { Caller } from "../auth/service.ts";
import { assertCanRead } from "./access.ts";
import * as repo from "./repository.ts";
import { openingOf, type ReportSettings } from "./service.ts";
import { type Opening, rhythmOf } from "./state.ts";

function toRow(
  atelierCode: string,
  period: string,
  territoryCode: string | null,
  report: repo.ReportRecord | undefined,
  context: { settings: ReportSettings; today: string; opening: Opening; returnedAt: Date | null },
): TReportRow {
  const { settings, today } = context;
  const submittedOn = report?.firstSubmittedAt ? parisDate(report.firstSubmittedAt) : null;
  const status = report?.status ?? "not_started";
  return {
    atelierCode,
    period,
    territoryCode: report?.territoryCode ?? territoryCode,
    status,
    version: report?.version ?? 0,
    submittedAt: report?.submittedAt?.toISOString() ?? null,
    validatedAt: report?.validatedAt?.toISOString() ?? null,
    dueDate: dueDate(period, settings.dueDay),
    // A month the atelier is not open is never late (nothing is expected of it), unless a report of it was sent.
    late:
      hasStarted(period, today) &&
      isLate(period, today, submittedOn, settings.dueDay) &&
      (submittedOn !== null || isOpenIn(period, context.opening)),
    ...rhythmOf({
      period,
      today,
      dueDay: settings.dueDay,
      status,
      opening: context.opening,
      firstSubmittedAt: report?.firstSubmittedAt ?? null,
      submittedAt: report?.submittedAt ?? null,
      returnedAt: context.returnedAt,
    }),
  };
}

const isWide = (caller: Caller) => caller.grants.some((g) => g.role === "national" || g.role === "admin");
const territoriesOf = (caller: Caller) => caller.grants.flatMap((g) => (g.role === "territory" ? [g.territoryCode] : []));

/**
 * One row per atelier of the caller's scope for a month: the ateliers open
 * that month, and any other that has a report of it.
 */
export async function listReports(db: Db, caller: Caller, query: TListReportsQuery, settings: ReportSettings): Promise<TReportRow[]> {
  const scopeAteliers = caller.grants.flatMap((g) => (g.role === "atelier" ? [g.atelierCode] : []));
  const scopeTerritories = territoriesOf(caller);
  let rows = await repo.ateliersOn(db, `${query.period}-01`, query.territory ? { territoryCodes: [query.territory] } : {});
  if (!isWide(caller)) {
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
  const sentBack = await repo.lastSendBacks(
    db,
    reports.filter((r) => r.status === "returned").map((r) => r.id),
  );
  const today = parisDate();
  return rows
    .filter((r) => existing.has(r.atelierCode) || isOpenIn(query.period, r))
    .map((r) => {
      const report = existing.get(r.atelierCode);
      return toRow(r.atelierCode, query.period, r.territoryCode, report, {
        settings,
        today,
        opening: r,
        returnedAt: report ? (sentBack.get(report.id) ?? null) : null,
      });
    })
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
  const [reports, opening] = await Promise.all([repo.reportsOfAtelier(db, atelierCode, from, to), openingOf(db, atelierCode)]);
  const found = new Map(reports.map((r) => [r.period, r]));
  const sentBack = await repo.lastSendBacks(
    db,
    reports.filter((r) => r.status === "returned").map((r) => r.id),
  );
  const today = parisDate();
  const out: TReportRow[] = [];
  const start = parsePeriod(from);
  const end = parsePeriod(to);
  if (!start || !end) return out;
  for (let p = start; formatPeriod(p) <= formatPeriod(end); p = addMonths(p, 1)) {
    const period = formatPeriod(p);
    const report = found.get(period);
    out.push(
      toRow(atelierCode, period, null, report, { settings, today, opening, returnedAt: report ? (sentBack.get(report.id) ?? null) : null }),
    );
  }
  return out;
}

/**
 * The queue of a territory (or of the nation): every report waiting for
 * review in the caller's scope, by the report's own territory, all months
 * together, oldest month first; `period` narrows the rows, never the total.
 */
export async function reviewQueue(db: Db, caller: Caller, query: TReviewQueueQuery, settings: ReportSettings): Promise<TReviewQueue> {
  // The guard checked that a territory asked for is in the caller's scope.
  const territoryCodes = query.territory ? [query.territory] : isWide(caller) ? undefined : territoriesOf(caller);
  const waiting = await repo.waitingReports(db, { territoryCodes });
  const counts = new Map<string, number>();
  for (const r of waiting) counts.set(r.period, (counts.get(r.period) ?? 0) + 1);
  const listed = query.period ? waiting.filter((r) => r.period === query.period) : waiting;
  const openings = await repo.openingsOf(db, [...new Set(listed.map((r) => r.atelierCode))]);
  const today = parisDate();
  const always: Opening = { openedOn: "2016-01-01", closedOn: null };
  return {
    total: waiting.length,
    months: [...counts].map(([period, count]) => ({ period, count })),
    rows: listed.map((r) =>
      toRow(r.atelierCode, r.period, r.territoryCode, r, {
        settings,
        today,
        opening: openings.get(r.atelierCode) ?? always,
        returnedAt: null,
      }),
    ),
  };
}
