import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { TReportState } from "@enquete/contract";
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { closeToOpener, type DecisionModal } from "./modals.ts";
import { type FieldNote, NotesToAnswer } from "./NotesToAnswer.tsx";
import { useDecision } from "./useDecision.ts";

type Props = {
  modal: DecisionModal;
  title: string;
  intro: ReactNode;
  /** The textarea's label, and the body's field the API names in its 422 ("comment", "reason"). */
  label: string;
  field: string;
  confirmLabel: string;
  pendingLabel: string;
  send: (text: string) => Promise<TReportState>;
  onDecided: (report: TReportState) => void;
  onRefused: (message: string) => void;
  /** The atelier's notes on its figures, shown above the comment so that it can answer them. */
  notes?: readonly FieldNote[];
};

/**
 * A decision that needs words (a return's comment, a reopening's reason) in a
 * DSFR modal. The API checks the text; its French 422 shows at the field,
 * which takes the focus. Escape closes the modal from the textarea too (DSFR
 * leaves it to the textarea), and what was typed stays for the next opening.
 */
export function CommentModal(props: Props) {
  const { modal, title, intro, label, field, confirmLabel, pendingLabel, send, onDecided, onRefused, notes = [] } = props;
  const [text, setText] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const { pending, error, fieldError, submit } = useDecision(() => send(text), {
    field,
    close: () => modal.close(),
    onDecided: (report) => {
      setText("");
      onDecided(report);
    },
    onRefused,
  });

  useEffect(() => {
    if (fieldError) textarea.current?.focus();
  }, [fieldError]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    closeToOpener(modal);
  };

  return (
    <modal.Component
      title={title}
      titleAs="h2"
      buttons={[
        { children: "Annuler", priority: "secondary" },
        {
          children: pending ? pendingLabel : confirmLabel,
          doClosesModal: false,
          disabled: pending,
          onClick: () => void submit(),
        },
      ]}
    >
      {intro}
      {notes.length > 0 && <NotesToAnswer notes={notes} />}
      <Input
        textArea
        label={label}
        hintText="Obligatoire, 2 000 caractères au plus."
        state={fieldError ? "error" : "default"}
        stateRelatedMessage={fieldError}
        nativeTextAreaProps={{
          ref: textarea,
          name: field,
          rows: 5,
          value: text,
          required: true,
          "aria-invalid": fieldError ? true : undefined,
          onChange: (e) => setText(e.target.value),
          onKeyDown,
        }}
      />
      {error !== null && <Alert small severity="error" description={error} className="fr-mt-2w" />}
    </modal.Component>
  );
}
