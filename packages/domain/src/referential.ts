/**
 * The referential: territories and ateliers, with the atelier attributes that
 * figures are broken down by (domain page, section 1).
 */
import { periodLabel } from "./period.ts";

export const LABEL_STATUSES = ["labellise", "en_cours", "non_engage"] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

export const LABEL_STATUS_LABELS: Record<LabelStatus, string> = {
  labellise: "Labellisé",
  en_cours: "Labellisation en cours",
  non_engage: "Non engagé",
};

/**
 * An atelier's code is its département's code: 01–95 (Corsica is 2A and 2B,
 * there is no 20), 971–974 and 976. A second atelier opened in a département
 * takes a suffix of one to three capitals or digits after a dash (`69-M`).
 */
export const ATELIER_CODE_RE = /^(0[1-9]|1\d|2[1-9]|2A|2B|[3-8]\d|9[0-5]|97[1-46])(-[A-Z0-9]{1,3})?$/;

export function isAtelierCode(code: string): boolean {
  return ATELIER_CODE_RE.test(code);
}

export const TERRITORY_CODE_RE = /^[a-z]+(-[a-z]+)*$/;

export function atelierName(code: string, city: string): string {
  return `Atelier Canopé ${code} – ${city}`;
}

/** Sorts atelier codes as people read them: 01…19, 2A, 2B, 21…95, 971… */
export function compareAtelierCodes(a: string, b: string): number {
  const [baseA = "", suffixA = ""] = a.split("-");
  const [baseB = "", suffixB = ""] = b.split("-");
  const key = (c: string) => (c === "2A" ? 20.1 : c === "2B" ? 20.2 : Number(c));
  return key(baseA) - key(baseB) || (suffixA < suffixB ? -1 : suffixA > suffixB ? 1 : 0);
}

export interface Membership {
  territoryCode: string;
  validFrom: string; // YYYY-MM-DD, inclusive
  validTo: string | null; // YYYY-MM-DD, exclusive; null: still current
}

/**
 * The territory an atelier belonged to on a given day: a move does not
 * rewrite the past, so a report of March 2025 stays with the territory of
 * March 2025.
 */
export function territoryOn(memberships: readonly Membership[], day: string): string | null {
  const m = memberships.find((x) => x.validFrom <= day && (x.validTo === null || day < x.validTo));
  return m ? m.territoryCode : null;
}

// ---------------------------------------------------------------- the referential over time

/**
 * Every change of the referential takes effect from a month (`YYYY-MM`) and
 * holds until the next recorded change after it (domain page, sections 1 and
 * 7.3). A change that would reach a month of a closed year is refused: the
 * figures of a closed year do not change any more.
 */

/** A value that holds from its month (inclusive) to the next one's. */
export interface DatedValue<T> {
  from: string; // YYYY-MM
  value: T;
}

/** `YYYY-MM` ↔ `YYYY-MM-01`, the first day the tables store. */
export const monthStart = (period: string): string => `${period}-01`;
export const monthOf = (day: string): string => day.slice(0, 7);

/** The month before `period` (`2026-01` → `2025-12`). */
export function previousMonth(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

const sortByStart = (a: Membership, b: Membership) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0);

/** Adjacent pieces of the same territory become one: the history reads as people would tell it. */
export function mergeMemberships(pieces: readonly Membership[]): Membership[] {
  const out: Membership[] = [];
  for (const piece of [...pieces].sort(sortByStart)) {
    const last = out[out.length - 1];
    if (last && last.territoryCode === piece.territoryCode && last.validTo === piece.validFrom) {
      out[out.length - 1] = { ...last, validTo: piece.validTo };
    } else out.push({ ...piece });
  }
  return out;
}

/**
 * Where a change from `fromDay` stops: the start of the next recorded piece
 * after it, or null (to the end).
 */
export function nextChangeAfter(starts: readonly string[], fromDay: string): string | null {
  const later = starts.filter((s) => s > fromDay).sort();
  return later[0] ?? null;
}

/**
 * A move to `territoryCode` from `fromDay` (a first day): the atelier belongs
 * to it from that day to the next recorded move after it (or to the end);
 * the pieces before and after are kept, equal neighbours merged. `until` is
 * the exclusive end of the moved range (a first day, or null).
 */
export function applyMove(
  memberships: readonly Membership[],
  territoryCode: string,
  fromDay: string,
): { memberships: Membership[]; until: string | null } {
  const until = nextChangeAfter(
    memberships.map((m) => m.validFrom),
    fromDay,
  );
  const kept: Membership[] = [];
  for (const m of memberships) {
    if (m.validFrom < fromDay) {
      const end = m.validTo === null || m.validTo > fromDay ? fromDay : m.validTo;
      kept.push({ ...m, validTo: end });
    }
    if (until !== null && m.validFrom >= until) kept.push({ ...m });
  }
  kept.push({ territoryCode, validFrom: fromDay, validTo: until });
  return { memberships: mergeMemberships(kept), until };
}

/** The value in force in `period`: the latest row from that month or before, else `initial`. */
export function valueIn<T>(rows: readonly DatedValue<T>[], period: string, initial: T): T {
  let found: DatedValue<T> | undefined;
  for (const r of rows) if (r.from <= period && (!found || r.from > found.from)) found = r;
  return found ? found.value : initial;
}

/**
 * Sets a dated attribute to `value` from `from` until its next recorded
 * change: a row at `from`, and rows that repeat the value before them are
 * dropped (before the first row the value is `initial`: "no" for a flag).
 */
export function applyDatedValue<T>(
  rows: readonly DatedValue<T>[],
  from: string,
  value: T,
  initial: T,
): { rows: DatedValue<T>[]; until: string | null; changed: boolean } {
  const until = nextChangeAfter(
    rows.map((r) => r.from),
    from,
  );
  const changed = valueIn(rows, from, initial) !== value;
  const next = [...rows.filter((r) => r.from !== from), { from, value }].sort((a, b) => (a.from < b.from ? -1 : 1));
  const out: DatedValue<T>[] = [];
  let previous = initial;
  for (const r of next) {
    if (r.value === previous) continue;
    out.push(r);
    previous = r.value;
  }
  return { rows: out, until, changed };
}

/** The closed years that the months [from, until) reach (`until` exclusive, null: to the end). */
export function closedYearsReached(from: string, until: string | null, closedYears: readonly number[]): number[] {
  const first = Number(from.slice(0, 4));
  const last = until === null ? Number.POSITIVE_INFINITY : Number(previousMonth(until).slice(0, 4));
  return [...closedYears].filter((y) => y >= first && y <= last).sort((a, b) => a - b);
}

/** A change refused by a rule of the referential: a stable code and a French sentence. */
export interface ReferentialProblem {
  code: "CLOSED_YEAR" | "BEFORE_OPENING" | "AFTER_CLOSURE" | "SAME_TERRITORY" | "REPORTS_SUBMITTED" | "ALREADY_CLOSED" | "NOT_CLOSED";
  message: string;
}

const monthLabel = periodLabel;

const listFr = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;

function closedYearProblem(what: string, years: readonly number[]): ReferentialProblem | null {
  if (years.length === 0) return null;
  const named = years.length === 1 ? `l'année ${years[0]} est close` : `les années ${listFr(years.map(String))} sont closes`;
  return {
    code: "CLOSED_YEAR",
    message: `${what} toucherait des mois où ${named} : les chiffres d'une année close ne changent plus.`,
  };
}

/** The dates of an atelier's life, as months: open from `openFrom`, closed from `closedFrom` (null: open). */
export interface AtelierSpan {
  openFrom: string;
  closedFrom: string | null;
}

function outsideSpan(what: string, from: string, span: AtelierSpan): ReferentialProblem | null {
  if (from < span.openFrom) {
    return {
      code: "BEFORE_OPENING",
      message: `${what} ne peut pas partir de ${monthLabel(from)} : l'atelier n'ouvre qu'en ${monthLabel(span.openFrom)}.`,
    };
  }
  if (span.closedFrom !== null && from >= span.closedFrom) {
    return {
      code: "AFTER_CLOSURE",
      message: `${what} ne peut pas partir de ${monthLabel(from)} : l'atelier est fermé depuis ${monthLabel(span.closedFrom)}.`,
    };
  }
  return null;
}

/**
 * Whether a move of the atelier to `territoryCode` from month `from` is
 * allowed, and the months it moves (`until` exclusive).
 */
export function checkMove(input: {
  memberships: readonly Membership[];
  territoryCode: string;
  territoryName: string;
  from: string;
  span: AtelierSpan;
  closedYears: readonly number[];
}): { problem: ReferentialProblem } | { memberships: Membership[]; until: string | null; previous: string | null } {
  const day = monthStart(input.from);
  const span = outsideSpan("Le changement de direction territoriale", input.from, input.span);
  if (span) return { problem: span };
  const previous = territoryOn(input.memberships, day);
  if (previous === input.territoryCode) {
    return {
      problem: {
        code: "SAME_TERRITORY",
        message: `L'atelier est déjà rattaché à la direction territoriale ${input.territoryName} en ${monthLabel(input.from)}.`,
      },
    };
  }
  const moved = applyMove(input.memberships, input.territoryCode, day);
  const closed = closedYearProblem(
    "Ce changement de direction territoriale",
    closedYearsReached(input.from, moved.until === null ? null : monthOf(moved.until), input.closedYears),
  );
  if (closed) return { problem: closed };
  return { ...moved, previous };
}

const STATUS_WORDS: Record<string, string> = { submitted: "soumis", validated: "validé", returned: "renvoyé" };

/**
 * Whether the atelier may close from month `from`: not at or before its
 * opening month, not twice, never into a closed year, and never while a
 * report of that month or later has been submitted (submitted, validated or
 * returned): those reports count, or are being reviewed. Drafts stay, simply
 * not expected.
 */
export function checkClosure(input: {
  from: string;
  span: AtelierSpan;
  closedYears: readonly number[];
  reports: readonly { period: string; status: string }[];
}): ReferentialProblem | null {
  if (input.span.closedFrom !== null) {
    return {
      code: "ALREADY_CLOSED",
      message: `L'atelier est déjà fermé depuis ${monthLabel(input.span.closedFrom)} : annulez d'abord cette fermeture pour en changer le mois.`,
    };
  }
  if (input.from <= input.span.openFrom) {
    return {
      code: "BEFORE_OPENING",
      message: `L'atelier ouvre en ${monthLabel(input.span.openFrom)} : il ne peut fermer qu'à partir du mois suivant.`,
    };
  }
  const closed = closedYearProblem("Cette fermeture", closedYearsReached(input.from, null, input.closedYears));
  if (closed) return closed;
  const blocking = input.reports
    .filter((r) => r.period >= input.from && r.status in STATUS_WORDS)
    .sort((a, b) => (a.period < b.period ? -1 : 1));
  if (blocking.length > 0) {
    const named = listFr(blocking.map((r) => `${monthLabel(r.period)} (${STATUS_WORDS[r.status]})`));
    return {
      code: "REPORTS_SUBMITTED",
      message: `La fermeture à partir de ${monthLabel(input.from)} est refusée : ${blocking.length > 1 ? "des rapports ont été soumis ou validés" : "un rapport a été soumis ou validé"} pour ${named}. Fermez l'atelier après ces mois, ou faites d'abord renvoyer ces rapports.`,
    };
  }
  return null;
}

/** Whether a closure may be cancelled: the atelier is closed, and its closed months are not in a closed year. */
export function checkClosureCancel(input: { span: AtelierSpan; closedYears: readonly number[] }): ReferentialProblem | null {
  if (input.span.closedFrom === null)
    return { code: "NOT_CLOSED", message: "L'atelier n'est pas fermé : il n'y a pas de fermeture à annuler." };
  return closedYearProblem("L'annulation de cette fermeture", closedYearsReached(input.span.closedFrom, null, input.closedYears));
}

/** Whether an atelier may open from `openFrom`: its expected reports may not reach a closed year. */
export function checkOpening(input: { openFrom: string; closedYears: readonly number[] }): ReferentialProblem | null {
  return closedYearProblem("Cette ouverture", closedYearsReached(input.openFrom, null, input.closedYears));
}

/** Whether a dated attribute may be set from `from` (its effect lasts until its next recorded change). */
export function checkAttribute(input: {
  what: string;
  from: string;
  until: string | null;
  span: AtelierSpan;
  closedYears: readonly number[];
}): ReferentialProblem | null {
  return (
    outsideSpan(input.what, input.from, input.span) ??
    closedYearProblem(input.what, closedYearsReached(input.from, input.until, input.closedYears))
  );
}
