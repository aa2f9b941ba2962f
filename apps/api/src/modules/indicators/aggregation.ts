/**
 * Runs the indicators' aggregation (aggregation-sql.ts) and reads its rows
 * back as field totals and reporting counts, for the scope and each group.
 */
import { type AggregatedField, type FieldTotals, type ReportingCounts, round2, type VersionedTotals } from "@enquete/domain";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type AggregateQuery, aggregateSql, summaryApplies, summarySql, TOTAL_KEY } from "./aggregation-sql.ts";

export type { AggregateQuery } from "./aggregation-sql.ts";

export interface AggregateRow {
  /** Field totals per questionnaire version. */
  totals: VersionedTotals;
  counts: ReportingCounts & { included: number };
}

export interface Aggregate {
  total: AggregateRow;
  /** Per group key when a breakdown was asked. */
  groups: Map<string, AggregateRow>;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : round2(Number(v)));

/** The field totals of one version's row; the whole scope of a breakdown reads its snapshots across groups (m), a group its own (n). */
function fieldTotals(raw: Record<string, unknown>, fields: readonly AggregatedField[], acrossGroups: boolean): FieldTotals {
  const totals: Record<string, number> = {};
  let flow = 0;
  let snapshot = 0;
  for (const f of fields) {
    if (f.aggregation === "flow") totals[f.code] = num(raw[`f${flow++}`]);
    else totals[f.code] = num(raw[`${acrossGroups ? "m" : "n"}${snapshot++}`]);
  }
  return totals;
}

interface Building {
  byVersion: Record<number, FieldTotals>;
  reports: Record<number, number>;
  counts: { expected: number; submitted: number; validated: number; onTime: number; included: number };
}

const emptyRow = (): Building => ({
  byVersion: {},
  reports: {},
  counts: { expected: 0, submitted: 0, validated: 0, onTime: 0, included: 0 },
});

/** Adds one row of the statement (a group and a version) to its group: counts add up, the expected reports are the group's. */
function addRow(into: Building, raw: Record<string, unknown>, fields: readonly AggregatedField[], acrossGroups: boolean) {
  into.counts.expected = num(raw.expected);
  if (raw.fv === null || raw.fv === undefined) return;
  const included = num(raw.included);
  into.counts.included += included;
  into.counts.submitted += num(raw.submitted);
  into.counts.validated += num(raw.validated);
  into.counts.onTime += num(raw.on_time);
  // A version none of whose reports counts (drafts, returned) adds nothing to the figures.
  if (included === 0) return;
  const version = Number(raw.fv);
  into.byVersion[version] = fieldTotals(raw, fields, acrossGroups);
  into.reports[version] = included;
}

const finished = (b: Building): AggregateRow => ({ totals: { byVersion: b.byVersion, reports: b.reports }, counts: b.counts });

/**
 * One analytic statement over many reports. PostgreSQL's default costs only
 * spread it over parallel workers for the nation's year; a territory's year
 * (about a tenth of the reports, scattered over the same pages) gains a third
 * from them too. Small tables stay below the parallel scan threshold.
 */
async function run(db: Db, q: AggregateQuery) {
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true)`);
    return await tx.execute<Record<string, unknown>>(summaryApplies(q) ? summarySql(q) : aggregateSql(q));
  });
}

export async function aggregate(db: Db, q: AggregateQuery): Promise<Aggregate> {
  const result = await run(db, q);
  const total = emptyRow();
  const groups = new Map<string, Building>();
  for (const raw of result.rows) {
    if (raw.gk === TOTAL_KEY) addRow(total, raw, q.fields, q.breakdown !== undefined && !summaryApplies(q));
    else if (raw.gk !== null && raw.gk !== undefined) {
      const key = String(raw.gk);
      let group = groups.get(key);
      if (!group) {
        group = emptyRow();
        groups.set(key, group);
      }
      addRow(group, raw, q.fields, false);
    }
  }
  return { total: finished(total), groups: new Map([...groups].map(([key, b]) => [key, finished(b)])) };
}
