/**
 * What the review queue shows of a month, derived from the API's rows and the
 * address (pure functions, no React).
 */
import type { TReportRow } from "@enquete/contract";
import { addMonths, formatPeriod, type ListedStatus, parisDate, periodLabel, periodOfDate } from "@enquete/domain";

export const MONTH_PARAM = "mois";
export const STATUS_PARAM = "statut";

/** How many months the selector offers: this month and the eleven before. */
const MONTHS_OFFERED = 12;

export type QueueRow = TReportRow & { atelierName: string };

/** The months offered, most recent first: this month and the eleven before. */
export function queueMonths(today: string = parisDate()): string[] {
  const now = periodOfDate(today);
  return Array.from({ length: MONTHS_OFFERED }, (_, i) => formatPeriod(addMonths(now, -i)));
}

/**
 * The month in the address when it is one of those offered; otherwise the
 * previous month, the one whose reports arrive at the start of this one.
 */
export function queueMonth(param: string | null, months: readonly string[]): string {
  if (param && months.includes(param)) return param;
  return months[1] ?? months[0] ?? "";
}

/** The status filters, in the order a territorial director works: what waits first. Slugs are what the address shows. */
export const STATUS_FILTERS: readonly { slug: string; status: ListedStatus; label: string }[] = [
  { slug: "soumis", status: "submitted", label: "Soumis (à examiner)" },
  { slug: "renvoye", status: "returned", label: "Renvoyés" },
  { slug: "valide", status: "validated", label: "Validés" },
  { slug: "brouillon", status: "draft", label: "Brouillons" },
  { slug: "non-commence", status: "not_started", label: "Non commencés" },
];

export function statusFromParam(param: string | null): ListedStatus | null {
  return STATUS_FILTERS.find((f) => f.slug === param)?.status ?? null;
}

export function statusSlug(status: ListedStatus | null): string | null {
  return STATUS_FILTERS.find((f) => f.status === status)?.slug ?? null;
}

/** "Octobre 2026". */
export function monthTitle(period: string): string {
  const label = periodLabel(period);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function countByStatus(rows: readonly QueueRow[], status: ListedStatus): number {
  return rows.filter((r) => r.status === status).length;
}

/** Only submitted reports can be validated, so only they can be selected. */
export function isSelectable(row: QueueRow): boolean {
  return row.status === "submitted";
}
