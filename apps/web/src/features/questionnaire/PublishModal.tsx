import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import type { TFormVersionDetail } from "@enquete/contract";
import { addMonths, formatPeriod, periodLabel, periodOfDate } from "@enquete/domain";
import { useState } from "react";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { MonthField } from "../referential-admin/MonthField.tsx";
import { isDraftChanged, publishVersion } from "./formsApi.ts";
import { currentMonth } from "./versionText.ts";

export const publishModal = createModal({ id: "publier-version", isOpenedByDefault: false });

const DRAFT_CHANGED = "Le brouillon a été modifié entre-temps : relisez ses modifications avant de publier.";

const nextMonth = () => formatPeriod(addMonths(periodOfDate(`${currentMonth()}-01`), 1));

type Props = {
  version: number;
  /** The draft as the page shows it: only that one is published. */
  updatedAt: string;
  onPublished: (detail: TFormVersionDetail) => void;
  /** Saved by someone else since the page read it: the page reads it again and says `message`. */
  onDraftChanged: (message: string) => void;
};

/**
 * Publishing a draft from a first month, after a DSFR dialog that says what
 * it changes; the server decides which months are allowed and says why not.
 */
export function PublishModal({ version, updatedAt, onPublished, onDraftChanged }: Props) {
  const [from, setFrom] = useState(nextMonth);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fromError = error instanceof ApiError ? error.fieldErrors.find((f) => f.field === "from")?.message : undefined;

  const publish = async () => {
    setPending(true);
    setError(null);
    try {
      const published = await publishVersion(version, from, updatedAt);
      publishModal.close();
      onPublished(published);
    } catch (e) {
      if (isDraftChanged(e)) {
        // Not published: the person rereads the changes on the page before deciding again.
        publishModal.close();
        onDraftChanged(DRAFT_CHANGED);
      } else setError(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <publishModal.Component
      title={`Publier la version ${version}`}
      titleAs="h2"
      buttons={[
        { children: "Annuler", priority: "secondary" },
        {
          children: pending ? "Publication…" : `Publier à partir de ${periodLabel(from)}`,
          priority: "primary",
          iconId: "fr-icon-send-plane-line",
          doClosesModal: false,
          disabled: pending,
          onClick: () => void publish(),
        },
      ]}
    >
      <p>
        Les rapports des mois précédents gardent leur version ; un brouillon d'un mois couvert pourra passer à la nouvelle version, avec ses
        valeurs et ses notes, sauf celles des champs qu'elle retire. Une fois publiée, la version ne se modifie plus : une correction passe
        par une nouvelle version.
      </p>
      <MonthField
        legend="Premier mois où la version s'applique"
        hint="Un mois qui n'a pas commencé, ou le mois en cours si aucun de ses rapports n'a encore été soumis."
        value={from}
        onChange={(period) => {
          setFrom(period);
          setError(null);
        }}
        error={fromError}
        disabled={pending}
      />
      {error !== null && !fromError && <Alert small severity="error" description={errorMessage(error)} className="fr-mt-2w" />}
    </publishModal.Component>
  );
}
