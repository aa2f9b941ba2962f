import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import type { TBatchValidateResult } from "@enquete/contract";
import { useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { validateBatch } from "../../api/campaign.ts";
import { plural } from "../../shared/format.ts";
import { ofMonth } from "../atelier-months/months.ts";
import type { QueueRow } from "./queue.ts";

// One queue per page: the role tabs show one territory at a time.
const confirmModal = createModal({ id: "valider-selection", isOpenedByDefault: false });

type Props = {
  period: string;
  selected: readonly QueueRow[];
  /** Called once the API has answered, after the modal is closed. */
  onDone: (result: TBatchValidateResult) => void;
};

/**
 * "Valider la sélection": a DSFR modal asks for confirmation (DSFR traps the
 * focus inside it and gives it back to the button when cancelled), then the
 * reports are validated in one call.
 */
export function BatchValidation({ period, selected, onDone }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const count = selected.length;
  const what = `${plural(count, "rapport")} ${ofMonth(period)}`;

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await validateBatch({ period, atelierCodes: selected.map((r) => r.atelierCode) });
      confirmModal.close();
      onDone(result);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <div className="fr-mt-2w">
        <Button
          iconId="fr-icon-check-line"
          iconPosition="left"
          disabled={count === 0}
          nativeButtonProps={{ ...confirmModal.buttonProps, onClick: () => setError(null) }}
        >
          Valider la sélection
        </Button>
        <p className="fr-hint-text fr-mt-1w" aria-live="polite">
          {count === 0
            ? "Cochez les rapports soumis que vous voulez valider."
            : `${plural(count, "rapport sélectionné", "rapports sélectionnés")}.`}
        </p>
      </div>
      <confirmModal.Component
        title={count === 0 ? "Valider la sélection" : `Valider ${what} ?`}
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: pending ? "Validation en cours…" : `Valider ${plural(count, "rapport")}`,
            priority: "primary",
            iconId: "fr-icon-check-line",
            doClosesModal: false,
            disabled: pending || count === 0,
            onClick: () => void confirm(),
          },
        ]}
      >
        <p>
          {count > 1 ? "Ces rapports compteront" : "Ce rapport comptera"} dans les chiffres officiels. Seule l'équipe nationale pourra
          ensuite {count > 1 ? "les" : "le"} rouvrir.
        </p>
        <ul>
          {selected.map((r) => (
            <li key={r.atelierCode}>{r.atelierName}</li>
          ))}
        </ul>
        {error !== null && <Alert small severity="error" description={errorMessage(error)} className="fr-mt-2w" />}
      </confirmModal.Component>
    </>
  );
}
