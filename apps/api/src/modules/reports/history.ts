/**
 * A report's history as people read it (pure): one line per event, except a
 * sitting's autosaves, which are one line (the repository says which events
 * make a line); and the dialogue on the report, every remark addressed to
 * someone, oldest first.
 */
import type { TConversationEntry, TReportEvent } from "@enquete/contract";
import { type FormDefinition, formFields } from "@enquete/domain";
import type { HistoryRow, Remark } from "./repository.ts";

type Change = TReportEvent["changes"][number];

/** A note's remark names its field by the report's version when the event did not (rows older than the remarks). */
function labelled(remarks: Remark[], labels: ReadonlyMap<string, string>): Remark[] {
  return remarks.map((r) => {
    if (r.kind !== "note" || r.label !== undefined || r.field === undefined) return r;
    const label = labels.get(r.field);
    return label === undefined ? r : { ...r, label };
  });
}

/** Each field from its first `from` to its last `to`; a field changed and changed back is no change. */
export function mergeChanges(changes: readonly Change[]): Change[] {
  const merged = new Map<string, Change>();
  for (const c of changes) {
    const seen = merged.get(c.field);
    merged.set(c.field, seen ? { ...seen, to: c.to } : { ...c });
  }
  return [...merged.values()].filter((c) => c.from !== c.to);
}

/**
 * The remarks of merged saves: a note as it stood after the last save that
 * touched it, and only while its field still changed over the sitting.
 */
function mergeRemarks(events: readonly HistoryRow[], changes: readonly Change[]): Remark[] {
  const changed = new Set(changes.map((c) => c.field));
  const notes = new Map<string, Remark>();
  const others: Remark[] = [];
  for (const r of events.flatMap((e) => e.remarks)) {
    if (r.kind === "note" && r.field !== undefined) {
      notes.delete(r.field);
      notes.set(r.field, r);
    } else others.push(r);
  }
  return [...others, ...[...notes.values()].filter((r) => changed.has(`note:${r.field}`))];
}

function line(events: readonly HistoryRow[], labels: ReadonlyMap<string, string>): TReportEvent {
  const first = events[0] as HistoryRow;
  const last = events[events.length - 1] as HistoryRow;
  const action = first.action as TReportEvent["action"];
  if (events.length === 1) {
    return {
      at: first.at.toISOString(),
      until: null,
      saves: 1,
      actor: first.actor,
      action,
      fromStatus: first.fromStatus,
      toStatus: first.toStatus,
      version: first.version,
      changes: first.changes,
      comment: first.comment,
      remarks: labelled(first.remarks, labels),
    };
  }
  const changes = mergeChanges(events.flatMap((e) => e.changes));
  return {
    at: first.at.toISOString(),
    until: last.at.toISOString(),
    saves: events.length,
    actor: last.actor,
    action,
    fromStatus: first.fromStatus,
    toStatus: last.toStatus,
    version: last.version,
    changes,
    comment: null,
    remarks: labelled(mergeRemarks(events, changes), labels),
  };
}

/** The lines of the history from its events (each with its line's number), in the events' order. */
export function historyEntries(rows: readonly HistoryRow[], form: FormDefinition | null): TReportEvent[] {
  const labels = new Map(form ? formFields(form).map((f) => [f.code, f.label]) : []);
  const lines: HistoryRow[][] = [];
  for (const row of rows) {
    const current = lines[lines.length - 1];
    if (current && current[0]?.entry === row.entry) current.push(row);
    else lines.push([row]);
  }
  return lines.map((events) => line(events, labels));
}

/** Every remark addressed to someone (not the notes, read as they stand), with who and when, oldest first. */
export function conversationOf(events: readonly { at: Date; actor: string; remarks: readonly Remark[] }[]): TConversationEntry[] {
  return events.flatMap((e) =>
    e.remarks.flatMap((r) =>
      r.kind === "note" || r.text.trim() === ""
        ? []
        : [
            {
              at: e.at.toISOString(),
              actor: e.actor,
              kind: r.kind,
              ...(r.field === undefined ? {} : { field: r.field }),
              ...(r.label === undefined ? {} : { label: r.label }),
              text: r.text,
            },
          ],
    ),
  );
}
