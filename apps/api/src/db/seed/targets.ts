/**
 * The contract's targets (domain page, section 5; the contract's fiches):
 * the 2016 reference values and the 2017–2019 targets of the six indicators
 * the monthly report feeds. Contract data, not demo data: loaded in every
 * mode when the table is empty; later years are set on the platform. Values
 * of indicators in % are percentages (15 is 15 %), as the indicators return them.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { indicatorTargets } from "../schema.ts";

export const BASELINE_YEAR = 2016;

/** indicator → [value 2016, target 2017, target 2018, target 2019] */
export const CONTRACT_2017_2019: Readonly<Record<string, readonly [number, number, number, number]>> = {
  "1-1": [87_325, 89_000, 91_000, 93_000],
  "1-4": [3_170, 3_400, 3_500, 3_600],
  "1-5": [3, 5, 10, 15],
  "2-2-2": [447_826, 520_000, 600_000, 680_000],
  "3-4": [838, 900, 990, 1_100],
  "4-1-1": [6, 10, 15, 30],
};

export function contractTargetRows() {
  return Object.entries(CONTRACT_2017_2019).flatMap(([indicatorCode, values]) =>
    values.map((value, i) => ({ indicatorCode, year: BASELINE_YEAR + i, value, isBaseline: i === 0 })),
  );
}

/** Loads the contract's targets if the table has none. Returns whether it did. */
export async function seedTargets(db: Db): Promise<boolean> {
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72615005)`);
    const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(indicatorTargets);
    if (count > 0) return false;
    await tx.insert(indicatorTargets).values(contractTargetRows());
    return true;
  });
}

/**
 * Demo only: the demo history covers recent years, which no contract has set
 * targets for; the 2019 targets are carried over so the dashboards show a
 * trajectory. Never run outside the demo history (DEMO=full).
 */
export async function seedDemoTargets(db: Db, years: readonly number[]): Promise<number> {
  const rows = Object.entries(CONTRACT_2017_2019).flatMap(([indicatorCode, values]) =>
    years.map((year) => ({ indicatorCode, year, value: values[3], isBaseline: false })),
  );
  const inserted = await db.insert(indicatorTargets).values(rows).onConflictDoNothing().returning({ year: indicatorTargets.year });
  return inserted.length;
}
