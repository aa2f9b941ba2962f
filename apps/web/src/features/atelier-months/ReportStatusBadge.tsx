import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { type ListedStatus, STATUS_LABELS } from "@enquete/domain";

const SEVERITY = {
  validated: "success",
  submitted: "info",
  draft: "new",
  returned: "warning",
  not_started: undefined,
} as const;

/**
 * A month's report status as a DSFR badge; "À venir" for a month that has not
 * begun, "Non attendu" for a month the atelier is not open (without a report).
 */
export function ReportStatusBadge({ status, begun, open = true }: { status: ListedStatus; begun: boolean; open?: boolean }) {
  if (!open && status === "not_started") {
    return (
      <Badge as="span" small noIcon>
        Non attendu
      </Badge>
    );
  }
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
