/**
 * An invitation: a single-use link valid 72 hours (auth/links.ts, where the
 * password page reads it back), written with its email and its journal
 * entry in the transaction that makes it. The secret leaves in the email
 * only, after #, so that it never reaches a server log.
 */
import type { RoleGrant } from "@enquete/domain";
import { type AuditActor, recordAudit } from "../audit/record.ts";
import { createLink } from "../auth/links.ts";
import { invitationEmail } from "../notifications/account-emails.ts";
import * as outboxRepo from "../notifications/outbox-repository.ts";
import { describeGrants } from "./grants.ts";
import type * as repo from "./repository.ts";

/** Who invites, as the email names them: the administrator, or the platform's administration for the command line. */
const inviterName = (actor: AuditActor & { displayName?: string }) => actor.displayName ?? "L'administration de la plateforme";

export interface Invitation {
  sentTo: string;
  expiresAt: Date;
}

/**
 * Ends the person's earlier invitation links and writes a new one, its
 * email and `user.invitation_sent`. The caller sends the outbox after the
 * commit (app.courier.deliverSoon()).
 */
export async function sendInvitation(
  tx: repo.Tx,
  actor: AuditActor & { displayName?: string },
  user: { id: string; email: string; displayName: string; grants: readonly RoleGrant[] },
): Promise<Invitation> {
  // The earlier invitation links of the person end here: only the newest one works.
  const link = await createLink(tx, { userId: user.id, purpose: "invitation", createdBy: actor.id });
  const email = invitationEmail({
    displayName: user.displayName,
    invitedBy: inviterName(actor),
    roles: await describeGrants(tx, user.grants),
    token: link.secret,
  });
  await outboxRepo.enqueue(tx, [
    { kind: "account_invitation", dedupeKey: `account_invitation:${link.id}`, toUserId: user.id, toEmail: user.email, ...email },
  ]);
  await recordAudit(tx, actor, [
    {
      action: "user.invitation_sent",
      subject: `user:${user.id}`,
      details: { sentTo: user.email, expiresAt: link.expiresAt.toISOString() },
    },
  ]);
  return { sentTo: user.email, expiresAt: link.expiresAt };
}
