import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { TOutboxEntry } from "@enquete/contract";
import { formatDateTime } from "../../shared/format.ts";

const BADGES = {
  sent: { label: "Envoyé", severity: "success" },
  pending: { label: "En attente", severity: "info" },
  failed: { label: "En échec", severity: "error" },
} as const;

/** The email's state as a DSFR badge (text, never colour alone), with when it left or why it did not. */
export function OutboxStatus({ entry }: { entry: TOutboxEntry }) {
  const badge = BADGES[entry.status];
  return (
    <>
      <Badge as="span" small severity={badge.severity}>
        {badge.label}
      </Badge>
      {entry.status === "sent" && entry.sentAt && <span className="fr-hint-text">le {formatDateTime(entry.sentAt)}</span>}
      {entry.status !== "sent" && entry.lastError && (
        <span className="fr-hint-text" style={{ overflowWrap: "anywhere" }}>
          Dernière erreur : {entry.lastError}
        </span>
      )}
    </>
  );
}
