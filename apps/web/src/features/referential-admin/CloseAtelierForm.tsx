import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import type { TAtelierHistory } from "@enquete/contract";
import { useId, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { referentialApi } from "../../api/referential.ts";
import { MonthField } from "./MonthField.tsx";
import { monthBefore, monthText, nextMonth, ofMonthText } from "./months.ts";
import { Notice } from "./Notice.tsx";
import { useAction } from "./useAction.ts";

const closeModal = createModal({ id: "fermer-atelier", isOpenedByDefault: false });
const cancelModal = createModal({ id: "annuler-fermeture", isOpenedByDefault: false });

type Props = { history: TAtelierHistory; onChanged: () => void };

/**
 * Closing from a month (no report expected from it), refused while a later
 * report is submitted or validated; or, once closed, the closure cancelled.
 */
export function CloseAtelierForm({ history, onChanged }: Props) {
  const headingId = useId();
  const [from, setFrom] = useState(nextMonth());
  const [done, setDone] = useState<string | null>(null);
  const close = useAction(referentialApi.closeAtelier);
  const cancel = useAction(referentialApi.cancelClosure);
  const closeGeneral = close.generalError(["from"]);

  const confirmClose = async () => {
    const outcome = await close.submit(history.code, { from });
    if (outcome.ok) {
      closeModal.close();
      setDone(`${history.name} est fermé à partir ${ofMonthText(from)} : aucun rapport n'est plus attendu à partir de ce mois.`);
      onChanged();
    } else if ("from" in outcome.fields) {
      closeModal.close();
    }
  };

  const confirmCancel = async () => {
    if (!(await cancel.submit(history.code)).ok) return;
    cancelModal.close();
    setDone(`La fermeture est annulée : ${history.name} est de nouveau attendu chaque mois.`);
    onChanged();
  };

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h3 id={headingId} className="fr-h5">
        {history.closedFrom ? "Fermeture" : "Fermer l'atelier"}
      </h3>
      {done && <Notice onClose={() => setDone(null)}>{done}</Notice>}
      {history.closedFrom ? (
        <>
          <p>
            L'atelier est fermé à partir {ofMonthText(history.closedFrom)} : son dernier mois attendu est{" "}
            {monthText(monthBefore(history.closedFrom))}.
          </p>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-go-back-line"
            nativeButtonProps={{ ...cancelModal.buttonProps, onClick: () => cancel.reset() }}
          >
            Annuler la fermeture…
          </Button>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            closeModal.open();
          }}
        >
          <MonthField
            legend="Premier mois fermé"
            hint="Plus aucun rapport n'est attendu à partir de ce mois. Refusé tant qu'un rapport de ce mois ou d'un mois suivant est soumis ou validé."
            value={from}
            onChange={setFrom}
            error={close.fields.from}
          />
          <Button
            priority="secondary"
            iconId="fr-icon-close-circle-line"
            nativeButtonProps={{ ...closeModal.buttonProps, onClick: () => close.reset() }}
          >
            Fermer l'atelier…
          </Button>
        </form>
      )}
      <closeModal.Component
        title={`Fermer ${history.name} ?`}
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: close.pending ? "Fermeture en cours…" : `Fermer à partir ${ofMonthText(from)}`,
            priority: "primary",
            doClosesModal: false,
            disabled: close.pending,
            onClick: () => void confirmClose(),
          },
        ]}
      >
        <p>
          À partir {ofMonthText(from)}, plus aucun rapport ne sera attendu de cet atelier : ces mois ne compteront plus dans la complétude
          ni dans les taux de réponse. Les rapports des mois précédents et leurs chiffres restent tels quels.
        </p>
        {closeGeneral !== null && (
          <Alert small severity="error" title="Fermeture refusée" description={errorMessage(closeGeneral)} className="fr-mt-2w" />
        )}
      </closeModal.Component>
      <cancelModal.Component
        title="Annuler la fermeture ?"
        titleAs="h2"
        buttons={[
          { children: "Garder la fermeture", priority: "secondary" },
          {
            children: cancel.pending ? "Annulation en cours…" : "Annuler la fermeture",
            priority: "primary",
            doClosesModal: false,
            disabled: cancel.pending,
            onClick: () => void confirmCancel(),
          },
        ]}
      >
        <p>
          {history.name} redeviendra ouvert sans date de fin : ses rapports seront de nouveau attendus chaque mois
          {history.closedFrom ? `, ${monthText(history.closedFrom)} compris` : ""}.
        </p>
        {cancel.state.status === "failed" && (
          <Alert small severity="error" title="Annulation refusée" description={errorMessage(cancel.state.error)} className="fr-mt-2w" />
        )}
      </cancelModal.Component>
    </section>
  );
}
