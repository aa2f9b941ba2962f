/**
 * Writes the administrative journal: every action on accounts, access, the
 * referential and the settings, with who did it and the state before and
 * after, in the transaction of the action itself (it exists if and only if
 * the action does). Read back by GET /api/audit.
 */
import { auditEvents } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

export interface AuditActor {
  /** null: the command line, a scheduled job, or a person not signed in (a password reset). */
  id: string | null;
  label: string;
}

export interface AuditEntry {
  /** "user.created", "user.roles_changed", "password.reset_requested"… */
  action: string;
  /** "user:<id>", "atelier:86", "setting:<key>", "token:<id>". */
  subject: string;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping (never a secret, never a password). */
  details?: Record<string, unknown>;
}

export async function recordAudit(tx: DbOrTx, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(
    entries.map((e) => ({
      actorId: actor.id,
      actorLabel: actor.label,
      action: e.action,
      subject: e.subject,
      details: { ...(e.details ?? {}), before: e.before ?? null, after: e.after ?? null },
    })),
  );
}

/** How a signed-in person is named in the journal. */
export const actorOf = (caller: { userId: string; displayName: string; email: string }): AuditActor => ({
  id: caller.userId,
  label: `${caller.displayName} <${caller.email}>`,
});
