/**
 * The accounts' tables: users, their grants, their single-use links, and
 * what ends with a deactivation (sessions, API tokens, links). Writes take
 * the transaction of the service, which audits in it.
 */
import type { AccountStatus, RoleGrant } from "@enquete/domain";
import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiTokens, atelierTerritories, auditEvents, sessions, userLinks, userRoles, users } from "../../db/schema.ts";
import { revokeTokensOf } from "../auth/tokens-repository.ts";
import { membershipOn } from "../referential/repository.ts";
import type { DbOrTx } from "../reports/repository.ts";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const summaryColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  active: users.active,
  passwordSet: sql<boolean>`${users.passwordHash} is not null`,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};
export type UserRow = {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  passwordSet: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
};

/** `%` and `_` typed by a person are letters, not wildcards (backslash is LIKE's escape). */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The status of accountStatus() (packages/domain/src/identity.ts), as a condition on the users table. */
function statusIs(status: AccountStatus): SQL {
  if (status === "disabled") return sql`not ${users.active}`;
  const invited = sql`${users.passwordHash} is null and ${users.lastLoginAt} is null`;
  return status === "invited" ? sql`${users.active} and ${invited}` : sql`${users.active} and not (${invited})`;
}

const hasGrant = (condition: SQL) => sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${condition})`;

/**
 * Names sorted as a French reader expects, whatever the database's collation
 * (the embedded one sorts bytes): without case nor accents, Élodie beside Elise.
 */
const sortKey = (column: typeof users.displayName) => sql`regexp_replace(normalize(lower(${column}), NFD), '[\u0300-\u036f]', '', 'g')`;

export interface UserFilter {
  q?: string;
  role?: RoleGrant["role"];
  territory?: string;
  atelier?: string;
  status?: AccountStatus;
  /** Today in Paris: an atelier is in a territory by its membership of today. */
  day: string;
}

function filterOf(f: UserFilter): SQL | undefined {
  return and(
    f.q ? or(ilike(users.displayName, likePattern(f.q)), ilike(users.email, likePattern(f.q))) : undefined,
    f.role ? hasGrant(sql`${userRoles.role} = ${f.role}`) : undefined,
    f.territory
      ? hasGrant(
          sql`((${userRoles.role} = 'territory' and ${userRoles.territoryCode} = ${f.territory})
            or (${userRoles.role} = 'atelier' and ${userRoles.atelierCode} in (
              select ${atelierTerritories.atelierCode} from ${atelierTerritories}
              where ${atelierTerritories.territoryCode} = ${f.territory} and ${membershipOn(f.day)})))`,
        )
      : undefined,
    f.atelier ? hasGrant(sql`${userRoles.role} = 'atelier' and ${userRoles.atelierCode} = ${f.atelier}`) : undefined,
    f.status ? statusIs(f.status) : undefined,
  );
}

export async function searchUsers(db: Db, filter: UserFilter, page: { limit: number; offset: number }) {
  const where = filterOf(filter);
  const [rows, [total]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(users)
      .where(where)
      .orderBy(asc(sortKey(users.displayName)), asc(users.displayName), asc(sql`lower(${users.email})`), asc(users.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows: rows as UserRow[], total: total?.n ?? 0 };
}

/** Every account, for the command line's list. */
export async function allUsers(db: Db): Promise<UserRow[]> {
  return (await db.select(summaryColumns).from(users).orderBy(asc(users.email))) as UserRow[];
}

export async function grantsOf(db: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return await db
    .select({ userId: userRoles.userId, role: userRoles.role, atelierCode: userRoles.atelierCode, territoryCode: userRoles.territoryCode })
    .from(userRoles)
    .where(inArray(userRoles.userId, userIds));
}

export async function findUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const rows = await db.select(summaryColumns).from(users).where(eq(users.id, id));
  return rows[0] as UserRow | undefined;
}

/** The account, locked until the end of the transaction: changes of one account happen one after the other. */
export async function lockUser(tx: Tx, id: string): Promise<UserRow | undefined> {
  const rows = await tx.select(summaryColumns).from(users).where(eq(users.id, id)).for("update");
  return rows[0] as UserRow | undefined;
}

/** What the person's page shows beside the account: the invitation waiting, live sessions and tokens. */
export async function accessOf(db: DbOrTx, id: string, live: { idleMinutes: number; today: string }) {
  const [links, [liveSessions], [liveTokens]] = await Promise.all([
    db
      .select({ createdAt: userLinks.createdAt, expiresAt: userLinks.expiresAt, expired: sql<boolean>`${userLinks.expiresAt} <= now()` })
      .from(userLinks)
      .where(and(eq(userLinks.userId, id), eq(userLinks.purpose, "invitation"), isNull(userLinks.usedAt)))
      .orderBy(desc(userLinks.createdAt))
      .limit(1),
    db
      .select({ n: count() })
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, id),
          gt(sessions.expiresAt, sql`now()`),
          gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${live.idleMinutes})`),
        ),
      ),
    db
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt), sql`${apiTokens.expiresOn} >= ${live.today}::date`)),
  ]);
  return { invitation: links[0] ?? null, activeSessions: liveSessions?.n ?? 0, activeTokens: liveTokens?.n ?? 0 };
}

export async function findUserIdByEmail(db: DbOrTx, emailKey: string): Promise<string | null> {
  const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${emailKey}`);
  return rows[0]?.id ?? null;
}

/** A new account without a password: it is activated by its invitation link. */
export async function insertInvitedUser(tx: Tx, input: { email: string; displayName: string }): Promise<string> {
  const [row] = await tx
    .insert(users)
    .values({ email: input.email, displayName: input.displayName, passwordHash: null })
    .returning({ id: users.id });
  if (!row) throw new Error("user not inserted");
  return row.id;
}

export async function rename(tx: Tx, id: string, displayName: string) {
  await tx.update(users).set({ displayName }).where(eq(users.id, id));
}

export async function setActive(tx: Tx, id: string, active: boolean) {
  await tx.update(users).set({ active }).where(eq(users.id, id));
}

const grantRow = (userId: string, g: RoleGrant) => ({
  userId,
  role: g.role,
  atelierCode: g.role === "atelier" ? g.atelierCode : null,
  territoryCode: g.role === "territory" ? g.territoryCode : null,
});

export async function replaceGrants(tx: Tx, userId: string, grants: readonly RoleGrant[]) {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (grants.length > 0) await tx.insert(userRoles).values(grants.map((g) => grantRow(userId, g)));
}

/** Every unused link of the person (of one purpose, or all) stops working now. */
export async function endLinks(tx: Tx, userId: string, purpose?: "invitation" | "password_reset"): Promise<number> {
  const rows = await tx
    .update(userLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userLinks.userId, userId), isNull(userLinks.usedAt), purpose ? eq(userLinks.purpose, purpose) : undefined))
    .returning({ id: userLinks.id });
  return rows.length;
}

/**
 * A deactivated person loses every way in at once: their sessions, their
 * API tokens (revoked, kept in their list) and their links waiting.
 */
export async function endAccess(tx: Tx, userId: string) {
  const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.publicId });
  const tokens = await revokeTokensOf(tx, userId);
  const links = await endLinks(tx, userId);
  return { sessions: ended.length, tokens, links };
}

/**
 * Changes of who administers the platform are made one at a time across
 * processes: two administrators removing each other at the same moment
 * cannot both succeed and leave nobody.
 */
export async function lockAdministrators(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('platform-administrators'))`);
}

export async function countActiveAdministrators(tx: Tx): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), eq(userRoles.role, "admin")));
  return row?.n ?? 0;
}

/** Creates an account or updates it, grants roles, and records what was done, in one transaction (the command line). */
export async function upsertUser(
  db: Db,
  input: { email: string; displayName?: string; passwordHash?: string; grants: RoleGrant[]; actorLabel: string },
) {
  return await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
      .for("update");
    let userId = existing[0]?.id;
    const created = !userId;
    if (!userId) {
      if (!input.passwordHash || !input.displayName) throw new Error("missing password or name for a new account");
      const [row] = await tx
        .insert(users)
        .values({ email: input.email, displayName: input.displayName, passwordHash: input.passwordHash })
        .returning({ id: users.id });
      userId = row?.id ?? "";
    } else {
      const changes: Partial<typeof users.$inferInsert> = {};
      if (input.displayName) changes.displayName = input.displayName;
      if (input.passwordHash) {
        changes.passwordHash = input.passwordHash;
        changes.passwordChangedAt = new Date();
      }
      if (Object.keys(changes).length > 0) await tx.update(users).set(changes).where(eq(users.id, userId));
    }
    for (const g of input.grants) await tx.insert(userRoles).values(grantRow(userId, g)).onConflictDoNothing();
    await tx.insert(auditEvents).values({
      actorLabel: input.actorLabel,
      action: created ? "user.created" : "user.updated",
      subject: `user:${userId}`,
      details: { email: input.email, grants: input.grants, passwordChanged: Boolean(input.passwordHash) },
    });
    return { userId, created };
  });
}
