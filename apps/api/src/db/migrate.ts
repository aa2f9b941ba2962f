import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Db } from "./client.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../../../migrations", import.meta.url));

/**
 * Applies the migrations that are not yet applied. Several processes may
 * start together: an advisory lock makes them take turns.
 */
export async function runMigrations(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72615001)`);
    await migrate(tx as unknown as Db, { migrationsFolder: MIGRATIONS_FOLDER });
  });
}
