/**
 * How the campaign grid writes each cell: a short text that is seen, the
 * full status that is read aloud, and a DSFR badge colour (never the colour alone).
 */
import type { TCampaign } from "@enquete/contract";
import { type ListedStatus, STATUS_LABELS } from "@enquete/domain";

export type CampaignCell = TCampaign["territories"][number]["ateliers"][number]["cells"][number];

/**
 * A report's status, a month to come, a month the atelier belonged to
 * another territory, or a month it was not open (not yet, or closed).
 */
export type CellKind = ListedStatus | "future" | "elsewhere" | "not_open_yet" | "closed";

type CellText = { short: string; label: string; badge: string };

const BADGE = "fr-badge fr-badge--sm fr-badge--no-icon";

export const CELL_TEXTS: Record<CellKind, CellText> = {
  validated: { short: "V", label: STATUS_LABELS.validated, badge: `${BADGE} fr-badge--success` },
  submitted: { short: "S", label: STATUS_LABELS.submitted, badge: `${BADGE} fr-badge--info` },
  returned: { short: "R", label: STATUS_LABELS.returned, badge: `${BADGE} fr-badge--warning` },
  draft: { short: "B", label: STATUS_LABELS.draft, badge: `${BADGE} fr-badge--new` },
  not_started: { short: "–", label: STATUS_LABELS.not_started, badge: BADGE },
  future: { short: "", label: "À venir", badge: "" },
  elsewhere: { short: "·", label: "Rattaché à une autre direction territoriale", badge: "" },
  not_open_yet: { short: "—", label: "Non attendu (atelier pas encore ouvert)", badge: "" },
  closed: { short: "—", label: "Non attendu (atelier fermé)", badge: "" },
};

/** The legend's order: the cells most seen first. */
export const LEGEND_ORDER: readonly CellKind[] = [
  "validated",
  "submitted",
  "returned",
  "draft",
  "not_started",
  "future",
  "elsewhere",
  "not_open_yet",
  "closed",
];

/** Late and not yet sent: red, whatever the status, so what is missing stands out. */
export const LATE_BADGE = `${BADGE} fr-badge--error`;

export function cellKind(cell: CampaignCell, currentPeriod: string): CellKind {
  if (cell.status === "not_expected") return cell.notExpected === "closed" ? "closed" : "not_open_yet";
  if (cell.period > currentPeriod) return "future";
  if (cell.territoryCode === null) return "elsewhere";
  return cell.status;
}

/** A late cell still waits on the atelier unless it was submitted (late) since. */
export function waitsOnAtelier(kind: CellKind): boolean {
  return kind === "not_started" || kind === "draft" || kind === "returned";
}
