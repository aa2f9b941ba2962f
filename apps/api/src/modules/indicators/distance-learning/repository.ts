import { asc, between, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { auditEvents, distanceLearning, users } from "../../../db/schema.ts";

export interface MonthFigures {
  period: string;
  moocTraineeDays: number;
  magistereTraineeDays: number;
}

export async function listMonths(db: Db, from: string, to: string) {
  return await db
    .select({
      period: distanceLearning.period,
      moocTraineeDays: distanceLearning.moocTraineeDays,
      magistereTraineeDays: distanceLearning.magistereTraineeDays,
      updatedAt: distanceLearning.updatedAt,
      updatedBy: users.displayName,
    })
    .from(distanceLearning)
    .leftJoin(users, eq(users.id, distanceLearning.updatedBy))
    .where(between(distanceLearning.period, from, to))
    .orderBy(asc(distanceLearning.period));
}

export async function findMonths(db: Db, periods: readonly string[]): Promise<Map<string, MonthFigures>> {
  if (periods.length === 0) return new Map();
  const rows = await db
    .select({
      period: distanceLearning.period,
      moocTraineeDays: distanceLearning.moocTraineeDays,
      magistereTraineeDays: distanceLearning.magistereTraineeDays,
    })
    .from(distanceLearning)
    .where(inArray(distanceLearning.period, [...periods]));
  return new Map(rows.map((r) => [r.period, r]));
}

/** Writes months and one audit event per month, all in one transaction: all or nothing. */
export async function upsertMonths(
  db: Db,
  months: readonly MonthFigures[],
  actor: { id: string; label: string },
  source: "saisie" | "import",
) {
  if (months.length === 0) return;
  await db.transaction(async (tx) => {
    for (const m of months) {
      await tx
        .insert(distanceLearning)
        .values({ ...m, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: distanceLearning.period,
          set: {
            moocTraineeDays: m.moocTraineeDays,
            magistereTraineeDays: m.magistereTraineeDays,
            updatedAt: sql`now()`,
            updatedBy: actor.id,
          },
        });
    }
    await tx.insert(auditEvents).values(
      months.map((m) => ({
        actorId: actor.id,
        actorLabel: actor.label,
        action: "distance_learning.set",
        subject: `distance_learning:${m.period}`,
        details: { source, moocTraineeDays: m.moocTraineeDays, magistereTraineeDays: m.magistereTraineeDays },
      })),
    );
  });
}
