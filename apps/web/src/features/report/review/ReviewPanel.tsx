import type { ButtonProps } from "@codegouvfr/react-dsfr/Button";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import type { TReportState } from "@enquete/contract";
import { reportsApi } from "../../../api/reports.ts";
import { Conversation } from "../conversation/Conversation.tsx";
import { CommentModal } from "./CommentModal.tsx";
import { reopenModal, returnModal, validateModal } from "./modals.ts";
import { notesOf } from "./NotesToAnswer.tsx";
import { QueueLink } from "./QueueLink.tsx";
import type { ReviewAction } from "./reviewRights.ts";
import { ValidateModal } from "./ValidateModal.tsx";

export const DECISION_ID = "decision";

type Props = {
  report: TReportState;
  atelierName: string;
  /** What the person may decide now (reviewRights). */
  actions: readonly ReviewAction[];
  queueHref: string | null;
  onDecided: (report: TReportState, action: ReviewAction) => void;
  onRefused: (message: string) => void;
};

const OPENERS: Record<ReviewAction, ButtonProps> = {
  validate: { children: "Valider le rapport", iconId: "fr-icon-check-line", nativeButtonProps: validateModal.buttonProps },
  return: {
    children: "Renvoyer à l'atelier",
    priority: "secondary",
    iconId: "fr-icon-arrow-go-back-line",
    nativeButtonProps: returnModal.buttonProps,
  },
  reopen: {
    children: "Rouvrir le rapport",
    priority: "secondary",
    iconId: "fr-icon-arrow-go-back-line",
    nativeButtonProps: reopenModal.buttonProps,
  },
};

/** Why there is nothing to decide, for someone who could decide in another status. */
function nothingToDecide(status: TReportState["status"]): string {
  switch (status) {
    case "validated":
      return "Ce rapport est validé : il compte dans les chiffres officiels. Seule l'équipe nationale peut le rouvrir.";
    case "returned":
      return "Ce rapport a été renvoyé à l'atelier : il pourra être examiné quand l'atelier l'aura soumis de nouveau.";
    default:
      return "Ce rapport n'a pas encore été soumis : il n'y a rien à décider pour l'instant.";
  }
}

/**
 * The reviewer's decisions on the report, after the conversation so far, each behind a DSFR modal (which
 * traps the focus, closes on Escape and gives the focus back to its button).
 * The modals stay mounted while the person reviews, so that one closes
 * cleanly even when its button goes with the report's new status.
 */
export function ReviewPanel({ report, atelierName, actions, queueHref, onDecided, onRefused }: Props) {
  const { atelierCode, period } = report;
  const [first, ...others] = actions.map((a) => OPENERS[a]);
  const notes = notesOf(report);
  return (
    <section aria-labelledby={DECISION_ID} className="fr-mb-4w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
      <h2 id={DECISION_ID} className="fr-h4" tabIndex={-1}>
        Décision
      </h2>
      {/* What was said before deciding: the returns, the atelier's replies, its justifications, in order. */}
      <Conversation conversation={report.conversation} headingLevel={3} />
      {first ? <ButtonsGroup inlineLayoutWhen="md and up" buttons={[first, ...others]} /> : <p>{nothingToDecide(report.status)}</p>}
      {queueHref && (
        <p className="fr-mb-0">
          <QueueLink href={queueHref} />
        </p>
      )}
      <ValidateModal report={report} atelierName={atelierName} onDecided={(r) => onDecided(r, "validate")} onRefused={onRefused} />
      <CommentModal
        modal={returnModal}
        title="Renvoyer le rapport à l'atelier"
        intro={
          <p>
            L'atelier pourra de nouveau modifier son rapport. Votre commentaire s'affichera en haut du rapport et lui sera envoyé par
            courriel : dites-lui ce qu'il faut corriger.
          </p>
        }
        label="Commentaire pour l'atelier"
        field="comment"
        confirmLabel="Confirmer le renvoi"
        pendingLabel="Renvoi en cours…"
        send={(comment) => reportsApi.return(atelierCode, period, comment)}
        notes={notes}
        onDecided={(r) => onDecided(r, "return")}
        onRefused={onRefused}
      />
      <CommentModal
        modal={reopenModal}
        title="Rouvrir le rapport validé"
        intro={
          <p>
            Le rapport est renvoyé à l'atelier avec votre motif : il ne compte plus dans les chiffres officiels jusqu'à ce qu'il soit de
            nouveau soumis et validé.
          </p>
        }
        label="Motif de la réouverture"
        field="reason"
        confirmLabel="Confirmer la réouverture"
        pendingLabel="Réouverture en cours…"
        send={(reason) => reportsApi.reopen(atelierCode, period, reason)}
        notes={notes}
        onDecided={(r) => onDecided(r, "reopen")}
        onRefused={onRefused}
      />
    </section>
  );
}
