import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { auditEvents, indicatorTargets, users } from "../../../db/schema.ts";

export async function listTargets(db: Db) {
  return await db
    .select({
      indicatorCode: indicatorTargets.indicatorCode,
      year: indicatorTargets.year,
      value: indicatorTargets.value,
      isBaseline: indicatorTargets.isBaseline,
      updatedAt: indicatorTargets.updatedAt,
      updatedBy: users.displayName,
    })
    .from(indicatorTargets)
    .leftJoin(users, eq(users.id, indicatorTargets.updatedBy))
    .orderBy(asc(indicatorTargets.indicatorCode), asc(indicatorTargets.year));
}

/**
 * Writes a year's target (or reference value) and its audit event in one
 * transaction. Without `isBaseline`, an existing row keeps its kind.
 */
export async function upsertTarget(
  db: Db,
  input: { indicatorCode: string; year: number; value: number; isBaseline?: boolean },
  actor: { id: string; label: string },
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ value: indicatorTargets.value, isBaseline: indicatorTargets.isBaseline })
      .from(indicatorTargets)
      .where(sql`${indicatorTargets.indicatorCode} = ${input.indicatorCode} and ${indicatorTargets.year} = ${input.year}`)
      .for("update");
    const isBaseline = input.isBaseline ?? before?.isBaseline ?? false;
    await tx
      .insert(indicatorTargets)
      .values({ indicatorCode: input.indicatorCode, year: input.year, value: input.value, isBaseline, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: [indicatorTargets.indicatorCode, indicatorTargets.year],
        set: { value: input.value, isBaseline, updatedAt: sql`now()`, updatedBy: actor.id },
      });
    await tx.insert(auditEvents).values({
      actorId: actor.id,
      actorLabel: actor.label,
      action: "target.set",
      subject: `target:${input.indicatorCode}:${input.year}`,
      details: { before: before ?? null, after: { value: input.value, isBaseline } },
    });
  });
}
