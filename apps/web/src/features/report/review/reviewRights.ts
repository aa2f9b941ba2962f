/**
 * Which decisions the person may take on the report on screen. The roles come
 * from the domain's transitions and the status check from its nextStatus:
 * nothing is decided here twice. Hiding a button is never the check (the API
 * refuses anyway); it only spares people buttons that would fail.
 */
import type { TReportState, TRoleGrant } from "@enquete/contract";
import { nextStatus, REPORT_STATUSES, type ReportStatus, TRANSITIONS } from "@enquete/domain";

export type ReviewAction = "validate" | "return" | "reopen";

const REVIEW_ACTIONS: readonly ReviewAction[] = ["validate", "return", "reopen"];

type Subject = Pick<TReportState, "status" | "territoryCode">;

function reportStatus(status: string): ReportStatus | null {
  return (REPORT_STATUSES as readonly string[]).includes(status) ? (status as ReportStatus) : null;
}

/** A role of the action, in the territory the atelier belonged to that month for a territorial director. */
function mayTake(roles: readonly TRoleGrant[], action: ReviewAction, territoryCode: string | null): boolean {
  return roles.some(
    (g) =>
      TRANSITIONS[action].by.includes(g.role) && (g.role !== "territory" || (territoryCode !== null && g.territoryCode === territoryCode)),
  );
}

/** Does the person review this report at all (the territory of that month, or national), whatever its status? */
export function isReviewer(roles: readonly TRoleGrant[], report: Subject): boolean {
  return REVIEW_ACTIONS.some((a) => mayTake(roles, a, report.territoryCode));
}

/** The decisions the person may take now, in the order the buttons show them. */
export function availableActions(roles: readonly TRoleGrant[], report: Subject): ReviewAction[] {
  const status = reportStatus(report.status);
  if (status === null) return [];
  return REVIEW_ACTIONS.filter((a) => mayTake(roles, a, report.territoryCode) && !("error" in nextStatus(status, a)));
}

/** The territorial director of the report's territory that month: their queue is their home page. */
export function directsTerritoryOf(roles: readonly TRoleGrant[], report: Subject): boolean {
  return report.territoryCode !== null && roles.some((g) => g.role === "territory" && g.territoryCode === report.territoryCode);
}
