import type { RoleGrant } from "@enquete/domain";
import { toRoleGrant } from "@enquete/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { loginFailures, sessions, signInAddresses, userRoles, users } from "../../db/schema.ts";

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

export interface FailureStats {
  /** Failures of this account from this address in the last hour, and the age in seconds of the latest. */
  pairCount: number;
  pairLastAge: number;
  /** Failures of this account from every address in the last hour. */
  accountCount: number;
  accountLastAge: number;
  /** Failures from this address, whatever the account, in the last minute, and the age of the oldest. */
  addressMinuteCount: number;
  addressOldestAge: number;
  /** The account signed in from this address within `knownDays`. */
  knownAddress: boolean;
}

/** Everything the sign-in limits need, in one statement; ages are the database's time, shared by every process. */
export async function failureStats(db: Db, emailKey: string, ip: string, knownDays: number): Promise<FailureStats> {
  const { rows } = await db.$client.query<{
    pair_count: number;
    pair_last_age: number | null;
    account_count: number;
    account_last_age: number | null;
    address_count: number;
    address_oldest_age: number | null;
    known: boolean;
  }>({
    name: "sign-in-failure-stats",
    text: `with recent as (
        select email_key = $1 as same_account, ip = $2 as same_address, at
        from login_failures
        where (email_key = $1 or ip = $2) and at > now() - interval '1 hour'
      )
      select
        count(*) filter (where same_account and same_address)::int as pair_count,
        extract(epoch from now() - max(at) filter (where same_account and same_address))::float8 as pair_last_age,
        count(*) filter (where same_account)::int as account_count,
        extract(epoch from now() - max(at) filter (where same_account))::float8 as account_last_age,
        count(*) filter (where same_address and at > now() - interval '1 minute')::int as address_count,
        extract(epoch from now() - min(at) filter (where same_address and at > now() - interval '1 minute'))::float8 as address_oldest_age,
        exists (
          select 1 from sign_in_addresses a join users u on u.id = a.user_id
          where lower(u.email) = $1 and a.ip = $2 and a.last_success_at > now() - make_interval(days => $3::int)
        ) as known
      from recent`,
    values: [emailKey, ip, knownDays],
  });
  const row = rows[0];
  return {
    pairCount: row?.pair_count ?? 0,
    pairLastAge: row?.pair_last_age ?? Number.POSITIVE_INFINITY,
    accountCount: row?.account_count ?? 0,
    accountLastAge: row?.account_last_age ?? Number.POSITIVE_INFINITY,
    addressMinuteCount: row?.address_count ?? 0,
    addressOldestAge: row?.address_oldest_age ?? 0,
    knownAddress: row?.known ?? false,
  };
}

export async function recordFailure(db: Db, emailKey: string, ip: string): Promise<void> {
  await db.insert(loginFailures).values({ emailKey, ip });
  // Keep the table small: old failures no longer count for anything.
  await db.delete(loginFailures).where(sql`${loginFailures.at} < now() - interval '1 day'`);
}

/** A successful sign-in: the failures of that account from that address are forgiven. */
export async function clearPairFailures(db: Db, emailKey: string, ip: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.emailKey, emailKey), eq(loginFailures.ip, ip)));
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
    // An address the person signs in from: the account's hourly limit never applies there.
    if (input.ip) {
      await tx
        .insert(signInAddresses)
        .values({ userId: input.userId, ip: input.ip })
        .onConflictDoUpdate({ target: [signInAddresses.userId, signInAddresses.ip], set: { lastSuccessAt: sql`now()` } });
    }
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
  const { rows } = await db.$client.query<LivePersonRow>({
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
      select ${LIVE_PERSON_COLUMNS}
      from live join users u on u.id = live.user_id`,
    values: [idHash, idleMinutes, TOUCH_AFTER_SECONDS],
  });
  const row = rows[0];
  return row ? toLivePerson(row) : null;
}

/** What a request's credential (a session, an API token) says of its person: the columns, then the object. */
export const LIVE_PERSON_COLUMNS = `u.id as user_id, u.email, u.display_name,
        coalesce((select json_agg(json_build_object('role', r.role, 'atelierCode', r.atelier_code, 'territoryCode', r.territory_code))
          from user_roles r where r.user_id = u.id), '[]'::json) as grants,
        (select revision from settings_revision where id = 1) as settings_revision`;

export interface LivePersonRow {
  user_id: string;
  email: string;
  display_name: string;
  grants: { role: string; atelierCode: string | null; territoryCode: string | null }[];
  settings_revision: string | null;
}

export function toLivePerson(row: LivePersonRow): LiveSession {
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
