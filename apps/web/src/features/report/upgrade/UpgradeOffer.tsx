import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import type { TFormUpgrade, TReportState } from "@enquete/contract";
import { ofPeriod } from "@enquete/domain";
import { type RefObject, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../../api/ApiError.ts";
import { reportsApi } from "../../../api/reports.ts";
import { conflictSideOf } from "../conflict/conflictSide.ts";
import { displayValue } from "../valueText.ts";
import type { UpgradeHandle } from "./UpgradeHandle.ts";
import { droppedNotes, offerText, upgradeButtonLabel } from "./upgradeText.ts";

const upgradeModal = createModal({ id: "changer-version-questionnaire", isOpenedByDefault: false });

type Props = {
  report: TReportState;
  editor: RefObject<UpgradeHandle | null>;
  onUpgraded: (report: TReportState) => void;
};

/**
 * A draft started on an older questionnaire version, for a month a newer one
 * covers: the offer to move, and its confirmation in a DSFR modal that lists
 * what is added and what is not kept. The modal stays mounted once the offer
 * is gone (the move done), so that it closes cleanly.
 */
export function UpgradeOffer({ report, editor, onUpgraded }: Props) {
  // The last offer made: the modal keeps its content while it closes after the move.
  const [upgrade, setUpgrade] = useState<TFormUpgrade | null>(report.formUpgrade);
  if (report.formUpgrade && report.formUpgrade !== upgrade) setUpgrade(report.formUpgrade);
  const offer = report.formUpgrade;
  return (
    <>
      {offer && (
        <Alert
          className="fr-mb-4w"
          severity="info"
          as="h2"
          title="Nouvelle version du questionnaire"
          description={
            <>
              <p className="fr-mb-2w">{offerText(offer, report)}</p>
              <Button priority="secondary" size="small" iconId="fr-icon-arrow-right-line" nativeButtonProps={upgradeModal.buttonProps}>
                {upgradeButtonLabel(offer)}
              </Button>
            </>
          }
        />
      )}
      {upgrade && <UpgradeModal report={report} upgrade={upgrade} editor={editor} onUpgraded={onUpgraded} />}
    </>
  );
}

function UpgradeModal({ report, upgrade, editor, onUpgraded }: Props & { upgrade: TFormUpgrade }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  // The report as last saved, not as the offer was read: a value or a note typed since is lost too.
  const notes = new Map(droppedNotes(upgrade, report.notes).map((n) => [n.code, n.note]));

  const confirm = async () => {
    const form = editor.current;
    if (running.current || !form) return;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      const ready = await form.prepare();
      if (!ready.ok) {
        setError(ready.message);
        return;
      }
      try {
        const next = await reportsApi.upgrade(report.atelierCode, report.period, upgrade.version, ready.version);
        form.done();
        upgradeModal.close();
        onUpgraded(next);
      } catch (e) {
        const current = conflictSideOf(e);
        if (current) {
          // Changed elsewhere meanwhile: the comparison comes first; the offer stays for after.
          upgradeModal.close();
          form.conflict(current);
        } else if (e instanceof ApiError && e.status === 401) {
          upgradeModal.close();
          form.expired();
        } else {
          form.release();
          setError(errorMessage(e));
        }
      }
    } finally {
      running.current = false;
      setPending(false);
    }
  };

  return (
    <upgradeModal.Component
      title={`Passer à la version ${upgrade.version} du questionnaire ?`}
      titleAs="h2"
      buttons={[
        { children: "Annuler", priority: "secondary", disabled: pending },
        {
          children: pending ? "Changement de version en cours…" : `Confirmer le passage à la version ${upgrade.version}`,
          doClosesModal: false,
          disabled: pending,
          onClick: () => void confirm(),
        },
      ]}
    >
      <p>
        La version {upgrade.version} du questionnaire s'applique aux rapports à partir {ofPeriod(upgrade.validFrom)}. Vos dernières saisies
        sont d'abord enregistrées ; les valeurs et les notes des champs que la version {upgrade.version} garde sont conservées, celles des
        champs retirés ne sont pas reprises.
      </p>
      <h3 className="fr-h6 fr-mb-1w">Champs ajoutés, à remplir</h3>
      {upgrade.added.length > 0 ? (
        <ul className="fr-mb-3w">
          {upgrade.added.map((f) => (
            <li key={f.code}>{f.label}</li>
          ))}
        </ul>
      ) : (
        <p>Aucun champ ajouté.</p>
      )}
      <h3 className="fr-h6 fr-mb-1w">Champs retirés, dont la valeur et la note ne seront pas reprises</h3>
      {upgrade.retired.length > 0 ? (
        <ul className="fr-mb-3w">
          {upgrade.retired.map((f) => (
            <li key={f.code}>
              {f.label} : {displayValue(report.values[f.code] ?? null)}
              {notes.has(f.code) && <> ; note non reprise : « {notes.get(f.code)} »</>}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun champ retiré : toutes vos valeurs et vos notes sont conservées.</p>
      )}
      {error !== null && <Alert small severity="error" description={error} className="fr-mt-2w" />}
    </upgradeModal.Component>
  );
}
