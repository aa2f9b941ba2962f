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

/** Ateliers with their territory on `day`, optionally restricted. */
export async function ateliersOn(db: Db, day: string, filter: { atelierCodes?: string[]; territoryCodes?: string[] }) {
  return await db
    .select({ atelierCode: ateliers.code, territoryCode: atelierTerritories.territoryCode })
    .from(ateliers)
    .leftJoin(atelierTerritories, and(eq(atelierTerritories.atelierCode, ateliers.code), membershipOn(day)))
    .where(
      and(
        filter.atelierCodes ? inArray(ateliers.code, filter.atelierCodes) : undefined,
        filter.territoryCodes ? inArray(atelierTerritories.territoryCode, filter.territoryCodes) : undefined,
      ),
    );
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

export async function insertReport(tx: Tx, row: typeof reports.$inferInsert, event: NewEvent) {
  const [created] = await tx.insert(reports).values(row).onConflictDoNothing().returning();
  if (!created) return null;
  await tx.insert(reportEvents).values({ ...event, reportId: created.id });
  return created;
}

export async function updateReport(tx: Tx, id: number, changes: Partial<typeof reports.$inferInsert>, event: NewEvent) {
  const [updated] = await tx
    .update(reports)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(reports.id, id))
    .returning();
  await tx.insert(reportEvents).values({ ...event, reportId: id });
  return updated as ReportRecord;
}

export async function eventsOf(db: Db, reportId: number) {
  return await db
    .select({
      at: reportEvents.at,
      actor: reportEvents.actorLabel,
      action: reportEvents.action,
      fromStatus: reportEvents.fromStatus,
      toStatus: reportEvents.toStatus,
      version: reportEvents.version,
      changes: reportEvents.changes,
      comment: reportEvents.comment,
    })
    .from(reportEvents)
    .where(eq(reportEvents.reportId, reportId))
    .orderBy(asc(reportEvents.at), asc(reportEvents.id));
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
