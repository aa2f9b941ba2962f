import type { ExportReach, LabelStatus, ListedStatus } from "@enquete/domain";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

/** One row of the reports exports: a report, or an expected report that is missing (`reportId` null). */
export interface ExportRow {
  atelierCode: string;
  atelierName: string;
  departement: string;
  /** The territory of the month: the report's, or the atelier's membership that month for a missing one. */
  territoryCode: string | null;
  territoryName: string | null;
  /** The atelier's attributes that month (null: no labellisation recorded yet). */
  labellisation: LabelStatus | null;
  lab: boolean;
  espe: boolean;
  period: string;
  /** The atelier was open that month. */
  open: boolean;
  reportId: number | null;
  status: ListedStatus;
  version: number | null;
  formVersion: number | null;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  validatedAt: Date | null;
  values: Record<string, unknown>;
  notes: Record<string, string>;
  justifications: Record<string, string>;
  /** From the report's events: the dates a reopening overwrites stay there. */
  validatedBy: string | null;
  lastReturn: { at: Date; by: string; comment: string | null } | null;
  reopenings: number;
  lastReopen: { at: Date; by: string; reason: string | null } | null;
}

export interface ExportFilter {
  range: { from: string; to: string };
  reach: ExportReach;
  /** The statuses kept (not_started: the expected reports that are missing); undefined: all. */
  statuses: readonly ListedStatus[] | undefined;
  /** The first month that is not over: a missing report is expected only before it. */
  firstMonthNotOver: string;
}

const list = (items: readonly string[]) =>
  sql.join(
    items.map((x) => sql`${x}`),
    sql`, `,
  );

/** Rows of the reach: all, or those of the given territories (territory of the month) and ateliers. */
function reachFilter(reach: ExportReach): SQL {
  if (reach.all) return sql``;
  const territories = reach.territories.length ? sql`x.territory_code in (${list(reach.territories)})` : sql`false`;
  const ateliers = reach.ateliers.length ? sql`x.atelier_code in (${list(reach.ateliers)})` : sql`false`;
  return sql`and (${territories} or ${ateliers})`;
}

function statusFilter(statuses: readonly ListedStatus[] | undefined): SQL {
  if (!statuses) return sql``;
  const reported = statuses.filter((s) => s !== "not_started");
  const parts = [
    ...(reported.length ? [sql`x.status::text in (${list(reported)})`] : []),
    ...(statuses.includes("not_started") ? [sql`x.report_id is null`] : []),
  ];
  return parts.length ? sql`and (${sql.join(parts, sql` or `)})` : sql`and false`;
}

type Raw = {
  atelier_code: string;
  atelier_name: string;
  departement: string;
  territory_code: string | null;
  territory_name: string | null;
  labellisation: LabelStatus | null;
  lab: boolean;
  espe: boolean;
  period: string;
  open: boolean;
  report_id: string | number | null;
  status: ExportRow["status"] | null;
  version: number | null;
  form_version: number | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  validated_at: string | null;
  values: Record<string, unknown> | null;
  notes: Record<string, string> | null;
  justifications: Record<string, string> | null;
  validated_by: string | null;
  returned_at: string | null;
  returned_by: string | null;
  return_comment: string | null;
  reopenings: number | string | null;
  reopened_at: string | null;
  reopened_by: string | null;
  reopen_reason: string | null;
};

/**
 * One page of the export, after the (atelier, month) of the previous page:
 * every atelier × month of the range with its report, or without one when
 * the report is expected (the atelier open that month, the month over), with
 * the month's territory and attributes and the report's decisions read from
 * its events in the same query. The export streams the pages instead of
 * holding every row.
 */
export async function reportPage(
  db: Db,
  filter: ExportFilter,
  after: { atelierCode: string; period: string } | null,
  limit: number,
): Promise<ExportRow[]> {
  const { range } = filter;
  const result = await db.execute<Raw>(sql`
    with months as (
      select to_char(d, 'YYYY-MM') as period, d::date as first_day
      from generate_series(${`${range.from}-01`}::date, ${`${range.to}-01`}::date, interval '1 month') d
    ),
    cells as (
      select a.code as atelier_code, a.name as atelier_name, a.departement, m.period, m.first_day,
        coalesce(r.territory_code, mt.territory_code) as territory_code,
        (a.opened_on <= m.first_day and (a.closed_on is null or m.first_day < a.closed_on)) as open,
        r.id as report_id, r.status, r.version, r.form_version, r.first_submitted_at, r.submitted_at, r.validated_at,
        r.values, r.notes, r.justifications
      from ateliers a
      cross join months m
      left join reports r on r.atelier_code = a.code and r.period = m.period
      left join atelier_territories mt
        on mt.atelier_code = a.code and mt.valid_from <= m.first_day and (mt.valid_to is null or mt.valid_to > m.first_day)
    ),
    x as (
      select * from cells
      -- Expected as the indicators count it (aggregation-sql.ts expected()): open, over, and in a territory that month.
      where report_id is not null or (open and period < ${filter.firstMonthNotOver} and territory_code is not null)
    )
    select x.atelier_code, x.atelier_name, x.departement, x.territory_code, t.name as territory_name,
      lbl.status as labellisation, coalesce(lab.value, false) as lab, coalesce(espe.value, false) as espe,
      x.period, x.open, x.report_id, x.status, x.version, x.form_version,
      x.first_submitted_at, x.submitted_at, x.validated_at, x.values, x.notes, x.justifications,
      ev.validated_by, ev.returned_at, ev.returned_by, ev.return_comment,
      ev.reopenings, ev.reopened_at, ev.reopened_by, ev.reopen_reason
    from x
    left join territories t on t.code = x.territory_code
    left join lateral (
      select l.status from atelier_labels l
      where l.atelier_code = x.atelier_code and l.valid_from <= x.first_day order by l.valid_from desc limit 1
    ) lbl on true
    left join lateral (
      select f.value from atelier_flags f
      where f.atelier_code = x.atelier_code and f.flag = 'lab' and f.valid_from <= x.first_day order by f.valid_from desc limit 1
    ) lab on true
    left join lateral (
      select f.value from atelier_flags f
      where f.atelier_code = x.atelier_code and f.flag = 'espe' and f.valid_from <= x.first_day order by f.valid_from desc limit 1
    ) espe on true
    left join lateral (
      select
        (array_agg(e.actor_label order by e.id desc) filter (where e.action = 'validate'))[1] as validated_by,
        (array_agg(e.at order by e.id desc) filter (where e.action = 'return'))[1] as returned_at,
        (array_agg(e.actor_label order by e.id desc) filter (where e.action = 'return'))[1] as returned_by,
        (array_agg(e.comment order by e.id desc) filter (where e.action = 'return'))[1] as return_comment,
        count(*) filter (where e.action = 'reopen') as reopenings,
        (array_agg(e.at order by e.id desc) filter (where e.action = 'reopen'))[1] as reopened_at,
        (array_agg(e.actor_label order by e.id desc) filter (where e.action = 'reopen'))[1] as reopened_by,
        (array_agg(e.comment order by e.id desc) filter (where e.action = 'reopen'))[1] as reopen_reason
      from report_events e
      where e.report_id = x.report_id and e.action in ('validate', 'return', 'reopen')
    ) ev on true
    where true ${reachFilter(filter.reach)} ${statusFilter(filter.statuses)}
      ${after ? sql`and (x.atelier_code, x.period) > (${after.atelierCode}, ${after.period})` : sql``}
    order by x.atelier_code, x.period
    limit ${limit}`);
  const date = (v: string | null) => (v ? new Date(v) : null);
  return result.rows.map((r) => {
    const returnedAt = date(r.returned_at);
    const reopenedAt = date(r.reopened_at);
    return {
      atelierCode: r.atelier_code,
      atelierName: r.atelier_name,
      departement: r.departement,
      territoryCode: r.territory_code,
      territoryName: r.territory_name,
      labellisation: r.labellisation,
      lab: r.lab,
      espe: r.espe,
      period: r.period,
      open: r.open,
      reportId: r.report_id === null ? null : Number(r.report_id),
      status: r.status ?? "not_started",
      version: r.version,
      formVersion: r.form_version,
      firstSubmittedAt: date(r.first_submitted_at),
      submittedAt: date(r.submitted_at),
      validatedAt: date(r.validated_at),
      values: r.values ?? {},
      notes: r.notes ?? {},
      justifications: r.justifications ?? {},
      validatedBy: r.status === "validated" ? r.validated_by : null,
      lastReturn: returnedAt ? { at: returnedAt, by: r.returned_by ?? "", comment: r.return_comment } : null,
      reopenings: Number(r.reopenings ?? 0),
      lastReopen: reopenedAt ? { at: reopenedAt, by: r.reopened_by ?? "", reason: r.reopen_reason } : null,
    };
  });
}
