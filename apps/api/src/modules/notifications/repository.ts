/**
 * Who is told what: notification preferences, and the recipients of each
 * email with those preferences applied (an absent preference is "on").
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  ateliers,
  atelierTerritories,
  notificationPreferences,
  reportEvents,
  reports,
  territories,
  userRoles,
  users,
} from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

/** The user of the current row wants emails of this preference kind. */
const wants = (kind: string): SQL =>
  sql`coalesce((select ${notificationPreferences.enabled} from ${notificationPreferences}
    where ${notificationPreferences.userId} = ${users.id} and ${notificationPreferences.kind} = ${kind}), true)`;

export async function preferencesOf(db: DbOrTx, userId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return new Map(rows.map((r) => [r.kind, r.enabled]));
}

export async function savePreferences(db: Db, userId: string, entries: { kind: string; enabled: boolean }[]) {
  if (entries.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(entries.map((e) => ({ userId, kind: e.kind, enabled: e.enabled })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { enabled: sql`excluded.enabled`, updatedAt: sql`now()` },
    });
}

/** The active directors of an atelier; with a preference kind, only those who want it. */
export async function atelierDirectors(db: DbOrTx, atelierCode: string, kind: string | null) {
  return await db
    .select({ userId: users.id, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(eq(userRoles.role, "atelier"), eq(userRoles.atelierCode, atelierCode), eq(users.active, true), kind ? wants(kind) : undefined),
    )
    .orderBy(asc(users.email));
}

/**
 * The directors, wanting reminders, of every atelier expected to report for
 * `period` (open that month, in a territory on its first day) whose report
 * is not submitted: not started, draft, or returned.
 */
export async function unsubmittedDirectors(db: DbOrTx, period: string, firstDay: string, lastDay: string) {
  const inTerritory = sql`exists (select 1 from ${atelierTerritories}
    where ${atelierTerritories.atelierCode} = ${ateliers.code}
      and ${atelierTerritories.validFrom} <= ${firstDay}
      and (${atelierTerritories.validTo} is null or ${atelierTerritories.validTo} > ${firstDay}))`;
  return await db
    .select({
      userId: users.id,
      email: users.email,
      atelierCode: ateliers.code,
      city: ateliers.city,
      status: sql<string>`coalesce(${reports.status}::text, 'not_started')`,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .innerJoin(ateliers, eq(ateliers.code, userRoles.atelierCode))
    .leftJoin(reports, and(eq(reports.atelierCode, ateliers.code), eq(reports.period, period)))
    .where(
      and(
        eq(userRoles.role, "atelier"),
        eq(users.active, true),
        lte(ateliers.openedOn, lastDay),
        or(isNull(ateliers.closedOn), gt(ateliers.closedOn, firstDay)),
        inTerritory,
        or(isNull(reports.id), inArray(reports.status, ["draft", "returned"])),
        wants("reminders"),
      ),
    )
    .orderBy(asc(ateliers.code), asc(users.email));
}

/** Every submitted report, waiting for its territory's decision. */
export async function waitingForReview(db: DbOrTx) {
  return await db
    .select({
      territoryCode: reports.territoryCode,
      territoryName: territories.name,
      atelierCode: reports.atelierCode,
      city: ateliers.city,
      period: reports.period,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .innerJoin(ateliers, eq(ateliers.code, reports.atelierCode))
    .innerJoin(territories, eq(territories.code, reports.territoryCode))
    .where(eq(reports.status, "submitted"))
    .orderBy(asc(reports.territoryCode), asc(reports.period), asc(reports.atelierCode));
}

/** The active territorial directors of these territories who want the daily digest. */
export async function territorialDirectors(db: DbOrTx, territoryCodes: string[]) {
  if (territoryCodes.length === 0) return [];
  return await db
    .select({ userId: users.id, email: users.email, territoryCode: sql<string>`${userRoles.territoryCode}` })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "territory"), inArray(userRoles.territoryCode, territoryCodes), eq(users.active, true), wants("digest")))
    .orderBy(asc(users.email));
}

/** A report just decided, read inside the deciding transaction: its version, its atelier, who decided. */
export async function decidedReport(db: DbOrTx, atelierCode: string, period: string) {
  const [report] = await db
    .select({ id: reports.id, version: reports.version, city: ateliers.city })
    .from(reports)
    .innerJoin(ateliers, eq(ateliers.code, reports.atelierCode))
    .where(and(eq(reports.atelierCode, atelierCode), eq(reports.period, period)));
  if (!report) return null;
  const [event] = await db
    .select({ actorLabel: reportEvents.actorLabel })
    .from(reportEvents)
    .where(eq(reportEvents.reportId, report.id))
    .orderBy(desc(reportEvents.id))
    .limit(1);
  return { ...report, actorLabel: event?.actorLabel ?? null };
}
