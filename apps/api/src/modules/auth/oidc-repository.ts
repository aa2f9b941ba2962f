/**
 * What single sign-on keeps in PostgreSQL: the sign-ins under way (state,
 * nonce, PKCE verifier), shared by every API process since the provider may
 * send the person back to any of them.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { oidcLogins, users } from "../../db/schema.ts";

const ageLimit = (minutes: number) => sql`now() - make_interval(mins => ${minutes})`;

export async function saveLogin(
  db: Db,
  login: { stateHash: string; nonce: string; codeVerifier: string; returnTo: string },
  lifetimeMinutes: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    // Sign-ins abandoned at the provider's page are worth nothing after their lifetime.
    await tx.delete(oidcLogins).where(lt(oidcLogins.createdAt, ageLimit(lifetimeMinutes)));
    await tx.insert(oidcLogins).values(login);
  });
}

/**
 * The sign-in a state names, removed in the same statement: a state works
 * once, even when two callbacks race (only one of them gets the row).
 */
export async function takeLogin(db: Db, stateHash: string, lifetimeMinutes: number) {
  const rows = await db
    .delete(oidcLogins)
    .where(eq(oidcLogins.stateHash, stateHash))
    .returning({
      nonce: oidcLogins.nonce,
      codeVerifier: oidcLogins.codeVerifier,
      returnTo: oidcLogins.returnTo,
      fresh: sql<boolean>`${oidcLogins.createdAt} > ${ageLimit(lifetimeMinutes)}`,
    });
  const row = rows[0];
  return row?.fresh ? { nonce: row.nonce, codeVerifier: row.codeVerifier, returnTo: row.returnTo } : null;
}

/** The active account with this email (lower-cased), invited ones included; never a disabled one. */
export async function findActiveAccountByEmail(db: Db, emailKey: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${emailKey}`, eq(users.active, true)));
  return rows[0] ?? null;
}
