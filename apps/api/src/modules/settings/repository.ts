import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { auditEvents, closedYears, settings } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

export async function readSetting(db: DbOrTx, key: string): Promise<unknown> {
  const rows = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return rows[0]?.value;
}

export async function writeSetting(db: Db, key: string, value: unknown, actor: { id: string; label: string }) {
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key, value, updatedBy: actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()`, updatedBy: actor.id } });
    await tx
      .insert(auditEvents)
      .values({ actorId: actor.id, actorLabel: actor.label, action: "setting.changed", subject: `setting:${key}`, details: { value } });
  });
}

export async function listClosedYears(db: DbOrTx): Promise<{ year: number; closedAt: Date }[]> {
  return await db.select({ year: closedYears.year, closedAt: closedYears.closedAt }).from(closedYears).orderBy(asc(closedYears.year));
}

export async function closeYear(db: Db, year: number, actor: { id: string; label: string }): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const inserted = await tx.insert(closedYears).values({ year, closedBy: actor.id }).onConflictDoNothing().returning();
    if (inserted.length === 0) return false;
    await tx
      .insert(auditEvents)
      .values({ actorId: actor.id, actorLabel: actor.label, action: "year.closed", subject: `year:${year}`, details: {} });
    return true;
  });
}
