/**
 * GET /api/audit: the administrative journal, newest first, each line with
 * its action and subject in French and the state before and after, as the
 * action recorded them (details.before, details.after).
 */
import type { TAuditEvent, TAuditPage, TAuditQuery } from "@enquete/contract";
import type { Db } from "../../db/client.ts";
import { validationFailed } from "../../errors.ts";
import { isUuid } from "../users/service.ts";
import { actionLabel, subjectLabel, subjectParts } from "./labels.ts";
import * as repo from "./repository.ts";

/** A day of the calendar, not only of the right shape (2026-02-30 is refused here, not by PostgreSQL). */
function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

function checkDays(query: TAuditQuery) {
  const errors: { field: string; message: string }[] = [];
  for (const field of ["from", "to"] as const) {
    const day = query[field];
    if (day === undefined) continue;
    if (!isRealDay(day)) errors.push({ field, message: `Le ${day} n'existe pas dans le calendrier.` });
    // PostgreSQL has no year 0; nothing of the platform is older than this anyway.
    else if (day < "1900-01-01") errors.push({ field, message: "Choisissez un jour à partir du 1er janvier 1900." });
  }
  if (errors.length === 0 && query.from && query.to && query.from > query.to) {
    errors.push({ field: "to", message: "Le dernier jour doit venir après le premier (ou être le même)." });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

const unique = (values: string[]) => [...new Set(values)];

export async function listAudit(db: Db, query: TAuditQuery): Promise<TAuditPage> {
  checkDays(query);
  const actor = query.actor || undefined;
  const { rows, total, actions } = await repo.searchAudit(
    db,
    {
      ...(actor && isUuid(actor) ? { actorId: actor } : { actorText: actor }),
      action: query.action || undefined,
      subject: query.subject || undefined,
      from: query.from,
      to: query.to,
    },
    { limit: query.limit, offset: query.offset },
  );
  const parts = rows.map((r) => subjectParts(r.subject));
  const restsOf = (kind: string) => unique(parts.filter((p) => p.kind === kind).map((p) => p.rest));
  const names = await repo.subjectNames(db, {
    users: restsOf("user").filter(isUuid),
    tokens: restsOf("token").filter(isUuid),
    ateliers: restsOf("atelier"),
    territories: restsOf("territory"),
  });
  const items: TAuditEvent[] = rows.map((r) => {
    const raw = r.details;
    const record = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { value: raw };
    const { before = null, after = null, ...details } = record;
    return {
      id: r.id,
      at: r.at.toISOString(),
      actor: { id: r.actorId, label: r.actorLabel },
      action: r.action,
      actionLabel: actionLabel(r.action),
      subject: r.subject,
      subjectLabel: subjectLabel(r.subject, names),
      before,
      after,
      details,
    };
  });
  return {
    total,
    limit: query.limit,
    offset: query.offset,
    items,
    actions: actions.map((action) => ({ action, label: actionLabel(action) })),
  };
}
