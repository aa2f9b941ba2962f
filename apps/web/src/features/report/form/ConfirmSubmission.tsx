import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { useIsModalOpen } from "@codegouvfr/react-dsfr/Modal/useIsModalOpen";
import { type KeyboardEvent, useEffect, useRef } from "react";
import type { SubmissionSummary } from "./submissionSummary.ts";

/** One report per page, so one confirmation step. */
export const confirmModal = createModal({ id: "confirmer-soumission", isOpenedByDefault: false });

/** The button that opens the step, and takes the focus back when it closes. */
export const SUBMIT_BUTTON_ID = "soumettre-rapport";

export const REPLY_MAX = 2000;
export const REPLY_TOO_LONG = "2 000 caractères au plus pour la réponse.";

/** A reply the API would refuse (the contract trims it, then counts). */
export function replyTooLong(reply: string): boolean {
  return reply.trim().length > REPLY_MAX;
}

export type ReturnedBy = { comment: string | null; reopened: boolean };

type Props = {
  summary: SubmissionSummary | null;
  /** The report was returned (or reopened): what was asked, and the place to answer it. */
  returned: ReturnedBy | null;
  reply: string;
  onReplyChange: (reply: string) => void;
  replyError: string | undefined;
  /** A failure that is nobody's field (the network…), said in the step itself. */
  error: string | undefined;
  pending: boolean;
  onConfirm: () => void;
};

function closeToButton() {
  confirmModal.close();
  document.getElementById(SUBMIT_BUTTON_ID)?.focus();
}

/**
 * The step between "Soumettre le rapport" and the submission: what will be
 * sent, the warnings with their justifications, the notes, and for a returned
 * report the comment with a reply. "Revenir au rapport" (or Escape) closes it
 * and the form is as it was; the reply stays typed.
 */
export function ConfirmSubmission({ summary, returned, reply, onReplyChange, replyError, error, pending, onConfirm }: Props) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  // DSFR's own close (its button, Escape) leaves the focus in the hidden dialog: it goes back to the button that opened it.
  useIsModalOpen(confirmModal, { onConceal: () => document.getElementById(SUBMIT_BUTTON_ID)?.focus() });

  useEffect(() => {
    if (replyError) textarea.current?.focus();
  }, [replyError]);

  // DSFR leaves Escape to a textarea: it closes the step from there too.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    closeToButton();
  };

  const length = reply.trim().length;
  const countId = "reponse-direction-compte";
  const replyLabel = returned?.reopened ? "Votre réponse à la direction nationale" : "Votre réponse à la direction territoriale";

  return (
    <confirmModal.Component
      title="Vérifier et soumettre le rapport"
      titleAs="h2"
      size="large"
      buttons={[
        {
          children: "Revenir au rapport",
          priority: "secondary",
          iconId: "fr-icon-arrow-left-line",
          doClosesModal: false,
          onClick: closeToButton,
        },
        {
          children: pending ? "Soumission…" : "Confirmer et soumettre",
          iconId: "fr-icon-send-plane-line",
          doClosesModal: false,
          disabled: pending,
          onClick: onConfirm,
        },
      ]}
    >
      <p>
        Voici ce qui sera soumis à la direction territoriale. Une fois soumis, le rapport n'est plus modifiable, sauf s'il vous est renvoyé.
      </p>
      {summary && <SummaryView summary={summary} />}
      {returned && (
        <section aria-labelledby="confirmer-renvoi" className="fr-mt-4w">
          <h3 id="confirmer-renvoi" className="fr-h6 fr-mb-1w">
            {returned.reopened ? "Motif de la réouverture" : "Commentaire de la direction territoriale"}
          </h3>
          <p style={{ whiteSpace: "pre-line" }}>{returned.comment ?? "Aucun commentaire n'accompagne ce renvoi."}</p>
          <Input
            className="fr-mb-1v"
            textArea
            label={replyLabel}
            hintText="Facultatif, 2 000 caractères au plus : ce que vous avez corrigé, ou ce qui explique vos chiffres."
            state={replyError ? "error" : "default"}
            stateRelatedMessage={replyError}
            nativeTextAreaProps={{
              ref: textarea,
              id: "reponse-direction",
              name: "reply",
              rows: 4,
              value: reply,
              onChange: (e) => onReplyChange(e.target.value),
              onKeyDown,
              "aria-invalid": replyError ? true : undefined,
              "aria-describedby": countId,
            }}
          />
          <p id={countId} className={`fr-hint-text fr-mb-0${length > REPLY_MAX ? " fr-error-text" : ""}`}>
            {length.toLocaleString("fr-FR")} caractère{length > 1 ? "s" : ""} sur {REPLY_MAX.toLocaleString("fr-FR")}
          </p>
        </section>
      )}
      {error && <Alert small severity="error" description={error} className="fr-mt-3w" />}
    </confirmModal.Component>
  );
}

function SummaryView({ summary }: { summary: SubmissionSummary }) {
  return (
    <>
      <h3 className="fr-h6 fr-mb-1w">Vos chiffres</h3>
      {summary.sections.map((s) => (
        <section key={s.code} aria-labelledby={`resume-${s.code}`} className="fr-mb-2w">
          <h4 id={`resume-${s.code}`} className="fr-text--md fr-text--bold fr-mb-1v">
            {s.title}
          </h4>
          {s.totals.map((t) => (
            <p key={t} className="fr-text--sm fr-text--bold fr-mb-1v">
              {t}
            </p>
          ))}
          {s.lines.length > 0 && (
            <ul className="fr-text--sm fr-mb-1v">
              {s.lines.map((l) => (
                <li key={l.code}>
                  {l.label} : <span style={{ whiteSpace: "pre-line" }}>{l.text}</span>
                </li>
              ))}
            </ul>
          )}
          {zerosText(s.lines.length, s.zeros) !== "" && <p className="fr-text--xs fr-mb-0">{zerosText(s.lines.length, s.zeros)}</p>}
        </section>
      ))}
      <h3 className="fr-h6 fr-mt-3w fr-mb-1w">Avertissements</h3>
      {summary.warnings.length === 0 ? (
        <p className="fr-text--sm">Aucun avertissement.</p>
      ) : (
        <ul className="fr-text--sm">
          {summary.warnings.map((w) => (
            <li key={w.code}>
              {w.message}
              <br />
              Votre justification :{" "}
              {w.justification === "" ? "(aucune)" : <span style={{ whiteSpace: "pre-line" }}>{w.justification}</span>}
            </li>
          ))}
        </ul>
      )}
      <h3 className="fr-h6 fr-mt-3w fr-mb-1w">Notes sur vos chiffres</h3>
      {summary.notes.length === 0 ? (
        <p className="fr-text--sm">Aucune note.</p>
      ) : (
        <ul className="fr-text--sm">
          {summary.notes.map((n) => (
            <li key={n.code}>
              Note sur « {n.label} » : <span style={{ whiteSpace: "pre-line" }}>{n.text}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function zerosText(shown: number, zeros: number): string {
  if (zeros === 0) return shown === 0 ? "Rien de saisi dans ce bloc." : "";
  const figures = zeros > 1 ? `${zeros} autres chiffres sont à 0` : "1 autre chiffre est à 0";
  return shown === 0 ? (zeros > 1 ? `Tous les chiffres sont à 0 (${zeros}).` : "Le chiffre est à 0.") : `${figures}.`;
}
