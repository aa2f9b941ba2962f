import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { type ListedStatus, STATUS_LABELS } from "@enquete/domain";

const SEVERITY = {
  validated: "success",
  submitted: "info",
  draft: "new",
  returned: "warning",
  not_started: undefined,
} as const;

/** A month's report status as a DSFR badge; "À venir" for a month that has not begun. */
export function ReportStatusBadge({ status, begun }: { status: ListedStatus; begun: boolean }) {
  if (!begun) {
    return (
      <Badge as="span" small noIcon>
        À venir
      </Badge>
    );
  }
  const severity = SEVERITY[status];
  return (
    <Badge as="span" small severity={severity} noIcon={severity === undefined}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
