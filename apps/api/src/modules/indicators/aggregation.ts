/**
 * Runs the indicators' aggregation (aggregation-sql.ts) and reads its rows
 * back as field totals and reporting counts, for the scope and each group.
 */
import { type AggregatedField, type ReportingCounts, round2 } from "@enquete/domain";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type AggregateQuery, aggregateSql, summaryApplies, summarySql, TOTAL_KEY } from "./aggregation-sql.ts";

export type { AggregateQuery } from "./aggregation-sql.ts";

export interface AggregateRow {
  totals: Record<string, number>;
  counts: ReportingCounts & { included: number };
}

export interface Aggregate {
  total: AggregateRow;
  /** Per group key when a breakdown was asked. */
  groups: Map<string, AggregateRow>;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : round2(Number(v)));

function toRow(raw: Record<string, unknown>, fields: readonly AggregatedField[]): AggregateRow {
  const totals: Record<string, number> = {};
  let flow = 0;
  let snapshot = 0;
  for (const f of fields) {
    if (f.aggregation === "flow") totals[f.code] = num(raw[`f${flow++}`]);
    else {
      // The whole scope of a breakdown reads its snapshots across groups (m), a group its own (n).
      const i = snapshot++;
      totals[f.code] = num(raw[`m${i}`] ?? raw[`n${i}`]);
    }
  }
  return {
    totals,
    counts: {
      expected: num(raw.expected),
      submitted: num(raw.submitted),
      validated: num(raw.validated),
      onTime: num(raw.on_time),
      included: num(raw.included),
    },
  };
}

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
  let total: AggregateRow | null = null;
  const groups = new Map<string, AggregateRow>();
  for (const raw of result.rows) {
    const row = toRow(raw, q.fields);
    if (raw.gk === TOTAL_KEY) total = row;
    else if (raw.gk !== null && raw.gk !== undefined) groups.set(String(raw.gk), row);
  }
  return { total: total ?? toRow({}, q.fields), groups };
}
