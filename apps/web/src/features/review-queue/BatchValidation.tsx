import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import type { TReviewBatchResult } from "@enquete/contract";
import { useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { validateReports } from "../../api/reports.ts";
import { plural } from "../../shared/format.ts";
import { ofMonth } from "../atelier-months/months.ts";
import { monthTitle, type QueueRow, rowKey } from "./queue.ts";

// One queue per page: the role tabs show one territory at a time.
const confirmModal = createModal({ id: "valider-selection", isOpenedByDefault: false });

type Props = {
  selected: readonly QueueRow[];
  /** Called once the API has answered, after the modal is closed. */
  onDone: (result: TReviewBatchResult) => void;
};

/** "3 rapports de juillet 2026", or "3 rapports" when they are of several months. */
export function selectionText(rows: readonly { period: string }[]): string {
  const periods = new Set(rows.map((r) => r.period));
  const [only] = periods;
  return periods.size === 1 && only ? `${plural(rows.length, "rapport")} ${ofMonth(only)}` : plural(rows.length, "rapport");
}

/**
 * "Valider la sélection": a DSFR modal asks for confirmation (DSFR traps the
 * focus inside it and gives it back to the button when cancelled), then the
 * reports, of one month or several, are validated in one call.
 */
export function BatchValidation({ selected, onDone }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const count = selected.length;

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await validateReports(selected.map((r) => ({ atelierCode: r.atelierCode, period: r.period })));
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
            ? "Cochez les rapports que vous voulez valider."
            : `${plural(count, "rapport sélectionné", "rapports sélectionnés")}.`}
        </p>
      </div>
      <confirmModal.Component
        title={count === 0 ? "Valider la sélection" : `Valider ${selectionText(selected)} ?`}
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
            <li key={rowKey(r)}>
              {r.atelierName}, {monthTitle(r.period)}
            </li>
          ))}
        </ul>
        {error !== null && <Alert small severity="error" description={errorMessage(error)} className="fr-mt-2w" />}
      </confirmModal.Component>
    </>
  );
}
