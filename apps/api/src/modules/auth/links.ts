/**
 * Single-use links sent by email (an invitation, a password reset): a random
 * secret goes into the email, only its SHA-256 into user_links. Accounts
 * (invitations) and passwords (resets) both write them here, so a link made
 * by one is read by the other.
 */
import { createHash, randomBytes } from "node:crypto";
import { INVITATION_LINK_HOURS, RESET_LINK_MINUTES } from "@enquete/domain";
import { and, eq, isNull, sql } from "drizzle-orm";
import { userLinks, users } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

export type LinkPurpose = "invitation" | "password_reset";

/** The same digest as session ids and API tokens: base64url of SHA-256. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("base64url");

const LIFETIME_MINUTES: Record<LinkPurpose, number> = {
  invitation: INVITATION_LINK_HOURS * 60,
  password_reset: RESET_LINK_MINUTES,
};

/**
 * A new link for a person, ending their earlier unused links of the same
 * purpose (a resent invitation kills the first one). Returns the secret for
 * the email: it is stored nowhere.
 */
export async function createLink(
  tx: DbOrTx,
  input: { userId: string; purpose: LinkPurpose; createdBy?: string | null },
): Promise<{ id: string; secret: string; expiresAt: Date }> {
  await tx
    .update(userLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userLinks.userId, input.userId), eq(userLinks.purpose, input.purpose), isNull(userLinks.usedAt)));
  const secret = randomBytes(32).toString("base64url");
  const [row] = await tx
    .insert(userLinks)
    .values({
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashSecret(secret),
      expiresAt: sql`now() + make_interval(mins => ${LIFETIME_MINUTES[input.purpose]})`,
      createdBy: input.createdBy ?? null,
    })
    .returning({ id: userLinks.id, expiresAt: userLinks.expiresAt });
  if (!row) throw new Error("link not created");
  return { id: row.id, secret, expiresAt: row.expiresAt };
}

export interface LiveLink {
  id: string;
  userId: string;
  purpose: LinkPurpose;
  expiresAt: Date;
  email: string;
  displayName: string;
}

/**
 * The link behind a secret if it can still be used: never used, not expired,
 * its account not disabled. `lock`: hold it until the transaction ends, so
 * two tabs submitting the same link cannot both use it.
 */
export async function findLiveLink(db: DbOrTx, secret: string, lock = false): Promise<LiveLink | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(secret)) return null;
  const query = db
    .select({
      id: userLinks.id,
      userId: userLinks.userId,
      purpose: userLinks.purpose,
      expiresAt: userLinks.expiresAt,
      email: users.email,
      displayName: users.displayName,
    })
    .from(userLinks)
    .innerJoin(users, eq(users.id, userLinks.userId))
    .where(
      and(
        eq(userLinks.tokenHash, hashSecret(secret)),
        isNull(userLinks.usedAt),
        sql`${userLinks.expiresAt} > now()`,
        eq(users.active, true),
      ),
    );
  const rows = lock ? await query.for("update", { of: userLinks }) : await query;
  const row = rows[0];
  return row ? { ...row, purpose: row.purpose as LinkPurpose } : null;
}

/** Using a link (or setting a password) ends every unused link of the person. */
export async function endLinksOf(tx: DbOrTx, userId: string): Promise<void> {
  await tx
    .update(userLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userLinks.userId, userId), isNull(userLinks.usedAt)));
}

/** Reset links of a person made in the last hour (ended ones too): at most a few emails an hour. */
export async function resetLinksInLastHour(tx: DbOrTx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(userLinks)
    .where(
      and(eq(userLinks.userId, userId), eq(userLinks.purpose, "password_reset"), sql`${userLinks.createdAt} > now() - interval '1 hour'`),
    );
  return row?.n ?? 0;
}
