import type { RoleGrant } from "@enquete/domain";
import { toRoleGrant } from "@enquete/domain";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { loginFailures, sessions, userRoles, users } from "../../db/schema.ts";

export async function findUserByEmail(db: Db, emailKey: string) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      passwordHash: users.passwordHash,
      active: users.active,
    })
    .from(users)
    .where(sql`lower(${users.email}) = ${emailKey}`);
  return rows[0] ?? null;
}

export async function loadGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: userRoles.role, atelierCode: userRoles.atelierCode, territoryCode: userRoles.territoryCode })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  return rows.flatMap((r) => {
    const g = toRoleGrant(r.role, r);
    return "error" in g ? [] : [g];
  });
}

/** Failed sign-ins of the last `seconds`, for an account and for an address. */
export async function countRecentFailures(db: Db, emailKey: string, ip: string, seconds: number) {
  const since = sql`now() - make_interval(secs => ${seconds})`;
  const [row] = await db
    .select({
      account: sql<number>`count(*) filter (where ${loginFailures.emailKey} = ${emailKey})::int`,
      address: sql<number>`count(*) filter (where ${loginFailures.ip} = ${ip})::int`,
    })
    .from(loginFailures)
    .where(and(gt(loginFailures.at, since), sql`(${loginFailures.emailKey} = ${emailKey} or ${loginFailures.ip} = ${ip})`));
  return { account: row?.account ?? 0, address: row?.address ?? 0 };
}

export async function recordFailure(db: Db, emailKey: string, ip: string): Promise<void> {
  await db.insert(loginFailures).values({ emailKey, ip });
  // Keep the table small: old failures no longer count for anything.
  await db.delete(loginFailures).where(sql`${loginFailures.at} < now() - interval '1 day'`);
}

export async function openSession(db: Db, input: { idHash: string; userId: string; absoluteHours: number }) {
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      idHash: input.idHash,
      userId: input.userId,
      expiresAt: sql`now() + make_interval(hours => ${input.absoluteHours})`,
    });
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, input.userId));
    await tx.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
  });
}

/**
 * The session behind a cookie if it is still alive (idle and absolute limits,
 * active account), sliding its idle limit. Time is the database's, shared by
 * every API process.
 */
export async function findLiveSession(db: Db, idHash: string, idleMinutes: number) {
  const rows = await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .from(users)
    .where(
      and(
        eq(sessions.idHash, idHash),
        eq(users.id, sessions.userId),
        eq(users.active, true),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
      ),
    )
    .returning({ userId: users.id, email: users.email, displayName: users.displayName });
  return rows[0] ?? null;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}
