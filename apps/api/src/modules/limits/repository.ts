/**
 * The limits every API process shares: hit counts per key and fixed window
 * (rate_limit_hits), and the costly requests each person has running
 * (costly_leases).
 */
import { eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { costlyLeases, rateLimitHits } from "../../db/schema.ts";

/** Hits of one key in one window; windows are named by their start, in epoch milliseconds. */
export interface WindowHits {
  key: string;
  windowStart: number;
  hits: number;
}

export type WindowRef = Omit<WindowHits, "hits">;

/**
 * Adds this process's hits and reads back the totals, in one statement: the
 * totals of the windows it added to, and of the `refresh` windows it only
 * wants to know about. Rows are locked in (key, window) order, the same in
 * every process, so two processes flushing overlapping keys never deadlock.
 */
export async function addHits(db: Db, added: readonly WindowHits[], refresh: readonly WindowRef[]): Promise<WindowHits[]> {
  if (added.length === 0 && refresh.length === 0) return [];
  const sorted = [...added].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.windowStart - b.windowStart));
  const result = await db.execute<{ key: string; window_start: number; hits: number }>(sql`
    with added as (
      insert into ${rateLimitHits} (key, window_start, hits)
      select t.key, to_timestamp(t.w / 1000.0), t.hits
      from unnest(${sql.param(sorted.map((h) => h.key))}::text[], ${sql.param(sorted.map((h) => h.windowStart))}::float8[],
                  ${sql.param(sorted.map((h) => h.hits))}::int[]) with ordinality as t(key, w, hits, n)
      order by t.n
      on conflict (key, window_start) do update set hits = ${rateLimitHits.hits} + excluded.hits
      returning key, window_start, hits
    )
    select key, (extract(epoch from window_start) * 1000)::float8 as window_start, hits from added
    union all
    select r.key, (extract(epoch from r.window_start) * 1000)::float8, r.hits
    from unnest(${sql.param(refresh.map((h) => h.key))}::text[], ${sql.param(refresh.map((h) => h.windowStart))}::float8[]) as q(key, w)
    join ${rateLimitHits} r on r.key = q.key and r.window_start = to_timestamp(q.w / 1000.0)
  `);
  return result.rows.map((r) => ({ key: r.key, windowStart: Number(r.window_start), hits: Number(r.hits) }));
}

/** Windows that started before `before` (epoch ms) count for nothing any more. */
export async function deleteWindowsBefore(db: Db, before: number): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, new Date(before)));
}

// First key of the two-key advisory lock: keeps these locks apart from any other use of advisory locks.
const LEASE_LOCK_SPACE = 0x636f7374; // "cost"

/**
 * A lease for one more costly request of this person if they have fewer than
 * `max` alive, else null. The per-person advisory lock makes the count and
 * the insert one decision across processes; it is held for this short
 * transaction only. Leases past their expiry (a killed process) count for
 * nothing and are removed.
 */
export async function takeLease(db: Db, userId: string, max: number, ttlMs: number): Promise<string | null> {
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LEASE_LOCK_SPACE}::int, hashtext(${userId}))`);
    const result = await tx.execute<{ id: string }>(sql`
      with expired as (
        delete from ${costlyLeases} where ${costlyLeases.userId} = ${userId}::uuid and ${costlyLeases.expiresAt} <= now()
      )
      insert into ${costlyLeases} (user_id, expires_at)
      select ${userId}::uuid, now() + make_interval(secs => ${ttlMs / 1000})
      where (select count(*) from ${costlyLeases} where ${costlyLeases.userId} = ${userId}::uuid and ${costlyLeases.expiresAt} > now()) < ${max}
      returning id
    `);
    return result.rows[0]?.id ?? null;
  });
}

export async function releaseLease(db: Db, id: string): Promise<void> {
  await db.delete(costlyLeases).where(eq(costlyLeases.id, id));
}

/** Pushes back the expiry of the leases this process still holds: only a dead process's leases run out. */
export async function renewLeases(db: Db, ids: readonly string[], ttlMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(costlyLeases)
    .set({ expiresAt: sql`now() + make_interval(secs => ${ttlMs / 1000})` })
    .where(inArray(costlyLeases.id, [...ids]));
}

/** Leases of people who never came back after their process died. */
export async function deleteExpiredLeases(db: Db): Promise<void> {
  await db.delete(costlyLeases).where(lt(costlyLeases.expiresAt, sql`now()`));
}

/** Leases alive for a person (tests and diagnostics). */
export async function countLiveLeases(db: Db, userId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${costlyLeases} where ${costlyLeases.userId} = ${userId}::uuid and ${costlyLeases.expiresAt} > now()`,
  );
  return Number(result.rows[0]?.n ?? 0);
}
