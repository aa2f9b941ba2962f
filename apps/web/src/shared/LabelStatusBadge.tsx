import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { LABEL_STATUS_LABELS, type LabelStatus } from "@enquete/domain";

const SEVERITY = { labellise: "success", en_cours: "info", non_engage: undefined } as const;

/** An atelier's labellisation status as a DSFR badge. */
export function LabelStatusBadge({ status }: { status: LabelStatus | null }) {
  if (status === null) {
    return (
      <Badge as="span" small noIcon>
        Non renseigné
      </Badge>
    );
  }
  return (
    <Badge as="span" small severity={SEVERITY[status]}>
      {LABEL_STATUS_LABELS[status]}
    </Badge>
  );
}
