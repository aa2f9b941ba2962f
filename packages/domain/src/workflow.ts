/**
 * The report's status machine (domain page, section 4): the only place where
 * transitions are decided.
 */
import type { Role } from "./roles.ts";

export const REPORT_STATUSES = ["draft", "submitted", "returned", "validated"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ListedStatus = ReportStatus | "not_started";

export const STATUS_LABELS: Record<ListedStatus, string> = {
  not_started: "Non commencé",
  draft: "Brouillon",
  submitted: "Soumis",
  returned: "Renvoyé",
  validated: "Validé",
};

export type ReportAction = "save" | "submit" | "validate" | "return" | "reopen";

interface Transition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  /** Roles that may act (scope is checked by the server's guards). */
  by: readonly Role[];
  needsComment: boolean;
}

export const TRANSITIONS: Record<ReportAction, Transition> = {
  save: { from: ["draft", "returned"], to: "draft", by: ["atelier"], needsComment: false },
  submit: { from: ["draft", "returned"], to: "submitted", by: ["atelier"], needsComment: false },
  validate: { from: ["submitted"], to: "validated", by: ["territory", "national"], needsComment: false },
  return: { from: ["submitted"], to: "returned", by: ["territory", "national"], needsComment: true },
  reopen: { from: ["validated"], to: "returned", by: ["national"], needsComment: true },
};

export function isEditable(status: ReportStatus): boolean {
  return TRANSITIONS.save.from.includes(status);
}

/** The status after `action`, or a French reason why it cannot happen. */
export function nextStatus(status: ReportStatus, action: ReportAction): { to: ReportStatus } | { error: string } {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    const label = STATUS_LABELS[status].toLowerCase();
    const messages: Record<ReportAction, string> = {
      save: `Ce rapport est ${label} : il n'est plus modifiable.`,
      submit: `Ce rapport est ${label} : il ne peut pas être soumis.`,
      validate: `Ce rapport est ${label} : seul un rapport soumis peut être validé.`,
      return: `Ce rapport est ${label} : seul un rapport soumis peut être renvoyé.`,
      reopen: `Ce rapport est ${label} : seul un rapport validé peut être rouvert.`,
    };
    return { error: messages[action] };
  }
  // A returned report stays "returned" while it is corrected, until it is submitted again.
  if (action === "save") return { to: status };
  return { to: t.to };
}
