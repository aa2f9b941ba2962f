/**
 * A person's own sessions, as their profile lists and ends them. Sessions are
 * named there by their public id, never by the hash of the cookie.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { sessions } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

/** The person's sessions still alive (idle and absolute limits), the latest used first. */
export async function liveSessionsOf(db: Db, userId: string, idleMinutes: number) {
  return await db
    .select({
      idHash: sessions.idHash,
      publicId: sessions.publicId,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      method: sessions.method,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${idleMinutes})`,
      ),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Ends one of the person's sessions by its public id; returns its cookie's hash, or null when it is not theirs. */
export async function deleteSessionOf(db: Db, userId: string, publicId: string): Promise<string | null> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.publicId, publicId)))
    .returning({ idHash: sessions.idHash });
  return rows[0]?.idHash ?? null;
}

/** Ends every session of the person but `keep` (null: all of them); returns how many ended. */
export async function deleteSessionsOf(tx: DbOrTx, userId: string, keep: string | null): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? ne(sessions.idHash, keep) : undefined))
    .returning({ idHash: sessions.idHash });
  return rows.length;
}
