/**
 * Passwords chosen by the person: through a link sent by email (an
 * invitation, a forgotten password) or in their profile. The policy is the
 * domain's (checkPassword), the very function the browser shows as the person
 * types, so both refuse with the same French reasons.
 */
import type { TChangePasswordBody, TLinkInfo, TSetPasswordBody } from "@enquete/contract";
import { normalizeEmail } from "@enquete/domain";
import { checkPassword } from "@enquete/domain/password";
import { hash, verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { AppError, validationFailed } from "../../errors.ts";
import { actorOf, recordAudit } from "../audit/record.ts";
import { passwordResetEmail } from "../notifications/account-emails.ts";
import { enqueue } from "../notifications/outbox-repository.ts";
import { assertMayTry } from "./limits.ts";
import { createLink, endLinksOf, findLiveLink, resetLinksInLastHour } from "./links.ts";
import * as repo from "./repository.ts";
import type { Caller } from "./service.ts";
import { deleteSessionsOf } from "./sessions-repository.ts";
import { revokeTokensOf } from "./tokens-repository.ts";

/** Reset emails one account may receive in an hour: more would make the form a way to flood an inbox. */
export const RESET_EMAILS_PER_HOUR = 3;

export const linkGone = () =>
  new AppError("LINK_GONE", 410, "Ce lien n'est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.");

const refused = (field: string, problems: string[]) => validationFailed(problems.map((message) => ({ field, message })));

/**
 * A reset link for the account of that email, if there is one that is not
 * disabled (an invited one too: choosing a password through it activates the
 * account), and if it had fewer than RESET_EMAILS_PER_HOUR this hour. Says
 * whether an email was written. The route has answered before this runs, so
 * nothing here can change the answer.
 */
export async function requestPasswordReset(db: Db, email: string): Promise<boolean> {
  const emailKey = normalizeEmail(email);
  return await db.transaction(async (tx) => {
    // The account's row locked: two requests at once count each other's links.
    const [user] = await tx
      .select({ id: users.id, email: users.email, displayName: users.displayName })
      .from(users)
      .where(sql`lower(${users.email}) = ${emailKey} and ${users.active}`)
      .for("update");
    if (!user) return false;
    if ((await resetLinksInLastHour(tx, user.id)) >= RESET_EMAILS_PER_HOUR) return false;
    const link = await createLink(tx, { userId: user.id, purpose: "password_reset" });
    await enqueue(tx, [
      {
        kind: "password_reset",
        dedupeKey: `password-reset:${link.id}`,
        toUserId: user.id,
        toEmail: user.email,
        ...passwordResetEmail({ displayName: user.displayName, token: link.secret }),
      },
    ]);
    const person = actorOf({ userId: user.id, displayName: user.displayName, email: user.email });
    await recordAudit(tx, { id: person.id, label: `${person.label} (demande depuis la page de connexion)` }, [
      { action: "password.reset_requested", subject: `user:${user.id}`, details: { expiresAt: link.expiresAt.toISOString() } },
    ]);
    return true;
  });
}

export async function linkInfo(db: Db, token: string): Promise<TLinkInfo> {
  const link = await findLiveLink(db, token);
  if (!link) throw linkGone();
  return { purpose: link.purpose, email: link.email, displayName: link.displayName, expiresAt: link.expiresAt.toISOString() };
}

/**
 * Sets the password a link's holder chose: the link and every other unused
 * link of the person end, and so does every session (whoever had the old
 * password is out). Not a sign-in: the person then signs in with it.
 */
export async function setPasswordWithLink(db: Db, body: TSetPasswordBody): Promise<void> {
  const link = await findLiveLink(db, body.token);
  if (!link) throw linkGone();
  const verdict = checkPassword(body.password, { email: link.email, displayName: link.displayName });
  if (!verdict.ok) throw refused("password", verdict.problems);
  // Hashed before the transaction: argon2 takes a while, and no lock needs to wait for it.
  const passwordHash = await hash(body.password);
  await db.transaction(async (tx) => {
    // Locked and read again: of two tabs sending the same link, the second finds it used.
    const live = await findLiveLink(tx, body.token, true);
    if (!live) throw linkGone();
    await tx.update(users).set({ passwordHash, passwordChangedAt: sql`now()` }).where(eq(users.id, live.userId));
    await endLinksOf(tx, live.userId);
    await deleteSessionsOf(tx, live.userId, null);
    // A link recovers the account: whatever the person who knew the old password opened ends, tokens included.
    const tokensRevoked = await revokeTokensOf(tx, live.userId);
    await recordAudit(tx, actorOf({ userId: live.userId, displayName: live.displayName, email: live.email }), [
      { action: "password.set", subject: `user:${live.userId}`, details: { purpose: live.purpose, tokensRevoked } },
    ]);
  });
}

/**
 * The profile's password change. The current password is proof of who is at
 * the keyboard, so a wrong one counts as a failed sign-in of the account from
 * this address (the form cannot be used to guess it faster than the login).
 */
export async function changePassword(
  db: Db,
  caller: Caller,
  body: TChangePasswordBody,
  ip: string,
  maxFailuresPerMinute: number,
): Promise<void> {
  const emailKey = normalizeEmail(caller.email);
  await assertMayTry(db, emailKey, ip, maxFailuresPerMinute);
  const user = await repo.findUserByEmail(db, emailKey);
  const ok = user?.passwordHash ? await verify(user.passwordHash, body.currentPassword).catch(() => false) : false;
  if (!user || !ok) {
    await repo.recordFailure(db, emailKey, ip);
    throw refused("currentPassword", ["Le mot de passe actuel est incorrect."]);
  }
  if (body.newPassword === body.currentPassword) {
    throw refused("newPassword", ["Choisissez un mot de passe différent de l'actuel."]);
  }
  const verdict = checkPassword(body.newPassword, { email: caller.email, displayName: caller.displayName });
  if (!verdict.ok) throw refused("newPassword", verdict.problems);
  const passwordHash = await hash(body.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: sql`now()` }).where(eq(users.id, caller.userId));
    // A reset link sent earlier must not bring back a password of its own choosing.
    await endLinksOf(tx, caller.userId);
    const ended = await deleteSessionsOf(tx, caller.userId, caller.sessionHash);
    await recordAudit(tx, actorOf(caller), [
      { action: "password.changed", subject: `user:${caller.userId}`, details: { otherSessionsEnded: ended } },
    ]);
  });
}
