/**
 * Periods are calendar months written `YYYY-MM` (domain page, glossary).
 * Dates are handled as plain calendar values: no time zone enters a period.
 */
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const MONTHS_FR = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

export interface Period {
  year: number;
  month: number; // 1..12
}

export function parsePeriod(text: string): Period | null {
  const m = PERIOD_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, month: Number(m[2]) };
}

export function formatPeriod(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

export function periodLabel(text: string): string {
  const p = parsePeriod(text);
  if (!p) return text;
  return `${MONTHS_FR[p.month - 1]} ${p.year}`;
}

export function addMonths(p: Period, n: number): Period {
  const index = p.year * 12 + (p.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The period that contains the given day (a `YYYY-MM-DD` or a Date read in Paris time). */
export function periodOfDate(isoDate: string): Period {
  const p = parsePeriod(isoDate.slice(0, 7));
  if (!p) throw new Error(`Date invalide : ${isoDate}`);
  return p;
}

/** First day of the period, `YYYY-MM-01`. */
export function firstDay(p: Period): string {
  return `${formatPeriod(p)}-01`;
}

/** Made once: building a formatter with a time zone costs far more than using one, and this runs on every request. */
const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The date in Europe/Paris, `YYYY-MM-DD`: the day the users of the network live in. */
export function parisDate(at: Date = new Date()): string {
  return PARIS_DAY.format(at);
}

/** "de novembre", "d'octobre 2026": "de" elided before a vowel, as French writes it. */
export function withDe(text: string): string {
  return /^[aeiouyàâéèêîïôû]/i.test(text) ? `d'${text}` : `de ${text}`;
}

/** "de novembre 2026", "d'octobre 2026". */
export function ofPeriod(period: string): string {
  return withDe(periodLabel(period));
}

/** "Octobre 2026". */
export function periodTitle(period: string): string {
  const label = periodLabel(period);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
