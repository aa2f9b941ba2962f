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

export interface SessionOrigin {
  /** The browser's User-Agent (cut to 500 characters) and address, shown in the person's list of sessions. */
  userAgent: string | null;
  ip: string | null;
  method: "password" | "oidc";
}

export async function openSession(db: Db, input: { idHash: string; userId: string; absoluteHours: number } & SessionOrigin) {
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      idHash: input.idHash,
      userId: input.userId,
      expiresAt: sql`now() + make_interval(hours => ${input.absoluteHours})`,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      ip: input.ip,
      method: input.method,
    });
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, input.userId));
    await tx.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
  });
}

/** A session's idle limit slides at most this often: a request that only reads then writes nothing. */
export const TOUCH_AFTER_SECONDS = 20;

export interface LiveSession {
  userId: string;
  email: string;
  displayName: string;
  grants: RoleGrant[];
  /** Where the national settings are at (see settings_revision): tells whether this process's copy is still good. */
  settingsRevision: number;
}

/**
 * The session behind a cookie if it is still alive (idle and absolute limits,
 * active account), with the person's grants and the settings revision, in one
 * statement: every request of the API starts with it. Its idle limit slides
 * only when the last slide is older than TOUCH_AFTER_SECONDS, so most requests
 * write nothing (and wait for no disk). Time is the database's, shared by
 * every API process. A named statement: parsed and planned once per connection.
 */
export async function findLiveSession(db: Db, idHash: string, idleMinutes: number): Promise<LiveSession | null> {
  const { rows } = await db.$client.query<{
    user_id: string;
    email: string;
    display_name: string;
    grants: { role: string; atelierCode: string | null; territoryCode: string | null }[];
    settings_revision: string | null;
  }>({
    name: "find-live-session",
    text: `with live as (
        select s.id_hash, s.user_id, s.last_seen_at
        from sessions s join users u on u.id = s.user_id
        where s.id_hash = $1 and u.active and s.expires_at > now()
          and s.last_seen_at > now() - make_interval(mins => $2::int)
      ),
      touched as (
        update sessions s set last_seen_at = now()
        from live
        where s.id_hash = live.id_hash and live.last_seen_at < now() - make_interval(secs => $3::int)
        returning 1
      )
      select u.id as user_id, u.email, u.display_name,
        coalesce((select json_agg(json_build_object('role', r.role, 'atelierCode', r.atelier_code, 'territoryCode', r.territory_code))
          from user_roles r where r.user_id = u.id), '[]'::json) as grants,
        (select revision from settings_revision where id = 1) as settings_revision
      from live join users u on u.id = live.user_id`,
    values: [idHash, idleMinutes, TOUCH_AFTER_SECONDS],
  });
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    grants: row.grants.flatMap((r) => {
      const g = toRoleGrant(r.role, r);
      return "error" in g ? [] : [g];
    }),
    settingsRevision: Number(row.settings_revision ?? 0),
  };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}
