import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useRef } from "react";
import { DONE_MESSAGES, type ReviewOutcome } from "./outcome.ts";
import { QueueLink } from "./QueueLink.tsx";

type Props = {
  outcome: ReviewOutcome;
  /** The territory's queue, for its director: the next report to examine is there. */
  queueHref: string | null;
};

/**
 * Says what a decision did, and takes the focus when it appears (render it
 * with the outcome's id as key): the button that opened the modal may be gone
 * with the status it belonged to.
 */
export function OutcomeNotice({ outcome, queueHref }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w">
      {outcome.kind === "done" ? (
        <Alert
          severity="success"
          small
          description={
            <p className="fr-mb-0">
              {DONE_MESSAGES[outcome.action]}
              {queueHref && (
                <>
                  {" "}
                  <QueueLink href={queueHref} />
                </>
              )}
            </p>
          }
        />
      ) : (
        <Alert
          severity="warning"
          as="h2"
          title="Votre décision n'a pas été enregistrée"
          description={`${outcome.message} Le rapport a été rechargé : il montre son état actuel.`}
        />
      )}
    </div>
  );
}
