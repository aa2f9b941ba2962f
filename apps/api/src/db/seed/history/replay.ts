/** From planned events to report and event rows. */
import { nextStatus, type ReportStatus, type ReportValues } from "@enquete/domain";
import type { reportEvents, reports } from "../../schema.ts";
import type { Action, PlannedEvent } from "./timeline.ts";

type ReportRow = typeof reports.$inferInsert;
type EventRow = Omit<typeof reportEvents.$inferInsert, "reportId">;

export interface BuiltReport {
  row: ReportRow;
  events: EventRow[];
}

/** Replays the events: the report's status, values and dates are what they left. */
export function replay(
  events: PlannedEvent[],
  base: { atelierCode: string; period: string; territoryCode: string; formVersion: number },
): BuiltReport {
  let status: ReportStatus | null = null;
  const values: ReportValues = {};
  let justifications: Record<string, string> = {};
  const dates: { firstSubmittedAt: Date | null; submittedAt: Date | null; validatedAt: Date | null } = {
    firstSubmittedAt: null,
    submittedAt: null,
    validatedAt: null,
  };
  const rows: EventRow[] = [];
  for (const e of events) {
    const from: ReportStatus | null = status;
    const to = nextOf(from, e.action);
    status = to;
    for (const c of e.changes) values[c.field] = c.to;
    if (e.action === "submit") {
      justifications = e.justifications ?? {};
      dates.firstSubmittedAt ??= e.at;
      dates.submittedAt = e.at;
    }
    if (e.action === "validate") dates.validatedAt = e.at;
    const { id: actorId, label: actorLabel } = e.actor;
    rows.push({
      at: e.at,
      actorId,
      actorLabel,
      action: e.action,
      fromStatus: from,
      toStatus: to,
      version: rows.length + 1,
      changes: e.changes,
      comment: e.comment,
    });
  }
  const first = events[0] as PlannedEvent;
  const last = events[events.length - 1] as PlannedEvent;
  return {
    row: {
      ...base,
      status: rows[rows.length - 1]?.toStatus ?? "draft",
      version: rows.length,
      values,
      justifications,
      createdAt: first.at,
      updatedAt: last.at,
      ...dates,
    },
    events: rows,
  };
}

function nextOf(from: ReportStatus | null, action: Action): ReportStatus {
  if (action === "create") return "draft";
  const next = from ? nextStatus(from, action) : { error: "no report yet" };
  if ("error" in next) throw new Error(`Demo history: ${action} impossible from ${from}: ${next.error}`);
  return next.to;
}
