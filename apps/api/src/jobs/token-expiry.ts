/**
 * Warns the owner of an API token a week before it stops working, so that a
 * script of the DIS does not fail on a Monday morning. Each token is warned
 * once (its key in the outbox, and expiry_warned_at), so the job may run as
 * often as it likes.
 */
import { TOKEN_WARNING_DAYS } from "@enquete/domain";
import type { Db } from "../db/client.ts";
import { markWarned, tokensToWarn } from "../modules/auth/tokens-repository.ts";
import { tokenExpiryEmail } from "../modules/notifications/account-emails.ts";
import { enqueue } from "../modules/notifications/outbox-repository.ts";

/** Queues the warnings of `today` (Paris); returns how many emails were written. */
export async function queueTokenExpiryWarnings(db: Db, today: string): Promise<number> {
  return await db.transaction(async (tx) => {
    const due = await tokensToWarn(tx, today, TOKEN_WARNING_DAYS);
    const queued = await enqueue(
      tx,
      due.map((t) => ({
        kind: "token_expiry",
        dedupeKey: `token-expiry:${t.id}`,
        toUserId: t.user_id,
        toEmail: t.email,
        ...tokenExpiryEmail({ displayName: t.display_name, label: t.label, prefix: t.prefix, expiresOn: t.expires_on }),
      })),
    );
    await markWarned(
      tx,
      due.map((t) => t.id),
    );
    return queued;
  });
}
