import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TReportState } from "@enquete/contract";
import { reportsApi } from "../../../api/reports.ts";
import { ofMonth } from "../monthText.ts";
import { validateModal } from "./modals.ts";
import { useDecision } from "./useDecision.ts";

type Props = {
  report: TReportState;
  atelierName: string;
  onDecided: (report: TReportState) => void;
  onRefused: (message: string) => void;
};

/** "Valider le rapport" asks first: once validated, only the national team can reopen it. */
export function ValidateModal({ report, atelierName, onDecided, onRefused }: Props) {
  const { pending, error, submit } = useDecision(() => reportsApi.validate(report.atelierCode, report.period), {
    close: () => validateModal.close(),
    onDecided,
    onRefused,
  });
  return (
    <validateModal.Component
      title="Valider ce rapport ?"
      titleAs="h2"
      buttons={[
        { children: "Annuler", priority: "secondary" },
        {
          children: pending ? "Validation en cours…" : "Confirmer la validation",
          iconId: "fr-icon-check-line",
          doClosesModal: false,
          disabled: pending,
          onClick: () => void submit(),
        },
      ]}
    >
      <p>
        Le rapport {ofMonth(report.period)} ({atelierName}) comptera dans les chiffres officiels. Seule l'équipe nationale pourra ensuite le
        rouvrir.
      </p>
      {error !== null && <Alert small severity="error" description={error} className="fr-mt-2w" />}
    </validateModal.Component>
  );
}
