/**
 * What the indicators read beside the reports: names for the scope and the
 * groups, the national distance learning of a range, the targets.
 */
import type { TargetRow } from "@enquete/domain";
import { and, between, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { ateliers, atelierTerritories, distanceLearning, indicatorTargets, reports, territories } from "../../db/schema.ts";

export async function territoryNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ code: territories.code, name: territories.name }).from(territories);
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function atelierCities(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: ateliers.code, city: ateliers.city })
    .from(ateliers)
    .where(inArray(ateliers.code, [...codes]));
  return new Map(rows.map((r) => [r.code, r.city]));
}

/**
 * The territories an atelier belonged to during a range (its memberships, and
 * the territories its reports of the range belong to); undefined when the
 * atelier does not exist. Not today's: a new territory does not read the past.
 */
export async function atelierTerritoriesDuring(db: Db, atelierCode: string, fromDay: string, toDay: string) {
  const found = await db.select({ code: ateliers.code }).from(ateliers).where(eq(ateliers.code, atelierCode));
  if (found.length === 0) return undefined;
  const rows = await db
    .selectDistinct({ territoryCode: atelierTerritories.territoryCode })
    .from(atelierTerritories)
    .where(
      and(
        eq(atelierTerritories.atelierCode, atelierCode),
        lte(atelierTerritories.validFrom, toDay),
        or(isNull(atelierTerritories.validTo), gt(atelierTerritories.validTo, fromDay)),
      ),
    );
  const reported = await db
    .selectDistinct({ territoryCode: reports.territoryCode })
    .from(reports)
    .where(and(eq(reports.atelierCode, atelierCode), between(reports.period, fromDay.slice(0, 7), toDay.slice(0, 7))));
  return [...new Set([...rows, ...reported].map((r) => r.territoryCode))];
}

export async function distanceLearningTotals(db: Db, from: string, to: string) {
  const [row] = await db
    .select({
      moocTraineeDays: sql<string>`coalesce(sum(${distanceLearning.moocTraineeDays}), 0)`,
      magistereTraineeDays: sql<string>`coalesce(sum(${distanceLearning.magistereTraineeDays}), 0)`,
      months: sql<number>`count(*)::int`,
    })
    .from(distanceLearning)
    .where(between(distanceLearning.period, from, to));
  return {
    moocTraineeDays: Number(row?.moocTraineeDays ?? 0),
    magistereTraineeDays: Number(row?.magistereTraineeDays ?? 0),
    months: row?.months ?? 0,
  };
}

export async function allTargets(db: Db): Promise<TargetRow[]> {
  return await db
    .select({
      indicatorCode: indicatorTargets.indicatorCode,
      year: indicatorTargets.year,
      value: indicatorTargets.value,
      isBaseline: indicatorTargets.isBaseline,
    })
    .from(indicatorTargets);
}
