/**
 * Demo history (domain page, section 8): two years of plausible monthly
 * reports for every atelier, each with the events that led to its status, so
 * that every list, report and indicator shows something real from the first
 * start. Deterministic for a seed; a calendar year of the whole network is
 * near the contract's 2016 figures (section 5). Runs once: it does nothing
 * when a report already exists. Before writing it, the demo publishes
 * questionnaire version 2 from the first month of the school year, as the
 * national team would through its screen: the reports of those months are of
 * version 2 and carry its training days.
 */
import {
  addMonths,
  FORM_V1,
  type FormCatalogue,
  type FormDefinition,
  firstDay,
  formatPeriod,
  formFields,
  type Period,
  parsePeriod,
  periodOfDate,
  type ReportValues,
  territoryOn,
  VERSION_2_CHANGES,
} from "@enquete/domain";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { createDraft, publishVersion } from "../../modules/forms/service.ts";
import { readPublishedForms } from "../../modules/settings/service.ts";
import type { Db } from "../client.ts";
import { ateliers, formVersions, reportEvents, reports } from "../schema.ts";
import { parisInstant } from "./history/calendar.ts";
import { type Actor, type AtelierInfo, atelierActor, type Context, loadContext, type Tx, territoryActor } from "./history/context.ts";
import { drawProfile, initialTeam, nextTeam, normalizeProfiles, type Profile, type Scale, scaleFor } from "./history/profiles.ts";
import { createRandom, type Random, seedFor } from "./history/random.ts";
import { type BuiltReport, replay } from "./history/replay.ts";
import { planClosedMonth, planCurrentMonth } from "./history/timeline.ts";
import { historyOf, monthValues, trainingDaysValues } from "./history/values.ts";

export { parisInstant } from "./history/calendar.ts";
export { YEARLY_TARGETS } from "./history/profiles.ts";
export { createRandom, type Random } from "./history/random.ts";

/** The history covers the current month and the 24 before it. */
export const HISTORY_MONTHS_BACK = 24;
export const HISTORY_MONTHS = HISTORY_MONTHS_BACK + 1;
export const DEFAULT_HISTORY_SEED = 2017;

const INSERT_CHUNK = 500;
const LOCK_KEY = 72615004;

/** Who publishes the demo's version 2 (no account: the journal names the demo data). */
export const DEMO_FORMS_ACTOR: Actor = { id: null, label: "Données de démonstration" };

/** The first month of the school year (September to August) containing `today` (YYYY-MM-DD). */
export function schoolYearStart(today: string): string {
  const year = Number(today.slice(0, 4));
  return `${Number(today.slice(5, 7)) >= 9 ? year : year - 1}-09`;
}

// ---------------------------------------------------------------- the whole history

interface Options {
  scale: Scale;
  periods: Period[];
  cutoff: Date;
  /** The published versions: each month's reports are of the version in force that month. */
  forms: FormCatalogue;
  seed: number;
}

function isOpen(a: AtelierInfo, day: string): boolean {
  return a.openedOn <= day && (a.closedOn === null || a.closedOn > day);
}

/** The figures a version asks for, among those drawn (a field it retired is not entered). */
function valuesFor(form: FormDefinition, drawn: ReportValues): ReportValues {
  const codes = new Set(formFields(form).map((f) => f.code));
  return Object.fromEntries(Object.entries(drawn).filter(([code]) => codes.has(code)));
}

/** One atelier's 25 months. Every month draws its figures, even a missing one, so each story is stable. */
function atelierReports(ctx: Context, a: AtelierInfo, r: Random, profile: Profile, o: Options): BuiltReport[] {
  const built: BuiltReport[] = [];
  const validated: ReportValues[] = [];
  // Version 2's training days come from a stream of their own: the figures of version 1 stay what this seed always gave.
  const days = createRandom(seedFor(o.seed, `${a.code}/trainingDays`));
  let team = initialTeam(r, profile);
  for (const [index, period] of o.periods.entries()) {
    team = nextTeam(r, team, period.month);
    const drawn = monthValues(r, profile, o.scale, period.month, team, a.inEspe);
    const training = trainingDaysValues(days, drawn);
    const form = o.forms.forPeriod(formatPeriod(period));
    const values = valuesFor(form, { ...drawn, ...training });
    const day = firstDay(period);
    const territoryCode = territoryOn(a.memberships, day);
    if (!territoryCode || !isOpen(a, day)) continue;
    const input = {
      period,
      form,
      values,
      history: historyOf(validated, form),
      profile,
      atelier: atelierActor(ctx, a.code),
      territory: territoryActor(ctx, territoryCode),
    };
    const planned = index === o.periods.length - 1 ? planCurrentMonth(r, input) : planClosedMonth(r, input);
    const happened = planned.filter((e) => e.at < o.cutoff);
    if (happened.length === 0) continue;
    const report = replay(happened, { atelierCode: a.code, period: formatPeriod(period), territoryCode, formVersion: form.version });
    built.push(report);
    if (report.row.status === "validated") validated.push(report.row.values as ReportValues);
  }
  return built;
}

/** Every report and event of the history, computed in memory (nothing is read from the clock). */
function buildHistory(ctx: Context, today: string, seed: number, forms: FormCatalogue): BuiltReport[] {
  const current = periodOfDate(today);
  const options: Options = {
    scale: scaleFor(ctx.ateliers.length),
    periods: Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(current, i - HISTORY_MONTHS_BACK)),
    // Only what happened before today: the seed never writes the future.
    cutoff: parisInstant(today, 0),
    forms,
    seed,
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

const hasReports = async (tx: Tx) => (await tx.select({ id: reports.id }).from(reports).limit(1)).length > 0;

/**
 * Version 2 (domain page, section 3), published from the first month of the
 * school year through the service the national team's screen uses, in a
 * transaction of its own: the demo's database then holds what a real
 * publication leaves (its row, its changes, the settings revision moved).
 * Only for a new history, and never over a version 2 someone already made.
 */
async function publishDemoVersion2(db: Db, today: string): Promise<{ version: number; validFrom: string } | null> {
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    if (await hasReports(tx)) return null;
    const existing = await tx.select({ version: formVersions.version }).from(formVersions).where(eq(formVersions.version, 2)).limit(1);
    if (existing.length > 0) return null;
    const from = schoolYearStart(today);
    const draft = await createDraft(tx, DEMO_FORMS_ACTOR, FORM_V1.version, VERSION_2_CHANGES);
    // The school year has begun: a past month, which only the demo may publish from.
    await publishVersion(tx, DEMO_FORMS_ACTOR, draft.version, from, { today, allowPast: true });
    return { version: draft.version, validFrom: from };
  });
}

export interface SeededHistory {
  reports: number;
  events: number;
  /** The questionnaire version the demo published before its history, if it did. */
  published: { version: number; validFrom: string } | null;
}

/**
 * Seeds the demo history once: nothing happens when a report already exists.
 * `today` is the Paris date (YYYY-MM-DD); the same seed gives the same history.
 */
export async function seedHistory(db: Db, options: { today: string; seed?: number }): Promise<SeededHistory> {
  // Checked before anything is written: the publication's month comes from it.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today) || !parsePeriod(options.today.slice(0, 7)))
    throw new Error(`Demo history: invalid date ${options.today}`);
  const published = await publishDemoVersion2(db, options.today);
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    if (await hasReports(tx)) return { reports: 0, events: 0, published: null };
    const ctx = await loadContext(tx);
    const forms = await readPublishedForms(tx);
    const result = await insertHistory(tx, buildHistory(ctx, options.today, options.seed ?? DEFAULT_HISTORY_SEED, forms));
    await openFromHistory(tx, options.today);
    return { ...result, published };
  });
}
