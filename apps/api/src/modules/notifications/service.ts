/**
 * Notification preferences of the signed-in user, the outbox page of the
 * administrators, and the emails a decision on a report sends.
 */
import {
  NOTIFICATION_KINDS,
  type TNotificationKind,
  type TNotificationPreferences,
  type TOutboxPage,
  type TOutboxQuery,
  type TUpdateNotificationPreferencesBody,
} from "@enquete/contract";
import { atelierName } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import type { DbOrTx } from "../reports/repository.ts";
import { SECRET_LINK_KINDS } from "./account-emails.ts";
import { decisionEmail } from "./emails.ts";
import { type EmailKind, KINDS, PREFERENCE_OF } from "./kinds.ts";
import * as outboxRepo from "./outbox-repository.ts";
import * as repo from "./repository.ts";

const concerns = (caller: Caller, kind: TNotificationKind) => caller.grants.some((g) => g.role === KINDS[kind].role);

export async function getPreferences(db: DbOrTx, caller: Caller): Promise<TNotificationPreferences> {
  const saved = await repo.preferencesOf(db, caller.userId);
  return {
    preferences: NOTIFICATION_KINDS.filter((kind) => concerns(caller, kind)).map((kind) => ({
      kind,
      label: KINDS[kind].label,
      description: KINDS[kind].description,
      essential: KINDS[kind].essential,
      enabled: KINDS[kind].essential || (saved.get(kind) ?? true),
    })),
  };
}

/** Changes the caller's own preferences only: the user comes from the session, never from the body. */
export async function updatePreferences(
  db: Db,
  caller: Caller,
  body: TUpdateNotificationPreferencesBody,
): Promise<TNotificationPreferences> {
  const entries = NOTIFICATION_KINDS.flatMap((kind) => {
    const enabled = body.preferences[kind];
    return enabled === undefined ? [] : [{ kind, enabled }];
  });
  const errors = entries.flatMap(({ kind, enabled }) => {
    if (!concerns(caller, kind)) return [{ field: `preferences.${kind}`, message: "Ce type de message ne vous concerne pas." }];
    if (KINDS[kind].essential && !enabled) {
      return [{ field: `preferences.${kind}`, message: "Ce message est indispensable : il ne peut pas être désactivé." }];
    }
    return [];
  });
  if (errors.length > 0) {
    throw new AppError("VALIDATION_FAILED", 422, "Certaines préférences ne peuvent pas être enregistrées.", errors);
  }
  // Essential kinds are always on: nothing to store for them.
  await repo.savePreferences(
    db,
    caller.userId,
    entries.filter((e) => !KINDS[e.kind].essential),
  );
  return await getPreferences(db, caller);
}

export async function listOutbox(db: Db, query: TOutboxQuery): Promise<TOutboxPage> {
  const { items, total } = await outboxRepo.listOutbox(db, query.limit, query.offset);
  return {
    total,
    limit: query.limit,
    offset: query.offset,
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      to: r.toEmail,
      subject: r.subject,
      // A single-use link is the person's own secret: administrators never see it.
      link: SECRET_LINK_KINDS.includes(r.kind) ? null : r.link,
      status: r.sentAt ? "sent" : r.attempts > 0 ? "failed" : "pending",
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt ? r.sentAt.toISOString() : null,
      attempts: r.attempts,
      lastError: r.lastError,
    })),
  };
}

const DECISION_KIND: Record<"validate" | "return" | "reopen", EmailKind> = {
  validate: "report_validated",
  return: "report_returned",
  reopen: "report_reopened",
};

/**
 * Writes the emails of a decision to the outbox, in the transaction of the
 * decision: they exist if and only if the decision does. One email per
 * director of the atelier; the version makes each decision its own key, so a
 * second return of the same report is a second email.
 */
export async function queueDecisionEmails(
  tx: DbOrTx,
  input: { atelierCode: string; period: string; action: "validate" | "return" | "reopen"; comment: string | null },
): Promise<number> {
  const report = await repo.decidedReport(tx, input.atelierCode, input.period);
  if (!report) return 0;
  const kind = DECISION_KIND[input.action];
  const preference = PREFERENCE_OF[kind];
  const directors = await repo.atelierDirectors(tx, input.atelierCode, KINDS[preference].essential ? null : preference);
  const content = decisionEmail({
    action: input.action,
    atelierCode: input.atelierCode,
    atelierLabel: atelierName(input.atelierCode, report.city),
    period: input.period,
    comment: input.comment,
    actor: report.actorLabel ?? (input.action === "reopen" ? "La direction nationale" : "La direction territoriale"),
  });
  return await outboxRepo.enqueue(
    tx,
    directors.map((d) => ({
      kind,
      dedupeKey: `decision:${input.action}:${input.atelierCode}:${input.period}:v${report.version}:${d.userId}`,
      toUserId: d.userId,
      toEmail: d.email,
      ...content,
    })),
  );
}
