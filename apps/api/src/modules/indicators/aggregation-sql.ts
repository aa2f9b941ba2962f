/**
 * The SQL of the indicators' aggregation: one statement, one pass over the
 * reports of the period. Each report's values are read once and grouped per
 * atelier (and group of the breakdown): flow fields are summed; a snapshot
 * field keeps the value of the atelier's latest counted report, found with a
 * max() over a key that puts the month before the value, which needs no sort
 * and runs in parallel. The atelier rows are then summed for the whole scope
 * and for each group (GROUPING SETS). A report counts in the territory of its
 * own month (reports.territory_code), so a move never rewrites the past.
 * A snapshot is counted once per atelier, where the report that gives it
 * belongs: the atelier's latest counted report of the period across every
 * territory (latest_report), kept in a territory's figures only when that
 * report is the territory's, and in one group of a breakdown only (the
 * group of that report), so that groups add up to the whole.
 * Every row is also split by the reports' questionnaire version (fv), as
 * an indicator's formula may depend on it (1-5): flows add per version, and
 * a snapshot counts under the version of the report that gives it, so an
 * atelier whose reports changed version counts its team once.
 * A national or territorial scope without breakdown reads the monthly
 * summary instead (summarySql, at the end).
 */
import { type AggregatedField, type Breakdown, FIELD_CODE_RE, type IndicatorScope, type ReportStatus, UNKNOWN_KEY } from "@enquete/domain";
import { type SQL, sql } from "drizzle-orm";

export interface AggregateQuery {
  from: string;
  to: string;
  scope: IndicatorScope;
  /** Statuses the figures count (official: validated; provisional: submitted and validated). */
  counted: readonly ReportStatus[];
  breakdown?: Breakdown;
  /** The first month not over (calendar.firstMonthNotOver): the months before it are over, their reports expected. */
  notOverFrom: string;
  /**
   * An atelier scope read through a territorial role only: the atelier's
   * months in these territories (its reports and expected months there).
   */
  within?: readonly string[];
  dueDay: number;
  fields: readonly AggregatedField[];
}

export const TOTAL_KEY = "";
/** Snapshot key = month index × SNAPSHOT_SHIFT + value in hundredths + 1 (0: no value). */
export const SNAPSHOT_SHIFT = 100_000_000_000;

const raw = (text: string) => sql.raw(text);

function checkedCode(code: string): string {
  if (!FIELD_CODE_RE.test(code)) throw new Error(`Invalid field code ${code}`);
  return code;
}

/**
 * The report's values parsed once per row into typed columns (jsonb_to_record):
 * integers as int4 (summed in int8), trainee-days as double precision, rounded
 * to two decimals once summed. Codes come from the questionnaire and are checked.
 */
function valuesRecord(fields: readonly AggregatedField[]): SQL {
  const columns = fields.map((f) => `"${checkedCode(f.code)}" ${f.type === "integer" ? "int4" : "float8"}`);
  return raw(`cross join lateral jsonb_to_record(case when c.counted then r.values else '{}'::jsonb end) as v(${columns.join(", ")})`);
}

const fieldValue = (f: AggregatedField) => raw(`v."${checkedCode(f.code)}"`);

/** Month index of a YYYY-MM text or of a date: year × 12 + month − 1. */
const periodIndex = (column: string) => raw(`(substr(${column}, 1, 4)::int * 12 + substr(${column}, 6, 2)::int - 1)`);
const dateIndex = (expr: string) => raw(`(extract(year from ${expr})::int * 12 + extract(month from ${expr})::int - 1)`);

export function monthIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

/** The group key of a report (alias r) or of an expected atelier-month (ateliers a, memberships at, months m.d). */
function keyOf(breakdown: Breakdown | undefined, side: "report" | "cell"): SQL {
  switch (breakdown) {
    case "territory":
      return side === "report" ? sql`r.territory_code` : sql`at.territory_code`;
    case "atelier":
      return side === "report" ? sql`r.atelier_code` : sql`a.code`;
    case "month":
      return side === "report" ? sql`r.period` : sql`to_char(m.d, 'YYYY-MM')`;
    case "lab":
      return sql`coalesce(fl.value, false)::text`;
    case "espe":
      return sql`coalesce(fl.value, false)::text`;
    case "label":
      return sql`coalesce(l.status::text, ${UNKNOWN_KEY})`;
    default:
      return sql`${TOTAL_KEY}::text`;
  }
}

/** Joins a key needs: the atelier's attributes, or its labellisation status on the month's first day. */
function joinsFor(breakdown: Breakdown | undefined, side: "report" | "cell"): SQL {
  const day = side === "report" ? sql`to_date(r.period, 'YYYY-MM')` : sql`m.d`;
  const atelier = side === "report" ? sql`r.atelier_code` : sql`a.code`;
  if (breakdown === "lab" || breakdown === "espe") {
    // The attribute in the report's month (dated, section 1): the atelier's latest row of that flag from before.
    return sql`left join lateral (
      select f.value from atelier_flags f
      where f.atelier_code = ${atelier} and f.flag = ${breakdown}::atelier_flag and f.valid_from <= ${day}
      order by f.valid_from desc limit 1) fl on true`;
  }
  if (breakdown !== "label") return sql``;
  return sql`left join label_ranges l on l.atelier_code = ${atelier} and l.valid_from <= ${day} and (l.valid_to is null or l.valid_to > ${day})`;
}

function scopeFilter(q: AggregateQuery, side: "report" | "cell"): SQL {
  const { scope } = q;
  const territory = side === "report" ? sql`r.territory_code` : sql`at.territory_code`;
  if (scope.kind === "territory") return sql`and ${territory} = ${scope.code}`;
  if (scope.kind === "atelier") {
    const within = q.within ? sql`and ${territory} in (${list(q.within.map((c) => sql`${c}`))})` : sql``;
    return side === "report" ? sql`and r.atelier_code = ${scope.code} ${within}` : sql`and a.code = ${scope.code} ${within}`;
  }
  return sql``;
}

/**
 * Whether a snapshot needs the atelier's latest report across every
 * territory: when the scope is a part of the atelier's reports (a territory,
 * an atelier's months in some territories) or when groups split an atelier's
 * reports (its territory, labellisation, lab or ESPE location may change).
 */
function needsLatest(q: AggregateQuery): boolean {
  if (q.scope.kind === "territory" || q.within) return true;
  return q.breakdown === "territory" || q.breakdown === "label" || q.breakdown === "lab" || q.breakdown === "espe";
}

/** Each atelier's latest counted report of the period, whatever its territory (for the ateliers the scope can see). */
function latestReport(q: AggregateQuery): SQL {
  const statuses = list(q.counted.map((s) => sql`${s}::report_status`));
  const ateliersOf =
    q.scope.kind === "territory"
      ? sql`and r.atelier_code in (select t.atelier_code from reports t where t.period between ${q.from} and ${q.to} and t.territory_code = ${q.scope.code})`
      : q.scope.kind === "atelier"
        ? sql`and r.atelier_code = ${q.scope.code}`
        : sql``;
  return sql`select r.atelier_code, max(r.period) as period from reports r
    where r.period between ${q.from} and ${q.to} and r.status in (${statuses}) ${ateliersOf}
    group by r.atelier_code`;
}

const list = (items: SQL[]) => sql.join(items, sql`, `);

/**
 * Whether a group may hold several months of an atelier whose reports do not
 * know which one is its latest (an atelier scope, a breakdown by atelier):
 * its rows of earlier questionnaire versions then hold older snapshots, and
 * only the row of its latest month gives them. Elsewhere only the latest
 * report carries a snapshot key (latest_report), or a group is one month.
 */
function severalMonths(q: AggregateQuery): boolean {
  return !needsLatest(q) && q.breakdown !== "month";
}

/**
 * Per atelier (and group, and questionnaire version): counts, flow sums,
 * snapshot keys, and where needed the month of the report a row's snapshots
 * come from (s_month in its group, e_month across groups), which tells an
 * atelier's latest version apart from its earlier ones. Each report is read
 * once; only the reports that count are parsed, so the sums need no filter.
 */
function perAtelier(q: AggregateQuery, flows: AggregatedField[], snapshots: AggregatedField[]): SQL {
  const counted = sql`r.status in (${list(q.counted.map((s) => sql`${s}::report_status`))})`;
  const over = sql`r.period < ${q.notOverFrom}`;
  const latest = needsLatest(q);
  // snap_key: the report gives its atelier's snapshot (its latest counted report); a month of a breakdown by month keeps its own.
  const snapKey = latest ? sql`case when r.period = lr.period then c0.month_key end` : sql`c0.month_key`;
  const groupKey = q.breakdown === "month" ? "c.month_key" : "c.snap_key";
  const dueDate = sql`(to_date(r.period, 'YYYY-MM') + interval '1 month')::date + ${q.dueDay - 1}::int`;
  const monthKey = sql`${periodIndex("r.period")}::int8 * ${raw(String(SNAPSHOT_SHIFT))}`;
  return sql`
    select ${keyOf(q.breakdown, "report")} as k, r.atelier_code, r.form_version as fv,
      ${severalMonths(q) ? sql`max(${raw(groupKey)}) as s_month,` : sql``}
      ${q.breakdown && !latest ? sql`max(c.snap_key) as e_month,` : sql``}
      count(*) filter (where c.counted) as included,
      count(*) filter (where ${over} and r.status in ('submitted', 'validated')) as submitted,
      count(*) filter (where ${over} and r.status = 'validated') as validated,
      count(*) filter (where ${over} and (r.first_submitted_at at time zone 'Europe/Paris')::date <= ${dueDate}) as on_time
      ${sql.join(
        flows.map((f, i) => sql`, sum(${fieldValue(f)}) as ${raw(`f${i}`)}`),
        sql``,
      )}
      ${sql.join(
        snapshots.map(
          (f, i) => sql`, max(${raw(groupKey)} + coalesce(round(${fieldValue(f)} * 100)::int8 + 1, 0)) as ${raw(`n${i}`)}
            , max(c.snap_key + coalesce(round(${fieldValue(f)} * 100)::int8 + 1, 0)) as ${raw(`e${i}`)}`,
        ),
        sql``,
      )}
    from reports r
      ${latest ? sql`left join latest_report lr on lr.atelier_code = r.atelier_code` : sql``}
      cross join lateral (select ${counted} as counted, case when ${counted} then ${monthKey} end as month_key) c0
      cross join lateral (select c0.counted, c0.month_key, ${snapKey} as snap_key) c
      ${valuesRecord([...flows, ...snapshots])}
      ${joinsFor(q.breakdown, "report")}
    where r.period between ${q.from} and ${q.to} ${scopeFilter(q, "report")}
    group by fv, k, r.atelier_code`;
}

/** A snapshot key's value, summed (over the rows that meet `where`, when given). */
const decode = (column: string, where?: string) =>
  where
    ? raw(`sum(case when ${where} then nullif(${column} % ${SNAPSHOT_SHIFT}, 0) - 1 end) / 100.0`)
    : raw(`sum(nullif(${column} % ${SNAPSHOT_SHIFT}, 0) - 1) / 100.0`);

/**
 * Expected reports: atelier-months of the period that are over, for ateliers
 * open that month, in the scope's territory that month. Counted by interval
 * arithmetic on the memberships, or month by month for keys that change
 * within a membership (month, labellisation status, lab, ESPE location).
 */
function expected(q: AggregateQuery): SQL {
  const lastOver = Math.min(monthIndex(q.to), monthIndex(q.notOverFrom) - 1);
  const grouped = q.breakdown ? sql`group by grouping sets ((), (k))` : sql``;
  const gk = q.breakdown ? sql`case when grouping(k) = 1 then ${TOTAL_KEY} else k end` : sql`${TOTAL_KEY}::text`;
  if (q.breakdown === "month" || q.breakdown === "label" || q.breakdown === "lab" || q.breakdown === "espe") {
    return sql`
      select ${gk} as gk, count(*) as expected from (
        select ${keyOf(q.breakdown, "cell")} as k
        from generate_series(to_date(${q.from}, 'YYYY-MM'), to_date(${q.to}, 'YYYY-MM'), interval '1 month') m(d)
        join atelier_territories at on at.valid_from <= m.d and (at.valid_to is null or at.valid_to > m.d)
        join ateliers a on a.code = at.atelier_code
          and a.opened_on <= (m.d + interval '1 month' - interval '1 day') and (a.closed_on is null or a.closed_on > m.d)
        ${joinsFor(q.breakdown, "cell")}
        where ${dateIndex("m.d")} <= ${lastOver}::int ${scopeFilter(q, "cell")}
      ) cells ${grouped}`;
  }
  const lower = sql`greatest(${monthIndex(q.from)}::int, ${dateIndex("at.valid_from")} + (extract(day from at.valid_from) > 1)::int, ${dateIndex("a.opened_on")})`;
  const upper = sql`least(${lastOver}::int,
    coalesce(${dateIndex("(at.valid_to - 1)")}, ${lastOver}::int), coalesce(${dateIndex("(a.closed_on - 1)")}, ${lastOver}::int))`;
  return sql`
    select ${gk} as gk, coalesce(sum(greatest(0, months)), 0) as expected from (
      select ${keyOf(q.breakdown, "cell")} as k, ${upper} - ${lower} + 1 as months
      from atelier_territories at join ateliers a on a.code = at.atelier_code
      where true ${scopeFilter(q, "cell")}
    ) memberships ${grouped}`;
}

export function aggregateSql(q: AggregateQuery): SQL {
  const flows = q.fields.filter((f) => f.aggregation === "flow");
  const snapshots = q.fields.filter((f) => f.aggregation === "snapshot");
  // The version first, as per_atelier comes sorted: the groups need no second sort of its wide rows.
  const grouped = q.breakdown ? sql`group by grouping sets ((fv), (fv, k))` : sql`group by fv`;
  const gk = q.breakdown ? sql`case when grouping(k) = 1 then ${TOTAL_KEY} else k end` : sql`${TOTAL_KEY}::text`;
  // Narrow aggregates joined back rather than window functions: those would sort every wide row (a month's breakdown).
  const several = severalMonths(q);
  const source = several
    ? sql`per_atelier p join (select k, atelier_code, max(s_month) as s_top from per_atelier group by k, atelier_code) t using (k, atelier_code)`
    : sql`per_atelier p`;
  const sums = [
    ...["included", "submitted", "validated", "on_time"].map((c) => raw(`sum(${c}) as ${c}`)),
    ...flows.map((_, i) => raw(`sum(f${i}) as f${i}`)),
    ...snapshots.map((_, i) => sql`${decode(`n${i}`, several ? "p.s_month = t.s_top" : undefined)} as ${raw(`n${i}`)}`),
  ];
  // With a breakdown, the whole scope's snapshot takes each atelier's report that gives it, whichever group holds it:
  // its only one with a key (latest_report), else the row of its latest month.
  const latestOnly = needsLatest(q)
    ? sql``
    : sql`join (select atelier_code, max(e_month) as e_top from per_atelier group by atelier_code) x
        on x.atelier_code = p.atelier_code and p.e_month = x.e_top`;
  const latest = q.breakdown
    ? sql`, latest as (
        select ${TOTAL_KEY}::text as gk, p.fv ${sql.join(
          snapshots.map((_, i) => sql`, ${decode(`e${i}`)} as ${raw(`m${i}`)}`),
          sql``,
        )}
        from per_atelier p ${latestOnly} group by p.fv
      )`
    : sql``;
  return sql`
    with ${
      q.breakdown === "label"
        ? sql`label_ranges as (
      select atelier_code, status, valid_from, lead(valid_from) over (partition by atelier_code order by valid_from) as valid_to
      from atelier_labels
    ),`
        : sql``
    }
    ${needsLatest(q) ? sql`latest_report as (${latestReport(q)}),` : sql``}
    per_atelier as (${perAtelier(q, flows, snapshots)}),
    totals as (select ${gk} as gk, fv, ${list(sums)} from ${source} ${grouped}),
    expected as (${expected(q)})
    ${latest}
    select * from totals full join expected using (gk) ${q.breakdown ? sql`left join latest using (gk, fv)` : sql``}`;
}

/** Whether a query can read report_monthly_sums: a national or territorial scope without breakdown. */
export function summaryApplies(q: AggregateQuery): boolean {
  return !q.breakdown && q.scope.kind !== "atelier";
}

/**
 * The same row as aggregateSql for a national or territorial scope without
 * breakdown, without reading the reports' values: flow sums and counts come
 * from report_monthly_sums (a few rows per month, kept by triggers on
 * reports), the on-time count from its histogram of first-submission days.
 * A snapshot field takes each atelier's latest counted report of the period:
 * nationally one probe per atelier on reports(atelier_code, period); for a
 * territory, the latest report of each atelier the territory has reports of,
 * across every territory, kept when it is the territory's (an atelier that
 * moved during the period counts in the territory of its latest report only).
 */
export function summarySql(q: AggregateQuery): SQL {
  const flows = q.fields.filter((f) => f.aggregation === "flow");
  const snapshots = q.fields.filter((f) => f.aggregation === "snapshot");
  const statuses = list(q.counted.map((s) => sql`${s}::report_status`));
  const territory = q.scope.kind === "territory" ? q.scope.code : null;
  const inTerritory = (alias: string) => (territory === null ? sql`` : sql`and ${raw(alias)}.territory_code = ${territory}`);
  const over = sql`s.period < ${q.notOverFrom}`;
  const flowSums = flows.map(
    (f, i) => sql`, sum((s.sums ->> ${checkedCode(f.code)})::numeric) filter (where s.status in (${statuses})) as ${raw(`f${i}`)}`,
  );
  const snapshotSums = snapshots.map((f, i) => sql`, sum((x.values ->> ${checkedCode(f.code)})::numeric) as ${raw(`n${i}`)}`);
  const latest =
    territory === null
      ? sql`from ateliers a cross join lateral (
          select r.values, r.form_version from reports r
          where r.atelier_code = a.code and r.period between ${q.from} and ${q.to} and r.status in (${statuses})
          order by r.period desc limit 1
        ) x`
      : // The ateliers with a report in the territory (its own index), then one probe each for its latest
        // counted report of the period wherever it is: kept only when that report is the territory's.
        sql`from (
          select distinct t.atelier_code from reports t where t.period between ${q.from} and ${q.to} ${inTerritory("t")}
        ) a cross join lateral (
          select r.values, r.territory_code, r.form_version from reports r
          where r.atelier_code = a.atelier_code and r.period between ${q.from} and ${q.to} and r.status in (${statuses})
          order by r.period desc limit 1
        ) x where true ${inTerritory("x")}`;
  // One row per questionnaire version (the summary keeps them apart); a snapshot under its report's version.
  return sql`
    with s as (
      select * from report_monthly_sums s where s.period between ${q.from} and ${q.to} ${inTerritory("s")}
    ),
    totals as (
      select ${TOTAL_KEY}::text as gk, s.form_version as fv,
        sum(s.reports) filter (where s.status in (${statuses})) as included,
        sum(s.reports) filter (where ${over} and s.status in ('submitted', 'validated')) as submitted,
        sum(s.reports) filter (where ${over} and s.status = 'validated') as validated,
        sum(d.on_time) filter (where ${over}) as on_time
        ${sql.join(flowSums, sql``)}
      from s left join lateral (
        select sum(e.value::numeric) as on_time from jsonb_each(s.submitted_days) e where e.key::int <= ${q.dueDay - 1}::int
      ) d on true
      group by s.form_version
    ),
    snapshots as (
      select ${TOTAL_KEY}::text as gk, x.form_version as fv ${sql.join(snapshotSums, sql``)} ${latest}
      group by x.form_version
    ),
    expected as (${expected(q)})
    select * from totals full join expected using (gk) left join snapshots using (gk, fv)`;
}
