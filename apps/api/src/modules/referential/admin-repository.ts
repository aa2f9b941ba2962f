/**
 * The writes of the referential over time (domain page, section 7.3). Every
 * function takes the transaction of the change: the service locks the
 * atelier, reads, judges with the domain's rules, writes and audits in it.
 */
import type { DatedValue, LabelStatus, Membership } from "@enquete/domain";
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  atelierFlags,
  atelierLabels,
  ateliers,
  atelierTerritories,
  auditEvents,
  closedYears,
  reportEvents,
  reports,
  territories,
} from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Flag = "lab" | "espe";

export interface Actor {
  id: string | null;
  label: string;
}

export interface AtelierRecord {
  code: string;
  name: string;
  city: string;
  departement: string;
  openedOn: string;
  closedOn: string | null;
}

const atelierColumns = {
  code: ateliers.code,
  name: ateliers.name,
  city: ateliers.city,
  departement: ateliers.departement,
  openedOn: ateliers.openedOn,
  closedOn: ateliers.closedOn,
};

/** The atelier, locked for the rest of the transaction: changes of one atelier happen one after the other. */
export async function lockAtelier(tx: Tx, code: string): Promise<AtelierRecord | undefined> {
  const rows = await tx.select(atelierColumns).from(ateliers).where(eq(ateliers.code, code)).for("update");
  return rows[0];
}

export async function findAtelier(db: DbOrTx, code: string): Promise<AtelierRecord | undefined> {
  const rows = await db.select(atelierColumns).from(ateliers).where(eq(ateliers.code, code));
  return rows[0];
}

/** The departement of an atelier with that base code (the département of `69-M` is that of `69`). */
export async function departementOfBase(db: DbOrTx, base: string): Promise<string | undefined> {
  const rows = await db
    .select({ departement: ateliers.departement })
    .from(ateliers)
    .where(sql`split_part(${ateliers.code}, '-', 1) = ${base}`)
    .orderBy(asc(ateliers.code))
    .limit(1);
  return rows[0]?.departement;
}

export async function insertAtelier(tx: Tx, row: AtelierRecord) {
  await tx.insert(ateliers).values(row);
}

export async function updateAtelier(tx: Tx, code: string, set: Partial<Pick<AtelierRecord, "name" | "city" | "closedOn">>) {
  await tx.update(ateliers).set(set).where(eq(ateliers.code, code));
}

export async function findTerritory(db: DbOrTx, code: string): Promise<{ code: string; name: string } | undefined> {
  const rows = await db.select({ code: territories.code, name: territories.name }).from(territories).where(eq(territories.code, code));
  return rows[0];
}

export async function territoryNamed(db: DbOrTx, name: string): Promise<{ code: string; name: string } | undefined> {
  const rows = await db
    .select({ code: territories.code, name: territories.name })
    .from(territories)
    .where(sql`lower(${territories.name}) = lower(${name})`);
  return rows[0];
}

export async function allTerritories(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ code: territories.code, name: territories.name }).from(territories);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Territories are created and renamed one at a time: a lock on the table keeps two equal names from landing together. */
export async function lockTerritories(tx: Tx) {
  await tx.execute(sql`lock table ${territories} in share row exclusive mode`);
}

export async function insertTerritory(tx: Tx, code: string, name: string) {
  await tx.insert(territories).values({ code, name });
}

export async function renameTerritory(tx: Tx, code: string, name: string) {
  await tx.update(territories).set({ name }).where(eq(territories.code, code));
}

export async function closedYearList(db: DbOrTx): Promise<number[]> {
  const rows = await db.select({ year: closedYears.year }).from(closedYears);
  return rows.map((r) => r.year);
}

export async function membershipsOf(db: DbOrTx, code: string): Promise<Membership[]> {
  return await db
    .select({
      territoryCode: atelierTerritories.territoryCode,
      validFrom: atelierTerritories.validFrom,
      validTo: atelierTerritories.validTo,
    })
    .from(atelierTerritories)
    .where(eq(atelierTerritories.atelierCode, code))
    .orderBy(asc(atelierTerritories.validFrom));
}

export async function replaceMemberships(tx: Tx, code: string, pieces: readonly Membership[]) {
  await tx.delete(atelierTerritories).where(eq(atelierTerritories.atelierCode, code));
  if (pieces.length > 0) await tx.insert(atelierTerritories).values(pieces.map((p) => ({ atelierCode: code, ...p })));
}

const period = (day: string) => day.slice(0, 7);

export async function labelsOf(db: DbOrTx, code: string): Promise<DatedValue<LabelStatus>[]> {
  const rows = await db
    .select({ from: atelierLabels.validFrom, value: atelierLabels.status })
    .from(atelierLabels)
    .where(eq(atelierLabels.atelierCode, code))
    .orderBy(asc(atelierLabels.validFrom));
  return rows.map((r) => ({ from: period(r.from), value: r.value }));
}

export async function flagsOf(db: DbOrTx, code: string, flag: Flag): Promise<DatedValue<boolean>[]> {
  const rows = await db
    .select({ from: atelierFlags.validFrom, value: atelierFlags.value })
    .from(atelierFlags)
    .where(and(eq(atelierFlags.atelierCode, code), eq(atelierFlags.flag, flag)))
    .orderBy(asc(atelierFlags.validFrom));
  return rows.map((r) => ({ from: period(r.from), value: r.value }));
}

export async function replaceLabels(tx: Tx, code: string, rows: readonly DatedValue<LabelStatus>[]) {
  await tx.delete(atelierLabels).where(eq(atelierLabels.atelierCode, code));
  if (rows.length > 0) {
    await tx.insert(atelierLabels).values(rows.map((r) => ({ atelierCode: code, status: r.value, validFrom: `${r.from}-01` })));
  }
}

export async function replaceFlags(tx: Tx, code: string, flag: Flag, rows: readonly DatedValue<boolean>[]) {
  await tx.delete(atelierFlags).where(and(eq(atelierFlags.atelierCode, code), eq(atelierFlags.flag, flag)));
  if (rows.length > 0) {
    await tx.insert(atelierFlags).values(rows.map((r) => ({ atelierCode: code, flag, value: r.value, validFrom: `${r.from}-01` })));
  }
}

/** The atelier's reports of the months [from, until) (`until` exclusive, null: to the end), locked. */
export async function reportsBetween(tx: Tx, code: string, from: string, until: string | null) {
  return await tx
    .select({
      id: reports.id,
      period: reports.period,
      status: reports.status,
      version: reports.version,
      territoryCode: reports.territoryCode,
    })
    .from(reports)
    .where(and(eq(reports.atelierCode, code), gte(reports.period, from), until === null ? undefined : lt(reports.period, until)))
    .orderBy(asc(reports.period))
    .for("update");
}

/**
 * Re-attaches reports to a territory, each with its event (action "move",
 * status and version unchanged). The monthly sums follow by their triggers.
 */
export async function moveReports(
  tx: Tx,
  moved: readonly { id: number; status: (typeof reports.$inferSelect)["status"]; version: number }[],
  territoryCode: string,
  actor: Actor,
  comment: string,
) {
  if (moved.length === 0) return;
  await tx
    .update(reports)
    .set({ territoryCode })
    .where(
      inArray(
        reports.id,
        moved.map((r) => r.id),
      ),
    );
  await tx.insert(reportEvents).values(
    moved.map((r) => ({
      reportId: r.id,
      actorId: actor.id,
      actorLabel: actor.label,
      action: "move",
      fromStatus: r.status,
      toStatus: r.status,
      version: r.version,
      comment,
    })),
  );
}

export interface AuditEntry {
  action: string;
  subject: string;
  details: { before: unknown; after: unknown; description: string; source?: "import" };
}

export async function audit(tx: Tx, actor: Actor, entries: readonly AuditEntry[]) {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(entries.map((e) => ({ actorId: actor.id, actorLabel: actor.label, ...e })));
}

export async function auditOf(db: DbOrTx, subject: string) {
  return await db
    .select({ at: auditEvents.at, actor: auditEvents.actorLabel, action: auditEvents.action, details: auditEvents.details })
    .from(auditEvents)
    .where(eq(auditEvents.subject, subject))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
}
