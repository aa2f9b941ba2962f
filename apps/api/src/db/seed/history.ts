/**
 * Demo history (domain page, section 8): two years of plausible monthly
 * reports for every atelier, each with the events that led to its status, so
 * that every list, report and indicator shows something real from the first
 * start. Deterministic for a seed; a calendar year of the whole network is
 * near the contract's 2016 figures (section 5). Runs once: it does nothing
 * when a report already exists.
 */
import { addMonths, firstDay, formatPeriod, type Period, parsePeriod, periodOfDate, type ReportValues, territoryOn } from "@enquete/domain";
import { and, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { ateliers, reportEvents, reports } from "../schema.ts";
import { parisInstant } from "./history/calendar.ts";
import { type AtelierInfo, atelierActor, type Context, loadContext, type Tx, territoryActor } from "./history/context.ts";
import { drawProfile, initialTeam, nextTeam, normalizeProfiles, type Profile, type Scale, scaleFor } from "./history/profiles.ts";
import { createRandom, type Random, seedFor } from "./history/random.ts";
import { type BuiltReport, replay } from "./history/replay.ts";
import { planClosedMonth, planCurrentMonth } from "./history/timeline.ts";
import { historyOf, monthValues } from "./history/values.ts";

export { parisInstant } from "./history/calendar.ts";
export { YEARLY_TARGETS } from "./history/profiles.ts";
export { createRandom, type Random } from "./history/random.ts";

/** The history covers the current month and the 24 before it. */
export const HISTORY_MONTHS_BACK = 24;
export const HISTORY_MONTHS = HISTORY_MONTHS_BACK + 1;
export const DEFAULT_HISTORY_SEED = 2017;

const INSERT_CHUNK = 500;
const LOCK_KEY = 72615004;

// ---------------------------------------------------------------- the whole history

interface Options {
  scale: Scale;
  periods: Period[];
  cutoff: Date;
}

function isOpen(a: AtelierInfo, day: string): boolean {
  return a.openedOn <= day && (a.closedOn === null || a.closedOn > day);
}

/** One atelier's 25 months. Every month draws its figures, even a missing one, so each story is stable. */
function atelierReports(ctx: Context, a: AtelierInfo, r: Random, profile: Profile, o: Options): BuiltReport[] {
  const built: BuiltReport[] = [];
  const validated: ReportValues[] = [];
  let team = initialTeam(r, profile);
  for (const [index, period] of o.periods.entries()) {
    team = nextTeam(r, team, period.month);
    const values = monthValues(r, profile, o.scale, period.month, team, a.inEspe);
    const day = firstDay(period);
    const territoryCode = territoryOn(a.memberships, day);
    if (!territoryCode || !isOpen(a, day)) continue;
    const input = {
      period,
      values,
      history: historyOf(validated),
      profile,
      atelier: atelierActor(ctx, a.code),
      territory: territoryActor(ctx, territoryCode),
    };
    const planned = index === o.periods.length - 1 ? planCurrentMonth(r, input) : planClosedMonth(r, input);
    const happened = planned.filter((e) => e.at < o.cutoff);
    if (happened.length === 0) continue;
    const report = replay(happened, { atelierCode: a.code, period: formatPeriod(period), territoryCode });
    built.push(report);
    if (report.row.status === "validated") validated.push(report.row.values as ReportValues);
  }
  return built;
}

/** Every report and event of the history, computed in memory (nothing is read from the clock). */
function buildHistory(ctx: Context, today: string, seed: number): BuiltReport[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || !parsePeriod(today.slice(0, 7))) throw new Error(`Demo history: invalid date ${today}`);
  const current = periodOfDate(today);
  const options: Options = {
    scale: scaleFor(ctx.ateliers.length),
    periods: Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(current, i - HISTORY_MONTHS_BACK)),
    // Only what happened before today: the seed never writes the future.
    cutoff: parisInstant(today, 0),
  };
  const randoms = ctx.ateliers.map((a) => createRandom(seedFor(seed, a.code)));
  const profiles = normalizeProfiles(ctx.ateliers.map((a, i) => drawProfile(randoms[i] as Random, a)));
  return ctx.ateliers.flatMap((a, i) => atelierReports(ctx, a, randoms[i] as Random, profiles[i] as Profile, options));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Multi-row inserts: the reports of a chunk, then their events with the ids just returned. */
async function insertHistory(tx: Tx, built: BuiltReport[]): Promise<{ reports: number; events: number }> {
  let events = 0;
  for (const chunk of chunks(built, INSERT_CHUNK)) {
    const ids = await tx
      .insert(reports)
      .values(chunk.map((b) => b.row))
      .returning({ id: reports.id, atelierCode: reports.atelierCode, period: reports.period });
    const idOf = new Map(ids.map((x) => [`${x.atelierCode}/${x.period}`, x.id]));
    const rows = chunk.flatMap((b) => {
      const reportId = idOf.get(`${b.row.atelierCode}/${b.row.period}`) as number;
      return b.events.map((e) => ({ ...e, reportId }));
    });
    for (const part of chunks(rows, INSERT_CHUNK)) await tx.insert(reportEvents).values(part);
    events += rows.length;
  }
  return { reports: built.length, events };
}

/**
 * The demo network opens with its history (domain page, section 8): an
 * atelier open before the first month of the history is open from that
 * month, so that no report is expected where the demo has none. Its
 * territories, labels and flags keep their 2016 start.
 */
async function openFromHistory(tx: Tx, today: string) {
  const first = firstDay(addMonths(periodOfDate(today), -HISTORY_MONTHS_BACK));
  await tx
    .update(ateliers)
    .set({ openedOn: first })
    .where(and(lt(ateliers.openedOn, first), or(isNull(ateliers.closedOn), gt(ateliers.closedOn, first))));
}

/**
 * Seeds the demo history once: nothing happens when a report already exists.
 * `today` is the Paris date (YYYY-MM-DD); the same seed gives the same history.
 */
export async function seedHistory(db: Db, options: { today: string; seed?: number }): Promise<{ reports: number; events: number }> {
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const existing = await tx.select({ id: reports.id }).from(reports).limit(1);
    if (existing.length > 0) return { reports: 0, events: 0 };
    const ctx = await loadContext(tx);
    const result = await insertHistory(tx, buildHistory(ctx, options.today, options.seed ?? DEFAULT_HISTORY_SEED));
    await openFromHistory(tx, options.today);
    return result;
  });
}
