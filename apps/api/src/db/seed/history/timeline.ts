/** How a month unfolds in the demo history: filling, submission, decision. */
import {
  addMonths,
  type FormDefinition,
  firstDay,
  formFields,
  type History,
  type Period,
  type ReportAction,
  type ReportValues,
} from "@enquete/domain";
import { addDays, daysInMonth, parisInstant } from "./calendar.ts";
import { justificationsFor, mistakeFor, returnComment } from "./comments.ts";
import type { Actor } from "./context.ts";
import type { Profile } from "./profiles.ts";
import type { Random } from "./random.ts";

/** A version's field order, its blocks of monthly figures, and its snapshot fields (read once per version). */
interface Layout {
  order: string[];
  flowSections: string[][];
  snapshots: string[];
}
const layouts = new WeakMap<FormDefinition, Layout>();

function layoutOf(form: FormDefinition): Layout {
  let layout = layouts.get(form);
  if (!layout) {
    layout = {
      order: formFields(form).map((f) => f.code),
      flowSections: form.sections.filter((s) => s.fields.every((f) => f.kind === "flow")).map((s) => s.fields.map((f) => f.code)),
      snapshots: formFields(form)
        .filter((f) => f.kind === "snapshot")
        .map((f) => f.code),
    };
    layouts.set(form, layout);
  }
  return layout;
}

/** What a director has entered after the first `sections` blocks: the team is prefilled from last month. */
function partialValues(form: FormDefinition, values: ReportValues, sections: number): ReportValues {
  const { order, flowSections, snapshots } = layoutOf(form);
  const codes = [...flowSections.slice(0, sections).flat(), ...snapshots];
  return Object.fromEntries(order.filter((c) => codes.includes(c) && values[c] !== undefined).map((c) => [c, values[c] ?? null]));
}

type Change = { field: string; from: number | string | null; to: number | string | null };

function changesBetween(form: FormDefinition, before: ReportValues, after: ReportValues): Change[] {
  return layoutOf(form)
    .order.filter((f) => after[f] !== undefined && after[f] !== before[f])
    .map((f) => ({
      field: f,
      from: before[f] ?? null,
      to: after[f] ?? null,
    }));
}

export type Action = "create" | Exclude<ReportAction, "reopen">;

export interface PlannedEvent {
  action: Action;
  at: Date;
  actor: Actor;
  changes: Change[];
  comment: string | null;
  justifications?: Record<string, string>;
}

/** Events placed on days counted from `start`, during office hours, always in order. */
export function timeline(r: Random, start: string) {
  const events: PlannedEvent[] = [];
  let last = 0;
  const add = (dayOffset: number, event: Omit<PlannedEvent, "at">) => {
    let at = parisInstant(addDays(start, dayOffset), r.int(8 * 60, 18 * 60 + 30)).getTime();
    if (at <= last) at = last + r.int(3, 90) * 60_000;
    last = at;
    events.push({ ...event, at: new Date(at) });
  };
  return { events, add };
}

type Timeline = ReturnType<typeof timeline>;

export const event = (action: Action, actor: Actor, changes: Change[] = [], comment: string | null = null) => ({
  action,
  actor,
  changes,
  comment,
});

/** The director enters the figures: at once, or in two sittings (a block at a time, or the highlights at the end). */
function fill(r: Random, t: Timeline, form: FormDefinition, actor: Actor, days: { from: number; to: number }, values: ReportValues): void {
  const split = r.chance(0.35)
    ? partialValues(form, values, r.int(1, 4))
    : values.highlights && r.chance(0.5)
      ? Object.fromEntries(Object.entries(values).filter(([k]) => k !== "highlights"))
      : null;
  if (!split) {
    t.add(days.from, event("create", actor, changesBetween(form, {}, values)));
    return;
  }
  t.add(days.from, event("create", actor, changesBetween(form, {}, split)));
  t.add(r.int(days.from, days.to), event("save", actor, changesBetween(form, split, values)));
}

type Outcome = "missing" | "validated" | "corrected" | "returned" | "submitted";

/** Most reports are validated; a few wait for the territory, stay returned, or are never filled. */
function drawOutcome(r: Random): Outcome {
  const u = r.next();
  if (u < 0.02) return "missing";
  if (u < 0.04) return "returned";
  if (u < 0.06) return "submitted";
  if (u < 0.09) return "corrected";
  return "validated";
}

/** Days (counted from the 1st of the next month) on which the report is submitted, then decided. */
function submissionDay(r: Random, lateness: number): number {
  // Day 9 is the 10th, the due date: later is late.
  return r.chance(lateness) ? r.int(10, 40) : r.int(2, 9);
}

const decisionDelay = (r: Random) => (r.chance(0.7) ? r.int(1, 6) : r.int(7, 20));

interface MonthInput {
  period: Period;
  /** The questionnaire version of the month: its fields, their order and its rules. */
  form: FormDefinition;
  values: ReportValues;
  history: History;
  profile: Profile;
  atelier: Actor;
  territory: Actor;
}

/** A month that is over: filled in the first days after it, submitted, then validated or returned. */
export function planClosedMonth(r: Random, m: MonthInput): PlannedEvent[] {
  const outcome = drawOutcome(r);
  if (outcome === "missing") return [];
  const t = timeline(r, firstDay(addMonths(m.period, 1)));
  const submit = submissionDay(r, m.profile.lateness);
  const create = Math.max(0, submit - r.int(0, submit >= 10 ? 12 : 5));
  const mistake = outcome === "corrected" ? mistakeFor(m.values) : null;
  const submitted = mistake ? { ...m.values, [mistake.field]: mistake.wrong(r, Number(m.values[mistake.field])) } : m.values;
  fill(r, t, m.form, m.atelier, { from: create, to: submit }, submitted);
  const justify = (v: ReportValues) => justificationsFor(r, m.form, v, m.history, m.period.month);
  t.add(submit, { ...event("submit", m.atelier), justifications: justify(submitted) });
  if (outcome === "returned") t.add(submit + r.int(1, 6), event("return", m.territory, [], returnComment(r, m.values)));
  if (outcome === "validated") t.add(submit + decisionDelay(r), event("validate", m.territory));
  if (mistake) {
    const returned = submit + r.int(1, 5);
    const corrected = returned + r.int(0, 4);
    t.add(returned, event("return", m.territory, [], mistake.comment));
    t.add(corrected, event("save", m.atelier, changesBetween(m.form, submitted, m.values)));
    t.add(corrected, { ...event("submit", m.atelier), justifications: justify(m.values) });
    t.add(corrected + r.int(1, 5), event("validate", m.territory));
  }
  return t.events;
}

/** The month in progress: a minority of directors have started their draft. */
export function planCurrentMonth(r: Random, m: MonthInput): PlannedEvent[] {
  if (!r.chance(0.3)) return [];
  const t = timeline(r, firstDay(m.period));
  const day = r.int(0, daysInMonth(m.period) - 1);
  const sections = r.int(0, 3);
  const first = partialValues(m.form, m.values, sections);
  t.add(day, event("create", m.atelier, changesBetween(m.form, {}, first)));
  if (r.chance(0.4))
    t.add(day + r.int(0, 3), event("save", m.atelier, changesBetween(m.form, first, partialValues(m.form, m.values, sections + 1))));
  return t.events;
}
