import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TReportState } from "@enquete/contract";
import { formatDateTime } from "../../shared/format.ts";
import { Conversation } from "./conversation/Conversation.tsx";

/**
 * A returned report starts with what was asked: the territory's comment, or
 * the national team's reason for reopening it. With `withConversation` (the
 * director's side: reviewers read it in their panel), the exchanges before it
 * follow, in order, once there is more than this one comment.
 */
export function ReturnedNotice({ report, withConversation = false }: { report: TReportState; withConversation?: boolean }) {
  return (
    <>
      <ReturnAlert report={report} />
      {withConversation && report.conversation.length > 1 && <Conversation conversation={report.conversation} headingLevel={2} />}
    </>
  );
}

function ReturnAlert({ report }: { report: TReportState }) {
  const event = report.returnEvent;
  const reopened = event?.action === "reopen";
  const comment = report.returnComment;
  return (
    <Alert
      className="fr-mb-4w"
      severity="warning"
      as="h2"
      title={reopened ? "Rapport rouvert par la direction nationale" : "Rapport renvoyé par la direction territoriale"}
      description={
        <>
          {event && (
            <p className="fr-text--sm fr-mb-1w">
              {reopened ? "Rouvert" : "Renvoyé"} le {formatDateTime(event.at)} par {event.actor}.
            </p>
          )}
          <p className="fr-mb-0" style={{ whiteSpace: "pre-line" }}>
            {comment ? `${reopened ? "Motif" : "Commentaire"} : ${comment}` : "Aucun commentaire n'accompagne ce renvoi."}
          </p>
        </>
      }
    />
  );
}
