/**
 * An invitation: a single-use link valid 72 hours, written with its email
 * and its journal entry in the transaction that makes it. Only a SHA-256 of
 * the secret is stored (base64url, as the sessions' ids): a copy of the
 * database opens no account. The secret leaves in the email only, after #,
 * so that it never reaches a server log.
 */
import { createHash, randomBytes } from "node:crypto";
import { INVITATION_LINK_HOURS, type RoleGrant } from "@enquete/domain";
import { type AuditActor, recordAudit } from "../audit/record.ts";
import { invitationEmail } from "../notifications/account-emails.ts";
import * as outboxRepo from "../notifications/outbox-repository.ts";
import { describeGrants } from "./grants.ts";
import * as repo from "./repository.ts";

/** How a link's secret is kept: the lookup of POST /api/auth/password hashes what it is given the same way. */
export const hashLinkSecret = (secret: string) => createHash("sha256").update(secret).digest("base64url");

export const newLinkSecret = () => randomBytes(32).toString("base64url");

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
  await repo.endLinks(tx, user.id, "invitation");
  const secret = newLinkSecret();
  const expiresAt = new Date(Date.now() + INVITATION_LINK_HOURS * 3600 * 1000);
  const linkId = await repo.insertLink(tx, {
    userId: user.id,
    purpose: "invitation",
    tokenHash: hashLinkSecret(secret),
    expiresAt,
    createdBy: actor.id,
  });
  const email = invitationEmail({
    displayName: user.displayName,
    invitedBy: inviterName(actor),
    roles: await describeGrants(tx, user.grants),
    token: secret,
  });
  await outboxRepo.enqueue(tx, [
    { kind: "account_invitation", dedupeKey: `account_invitation:${linkId}`, toUserId: user.id, toEmail: user.email, ...email },
  ]);
  await recordAudit(tx, actor, [
    {
      action: "user.invitation_sent",
      subject: `user:${user.id}`,
      details: { sentTo: user.email, expiresAt: expiresAt.toISOString() },
    },
  ]);
  return { sentTo: user.email, expiresAt };
}
