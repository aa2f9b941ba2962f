import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { TReportRow } from "@enquete/contract";

/**
 * How a report stands against its deadline, in the API's words (the same on
 * the home, the report's header and the queue): late ones as a red badge,
 * the longer sentences of a returned report as text.
 */
export function LatenessCell({ timeliness }: { timeliness: TReportRow["timeliness"] }) {
  const { kind, label } = timeliness;
  if (kind === "to_come" || kind === "not_expected") {
    // The relative box keeps the hidden text inside the table's scrolling area (it would widen the page on a phone).
    return (
      <span style={{ position: "relative" }}>
        <span aria-hidden="true">–</span>
        <span className="fr-sr-only">{kind === "to_come" ? "Sans objet" : label}</span>
      </span>
    );
  }
  if (kind === "overdue" || kind === "submitted_late") {
    return (
      <Badge as="span" small severity="error" noIcon>
        {label}
      </Badge>
    );
  }
  return <>{label}</>;
}
