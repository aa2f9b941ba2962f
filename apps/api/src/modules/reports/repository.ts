import type { ReportStatus, ReportValues } from "@enquete/domain";
import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { ateliers, atelierTerritories, reportEvents, reports, users } from "../../db/schema.ts";
import { membershipOn } from "../referential/repository.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type ReportRecord = typeof reports.$inferSelect;
export type NewEvent = Omit<typeof reportEvents.$inferInsert, "reportId">;

/** The atelier's territory on a day; undefined when the atelier does not exist, null when it had none. */
export async function territoryOn(db: DbOrTx, atelierCode: string, day: string) {
  const rows = await db
    .select({ territoryCode: atelierTerritories.territoryCode })
    .from(ateliers)
    .leftJoin(atelierTerritories, and(eq(atelierTerritories.atelierCode, ateliers.code), membershipOn(day)))
    .where(eq(ateliers.code, atelierCode));
  if (rows.length === 0) return undefined;
  return rows[0]?.territoryCode ?? null;
}

/** Ateliers with their territory on `day` and their opening and closing months, optionally restricted. */
export async function ateliersOn(db: Db, day: string, filter: { atelierCodes?: string[]; territoryCodes?: string[] }) {
  return await db
    .select({
      atelierCode: ateliers.code,
      territoryCode: atelierTerritories.territoryCode,
      openedOn: ateliers.openedOn,
      closedOn: ateliers.closedOn,
    })
    .from(ateliers)
    .leftJoin(atelierTerritories, and(eq(atelierTerritories.atelierCode, ateliers.code), membershipOn(day)))
    .where(
      and(
        filter.atelierCodes ? inArray(ateliers.code, filter.atelierCodes) : undefined,
        filter.territoryCodes ? inArray(atelierTerritories.territoryCode, filter.territoryCodes) : undefined,
      ),
    );
}

/** An atelier's opening month and closing month (first days; closing exclusive, null while open); null when it does not exist. */
export async function openingOf(db: DbOrTx, atelierCode: string) {
  const rows = await db
    .select({ openedOn: ateliers.openedOn, closedOn: ateliers.closedOn })
    .from(ateliers)
    .where(eq(ateliers.code, atelierCode));
  return rows[0] ?? null;
}

/** The openings of several ateliers, by code. */
export async function openingsOf(db: DbOrTx, atelierCodes: string[]) {
  if (atelierCodes.length === 0) return new Map<string, { openedOn: string; closedOn: string | null }>();
  const rows = await db
    .select({ code: ateliers.code, openedOn: ateliers.openedOn, closedOn: ateliers.closedOn })
    .from(ateliers)
    .where(inArray(ateliers.code, atelierCodes));
  return new Map(rows.map((r) => [r.code, { openedOn: r.openedOn, closedOn: r.closedOn }]));
}

/** When each report was last sent back to its atelier (a return or a national reopening). */
export async function lastSendBacks(db: DbOrTx, reportIds: number[]): Promise<Map<number, Date>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db
    .select({ reportId: reportEvents.reportId, at: sql<Date>`max(${reportEvents.at})`.mapWith((v) => new Date(v)) })
    .from(reportEvents)
    .where(and(inArray(reportEvents.reportId, reportIds), inArray(reportEvents.action, ["return", "reopen"])))
    .groupBy(reportEvents.reportId);
  return new Map(rows.map((r) => [r.reportId, r.at]));
}

/**
 * The reports waiting for review (submitted) whose territory, the report's own,
 * is one of `territoryCodes` (every territory when undefined), oldest month first.
 */
export async function waitingReports(db: Db, filter: { territoryCodes?: string[] }) {
  if (filter.territoryCodes?.length === 0) return [];
  return await db
    .select()
    .from(reports)
    .where(and(eq(reports.status, "submitted"), filter.territoryCodes ? inArray(reports.territoryCode, filter.territoryCodes) : undefined))
    .orderBy(asc(reports.period), asc(reports.atelierCode));
}

export async function reportsOfPeriod(db: Db, period: string, atelierCodes: string[]) {
  if (atelierCodes.length === 0) return [];
  return await db
    .select()
    .from(reports)
    .where(and(eq(reports.period, period), inArray(reports.atelierCode, atelierCodes)));
}

export async function reportsOfAtelier(db: Db, atelierCode: string, from: string, to: string) {
  return await db
    .select()
    .from(reports)
    .where(and(eq(reports.atelierCode, atelierCode), sql`${reports.period} between ${from} and ${to}`))
    .orderBy(asc(reports.period));
}

export async function findReport(db: DbOrTx, atelierCode: string, period: string, forUpdate = false) {
  const q = db
    .select()
    .from(reports)
    .where(and(eq(reports.atelierCode, atelierCode), eq(reports.period, period)));
  const rows = forUpdate ? await q.for("update") : await q;
  return rows[0] ?? null;
}

/** The latest report before `period` (for the snapshot fields and the comparison). */
export async function previousReport(db: DbOrTx, atelierCode: string, period: string) {
  const rows = await db
    .select()
    .from(reports)
    .where(and(eq(reports.atelierCode, atelierCode), lt(reports.period, period)))
    .orderBy(desc(reports.period))
    .limit(1);
  return rows[0] ?? null;
}

/** Values of the last `months` validated reports before `period`, oldest first. */
export async function validatedValuesBefore(db: DbOrTx, atelierCode: string, period: string, months: number) {
  const rows = await db
    .select({ values: reports.values })
    .from(reports)
    .where(and(eq(reports.atelierCode, atelierCode), lt(reports.period, period), eq(reports.status, "validated")))
    .orderBy(desc(reports.period))
    .limit(months);
  return rows.map((r) => r.values).reverse();
}

/** A transition: the row as this update wrote it (the answer is built from it), and its event. */
export async function updateReport(tx: Tx, id: number, changes: Partial<typeof reports.$inferInsert>, event: NewEvent) {
  const [updated] = await tx
    .update(reports)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(reports.id, id))
    .returning();
  if (!updated) throw new Error(`report ${id} vanished while locked`);
  await tx.insert(reportEvents).values({ ...event, reportId: id });
  return updated;
}

// ---------------------------------------------------------------- the draft save
//
// Autosave is the hottest path of the platform: its queries are written once
// as named statements (parsed and planned once per connection, no query
// building per request) and each does all it can in one round trip.

/** What a draft save needs to know of a report. */
export interface DraftRow {
  id: number;
  status: ReportStatus;
  version: number;
  formVersion: number;
  values: ReportValues;
  notes: Record<string, string>;
  updatedAt: Date;
}

export interface SaveContext {
  /** The atelier's territory in the report's month; null when it had none. */
  territoryCode: string | null;
  /** Its opening month and closing month (first days; closing exclusive, null while open). */
  openedOn: string;
  closedOn: string | null;
  report: DraftRow | null;
  /** Values of the last validated reports before the month, oldest first (for the outlier warnings). */
  past: ReportValues[];
}

type DraftRowColumns = {
  id: string | number | null;
  status: ReportStatus | null;
  version: number | null;
  form_version: number | null;
  values: ReportValues | null;
  notes: Record<string, string> | null;
  /** A Date from the pool's own queries; drizzle's execute() leaves timestamps as text. */
  updated_at: Date | string | null;
};

const toDraftRow = (r: DraftRowColumns): DraftRow | null =>
  r.id === null
    ? null
    : {
        id: Number(r.id),
        status: r.status as ReportStatus,
        version: r.version as number,
        formVersion: r.form_version as number,
        values: r.values ?? {},
        notes: r.notes ?? {},
        updatedAt: r.updated_at instanceof Date ? r.updated_at : new Date(r.updated_at as string),
      };

/**
 * Everything a save reads, in one statement: the atelier's territory in that
 * month, the report as it stands, and the validated months before it.
 * undefined when the atelier does not exist.
 */
export async function saveContext(db: Db, atelierCode: string, period: string, pastMonths: number): Promise<SaveContext | undefined> {
  const { rows } = await db.$client.query<
    DraftRowColumns & { territory_code: string | null; opened_on: string; closed_on: string | null; past: ReportValues[] }
  >({
    name: "report-save-context",
    text: `select
        (select t.territory_code from atelier_territories t
          where t.atelier_code = a.code and t.valid_from <= $3::date and (t.valid_to is null or t.valid_to > $3::date)
          order by t.valid_from desc limit 1) as territory_code,
        a.opened_on::text as opened_on, a.closed_on::text as closed_on,
        r.id, r.status, r.version, r.form_version, r.values, r.notes, r.updated_at,
        coalesce((select json_agg(p.values order by p.period) from (
          select v.values, v.period from reports v
          where v.atelier_code = a.code and v.period < $2 and v.status = 'validated'
          order by v.period desc limit $4) p), '[]'::json) as past
      from ateliers a left join reports r on r.atelier_code = a.code and r.period = $2
      where a.code = $1`,
    values: [atelierCode, period, `${period}-01`, pastMonths],
  });
  const row = rows[0];
  if (!row) return undefined;
  return {
    territoryCode: row.territory_code,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    report: toDraftRow(row),
    past: row.past,
  };
}

export interface DraftEvent {
  actorId: string;
  actorLabel: string;
  changes: { field: string; from: number | string | null; to: number | string | null }[];
  /** The notes the save wrote. */
  remarks: Remark[];
}

const RETURNED_DRAFT = "id, status, version, form_version, values, notes, updated_at";

/**
 * The first save of a month: the report and its "create" event. A move of
 * the atelier (referential/) re-attaches its existing reports while it holds
 * the atelier's row: this takes that row in share mode first, then reads the
 * atelier's territory for the month in the statement that inserts, so a
 * report created while a move commits lands in the territory the move gave
 * (`territoryCode`, read before, is the fallback only). null when someone
 * created it at the same moment (nothing written). Rare (once per atelier
 * and month): two statements in a transaction are fine here.
 */
export async function createDraft(
  db: Db,
  row: {
    atelierCode: string;
    period: string;
    territoryCode: string;
    formVersion: number;
    values: ReportValues;
    notes: Record<string, string>;
  },
  event: DraftEvent,
): Promise<DraftRow | null> {
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ateliers where code = ${row.atelierCode} for share`);
    const { rows } = await tx.execute<DraftRowColumns>(sql`with created as (
        insert into reports (atelier_code, period, territory_code, status, version, form_version, values, notes)
        values (${row.atelierCode}, ${row.period},
          coalesce((select t.territory_code from atelier_territories t
            where t.atelier_code = ${row.atelierCode} and t.valid_from <= to_date(${row.period}, 'YYYY-MM')
              and (t.valid_to is null or t.valid_to > to_date(${row.period}, 'YYYY-MM'))
            order by t.valid_from desc limit 1), ${row.territoryCode}),
          'draft', 1, ${row.formVersion}, ${JSON.stringify(row.values)}::jsonb, ${JSON.stringify(row.notes)}::jsonb)
        on conflict (atelier_code, period) do nothing
        returning ${sql.raw(RETURNED_DRAFT)}
      ), event as (
        insert into report_events (report_id, actor_id, actor_label, action, from_status, to_status, version, changes, remarks)
        select id, ${event.actorId}, ${event.actorLabel}, 'create', null, status, version, ${JSON.stringify(event.changes)}::jsonb,
          ${JSON.stringify(event.remarks)}::jsonb from created
        returning id
      )
      select ${sql.raw(RETURNED_DRAFT)} from created`);
    return rows[0] ? toDraftRow(rows[0]) : null;
  });
}

/**
 * A save over version `expected`: the new values and notes, the next version and the
 * "save" event naming it, in one statement, only if the report is still at
 * `expected` (PostgreSQL re-checks that on the latest row when another
 * writer got there first). Returns the row as this statement wrote it, or
 * null when the version had moved on: nothing written, a conflict.
 */
export async function updateDraft(
  db: Db,
  id: number,
  expected: number,
  change: { values: ReportValues; notes: Record<string, string>; fromStatus: ReportStatus; toStatus: ReportStatus },
  event: DraftEvent,
): Promise<DraftRow | null> {
  const { rows } = await db.$client.query<DraftRowColumns>({
    name: "report-update-draft",
    text: `with updated as (
        update reports set values = $3::jsonb, notes = $9::jsonb, version = version + 1, status = $4::report_status, updated_at = now()
        where id = $1 and version = $2 and status = $5::report_status
        returning ${RETURNED_DRAFT}
      ), event as (
        insert into report_events (report_id, actor_id, actor_label, action, from_status, to_status, version, changes, remarks)
        select id, $6, $7, 'save', $5::report_status, status, version, $8::jsonb, $10::jsonb from updated
        returning id
      )
      select ${RETURNED_DRAFT} from updated`,
    values: [
      id,
      expected,
      JSON.stringify(change.values),
      change.toStatus,
      change.fromStatus,
      event.actorId,
      event.actorLabel,
      JSON.stringify(event.changes),
      JSON.stringify(change.notes),
      JSON.stringify(event.remarks),
    ],
  });
  return rows[0] ? toDraftRow(rows[0]) : null;
}

export type Remark = (typeof reportEvents.$inferSelect)["remarks"][number];

/**
 * An event's remarks; for a row with a comment written without them (the
 * demo history's returns), the ones its comment stands for, by the function
 * migration 0014 filled older rows with. Rows without a comment are read as
 * they are: the function is not run on every autosave (the migration filled
 * the notes of the saves before it; the demo history writes none).
 */
const REMARKS = `case when e.remarks <> '[]'::jsonb or e.comment is null then e.remarks
  else report_event_legacy_remarks(e.action, e.comment, e.changes) end`;

/** One event of a report's history, and the line of the history it belongs to (`entry`, 1 for the oldest). */
export interface HistoryRow {
  entry: number;
  at: Date;
  actor: string;
  action: string;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  version: number;
  changes: { field: string; from: number | string | null; to: number | string | null }[];
  comment: string | null;
  remarks: Remark[];
}

/**
 * A report's history cut into its lines, the latest `limit` lines after
 * skipping the `offset` latest ones (every line when `limit` is null), with
 * the number of lines in all. A line is one event, except one sitting's
 * autosaves: consecutive saves by the same person, with no other event
 * between them and less than 30 minutes between two of them, are one line.
 * The lines are found with window functions on the narrow columns, so that
 * only the page's events are read whole, however many saves the report has.
 */
export async function historyLines(
  db: Db,
  atelierCode: string,
  period: string,
  limit: number | null,
  offset: number,
  /** false: one line per event, each save on its own (for a script that replays the history). */
  groupSittings = true,
) {
  const { rows } = await db.$client.query<{
    total: number;
    form_version: number | null;
    entry: string | null;
    at: Date;
    actor: string;
    action: string;
    from_status: ReportStatus | null;
    to_status: ReportStatus;
    version: number;
    changes: HistoryRow["changes"];
    comment: string | null;
    remarks: Remark[];
  }>({
    name: "report-history-lines",
    text: `with report as (
        select id, form_version from reports where atelier_code = $1 and period = $2
      ), bounds as (
        select e.id, e.at,
          case when $5::boolean and e.action = 'save' and lag(e.action) over w = 'save'
            and lag(coalesce(e.actor_id::text, e.actor_label)) over w = coalesce(e.actor_id::text, e.actor_label)
            and e.at - lag(e.at) over w < interval '30 minutes' then 0 else 1 end as starts
        from report_events e join report on report.id = e.report_id
        window w as (order by e.at, e.id)
      ), lines as (
        select id, sum(starts) over (order by at, id) as entry from bounds
      ), totals as (
        select coalesce(max(entry), 0)::int as total from lines
      )
      select totals.total, (select form_version from report) as form_version, lines.entry,
        e.at, e.actor_label as actor, e.action, e.from_status, e.to_status, e.version, e.changes, e.comment, ${REMARKS} as remarks
      from totals
        left join lines on lines.entry <= totals.total - $4::int and ($3::int is null or lines.entry > totals.total - $4::int - $3::int)
        left join report_events e on e.id = lines.id
      order by lines.entry, e.at, e.id`,
    values: [atelierCode, period, limit, offset, groupSittings],
  });
  const total = rows[0]?.total ?? 0;
  const events: HistoryRow[] = rows.flatMap((r) =>
    r.entry === null
      ? []
      : [
          {
            entry: Number(r.entry),
            at: r.at,
            actor: r.actor,
            action: r.action,
            fromStatus: r.from_status,
            toStatus: r.to_status,
            version: r.version,
            changes: r.changes,
            comment: r.comment,
            remarks: r.remarks,
          },
        ],
  );
  return { total, formVersion: rows[0]?.form_version ?? null, events };
}

/**
 * The words a report's submissions and decisions carry, oldest first: only
 * they address someone (a save's remarks are notes, read as they stand).
 */
export async function spokenRemarks(db: DbOrTx, reportId: number) {
  const { rows } = await db.execute<{ at: string | Date; actor: string; remarks: Remark[] }>(
    sql`select e.at, e.actor_label as actor, ${sql.raw(REMARKS)} as remarks from report_events e
      where e.report_id = ${reportId} and e.action in ('submit', 'return', 'reopen')
      order by e.at, e.id`,
  );
  return rows.map((r) => ({ at: r.at instanceof Date ? r.at : new Date(r.at), actor: r.actor, remarks: r.remarks }));
}

/** The latest return or reopening of a report: what a returned report shows while it is corrected. */
export async function lastSendBack(db: DbOrTx, reportId: number) {
  const rows = await db
    .select({ action: reportEvents.action, actor: reportEvents.actorLabel, at: reportEvents.at, comment: reportEvents.comment })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), inArray(reportEvents.action, ["return", "reopen"])))
    .orderBy(desc(reportEvents.id))
    .limit(1);
  const row = rows[0];
  return row ? { ...row, action: row.action as "return" | "reopen" } : null;
}

export async function lastEditor(db: DbOrTx, reportId: number) {
  const rows = await db
    .select({ actor: reportEvents.actorLabel, at: reportEvents.at })
    .from(reportEvents)
    .where(eq(reportEvents.reportId, reportId))
    .orderBy(desc(reportEvents.id))
    .limit(1);
  return rows[0] ?? null;
}

export async function displayNameOf(db: DbOrTx, userId: string) {
  const rows = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return rows[0]?.displayName ?? "inconnu";
}

/** Was the report reopened by the national team after `since` (a closed year's exception)? */
export async function reopenedSince(db: DbOrTx, reportId: number, since: Date): Promise<boolean> {
  const rows = await db
    .select({ id: reportEvents.id })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.action, "reopen"), gt(reportEvents.at, since)))
    .limit(1);
  return rows.length > 0;
}
