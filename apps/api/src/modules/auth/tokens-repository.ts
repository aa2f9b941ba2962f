/**
 * Personal API tokens in the database: only a SHA-256 of the secret is kept.
 * A token is alive while it is not revoked, its last day (Europe/Paris) has
 * not passed, and its owner is active.
 */
import type { RoleGrant } from "@enquete/domain";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiTokens } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";
import { LIVE_PERSON_COLUMNS, type LivePersonRow, toLivePerson } from "./repository.ts";

/** Today in Paris, as the database sees it: a token works until the end of its last day there. */
export const PARIS_TODAY = sql`(now() at time zone 'Europe/Paris')::date`;

/** A token's last use is written at most this often: a script's burst of GETs writes once. */
export const TOKEN_TOUCH_AFTER_SECONDS = 60;

export interface TokenRow {
  id: string;
  label: string;
  prefix: string;
  createdAt: Date;
  expiresOn: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expired: boolean;
}

const columns = {
  id: apiTokens.id,
  label: apiTokens.label,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  expiresOn: apiTokens.expiresOn,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  expired: sql<boolean>`${apiTokens.expiresOn} < ${PARIS_TODAY}`,
};

export async function insertToken(
  tx: DbOrTx,
  input: { userId: string; label: string; tokenHash: string; prefix: string; expiresOn: string },
): Promise<TokenRow> {
  const [row] = await tx.insert(apiTokens).values(input).returning(columns);
  if (!row) throw new Error("token not created");
  return row;
}

export async function listTokens(db: Db, userId: string): Promise<TokenRow[]> {
  return await db.select(columns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the person's own tokens (a second revocation changes nothing); null when it is not theirs. */
export async function revokeToken(tx: DbOrTx, userId: string, id: string): Promise<{ before: TokenRow; after: TokenRow } | null> {
  const [before] = await tx
    .select(columns)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .for("update");
  if (!before) return null;
  if (before.revokedAt) return { before, after: before };
  const [after] = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning(columns);
  return { before, after: after ?? before };
}

/** Today in Paris according to the database (the same clock as the tokens' expiry). */
export interface LiveToken {
  tokenId: string;
  userId: string;
  email: string;
  displayName: string;
  grants: RoleGrant[];
  settingsRevision: number;
}

/**
 * The token behind a secret if it is alive, with its owner's current grants
 * and the settings revision, in one statement (like a session). Its last use
 * is written only when the last write is older than TOKEN_TOUCH_AFTER_SECONDS.
 */
export async function findLiveToken(db: Db, tokenHash: string): Promise<LiveToken | null> {
  const { rows } = await db.$client.query<LivePersonRow & { token_id: string }>({
    name: "find-live-token",
    text: `with live as (
        select t.id, t.user_id, t.last_used_at
        from api_tokens t join users u on u.id = t.user_id
        where t.token_hash = $1 and u.active and t.revoked_at is null
          and t.expires_on >= (now() at time zone 'Europe/Paris')::date
      ),
      touched as (
        update api_tokens t set last_used_at = now()
        from live
        where t.id = live.id and (live.last_used_at is null or live.last_used_at < now() - make_interval(secs => $2::int))
        returning 1
      )
      select live.id as token_id, ${LIVE_PERSON_COLUMNS}
      from live join users u on u.id = live.user_id`,
    values: [tokenHash, TOKEN_TOUCH_AFTER_SECONDS],
  });
  const row = rows[0];
  return row ? { tokenId: row.token_id, ...toLivePerson(row) } : null;
}

/** Live tokens whose last day comes within `days` and whose owner was not warned yet, locked for the warning. */
/** Every live token of the person revoked (kept in their list); how many. */
export async function revokeTokensOf(tx: DbOrTx, userId: string): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}

export async function tokensToWarn(tx: DbOrTx, today: string, days: number) {
  const { rows } = await tx.execute<{
    id: string;
    user_id: string;
    label: string;
    prefix: string;
    expires_on: string;
    email: string;
    display_name: string;
  }>(sql`select t.id, t.user_id, t.label, t.prefix, to_char(t.expires_on, 'YYYY-MM-DD') as expires_on, u.email, u.display_name
    from api_tokens t join users u on u.id = t.user_id
    where t.revoked_at is null and t.expiry_warned_at is null and u.active
      and t.expires_on >= ${today}::date and t.expires_on <= ${today}::date + ${days}::int
    order by t.expires_on, t.id
    for update of t skip locked`);
  return rows;
}

export async function markWarned(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(apiTokens).set({ expiryWarnedAt: sql`now()` }).where(inArray(apiTokens.id, ids));
}
