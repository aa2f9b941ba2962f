import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

/** Does the database answer within `ms` milliseconds? */
export async function ping(db: Db, ms: number): Promise<void> {
  await Promise.race([db.execute(sql`select 1`), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);
}
