/**
 * The outbox table: emails written with their cause, delivered later.
 * The unique dedupe key makes a second insert of the same email a no-op; a
 * row being sent is locked, and the others skip it.
 */
import { and, asc, desc, eq, inArray, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";
import { SECRET_LINK_KINDS } from "./account-emails.ts";

export type NewEmail = Pick<typeof outbox.$inferInsert, "kind" | "dedupeKey" | "toUserId" | "toEmail" | "subject" | "body" | "link">;
export type OutboxRow = typeof outbox.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * When a failed email is tried again, in minutes after it was written: the
 * n-th attempt waits for the n-th delay. Counted from the creation (the table
 * keeps no time of the last attempt); after the last one it is left for an
 * administrator to see.
 */
export const RETRY_SCHEDULE_MINUTES = [0, 1, 5, 15, 60, 240] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MINUTES.length;
const SCHEDULE_SQL = sql.raw(`array[${RETRY_SCHEDULE_MINUTES.join(",")}]`);

/** Inserts the emails that are not there yet; returns how many were new. */
export async function enqueue(db: DbOrTx, emails: NewEmail[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .insert(outbox)
      .values(emails.slice(i, i + 500))
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    inserted += rows.length;
  }
  return inserted;
}

/**
 * Locks the oldest email that is due, skipping those another worker holds.
 * `firstOnly`: only emails never tried (writing to the log once is enough);
 * `exclude`: those already tried in this run.
 */
export async function claimNext(tx: Tx, options: { firstOnly: boolean; exclude?: number[] }): Promise<OutboxRow | null> {
  const due = options.firstOnly
    ? eq(outbox.attempts, 0)
    : and(
        lt(outbox.attempts, MAX_ATTEMPTS),
        sql`${outbox.createdAt} <= now() - (${SCHEDULE_SQL})[${outbox.attempts} + 1] * interval '1 minute'`,
      );
  const rows = await tx
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), due, options.exclude?.length ? notInArray(outbox.id, options.exclude) : undefined))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(1)
    .for("update", { skipLocked: true });
  return rows[0] ?? null;
}

/** Marks an email sent; a secret link (an invitation, a reset) is not kept once it has left. */
export async function markSent(tx: Tx, id: number) {
  await tx
    .update(outbox)
    .set({
      sentAt: sql`now()`,
      attempts: sql`${outbox.attempts} + 1`,
      lastError: null,
      link: sql`case when ${inArray(outbox.kind, [...SECRET_LINK_KINDS])} then null else ${outbox.link} end`,
    })
    .where(eq(outbox.id, id));
}

export async function markFailed(tx: Tx, id: number, error: string) {
  await tx
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(eq(outbox.id, id));
}

export async function listOutbox(db: Db, limit: number, offset: number) {
  const [items, [count]] = await Promise.all([
    db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(outbox),
  ]);
  return { items, total: count?.n ?? 0 };
}
