import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { useState } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/ApiError.ts";
import { plural } from "../../shared/format.ts";
import { deleteDraft, isDraftChanged } from "./formsApi.ts";
import { QUESTIONNAIRE_PATH } from "./paths.ts";
import type { VersionsNotice } from "./VersionsPage.tsx";

export const deleteModal = createModal({ id: "supprimer-brouillon", isOpenedByDefault: false });

const DRAFT_CHANGED = "Le brouillon a été modifié entre-temps : relisez ses modifications avant de le supprimer.";

type Props = {
  version: number;
  changes: number;
  /** The draft as the page shows it: only that one is discarded. */
  updatedAt: string;
  /** Saved by someone else since the page read it: the page reads it again and says `message`. */
  onDraftChanged: (message: string) => void;
};

/** Discarding a draft, confirmed in a DSFR dialog; the list of versions then says it is gone. */
export function DeleteDraftModal({ version, changes, updatedAt, onDraftChanged }: Props) {
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const remove = async () => {
    setPending(true);
    setError(null);
    try {
      await deleteDraft(version, updatedAt);
      deleteModal.close();
      navigate(QUESTIONNAIRE_PATH, { state: { deleted: version } satisfies VersionsNotice });
    } catch (e) {
      setPending(false);
      if (isDraftChanged(e)) {
        // Not deleted: someone's new changes are not discarded unseen.
        deleteModal.close();
        onDraftChanged(DRAFT_CHANGED);
      } else setError(e);
    }
  };

  return (
    <deleteModal.Component
      title={`Supprimer le brouillon de la version ${version} ?`}
      titleAs="h2"
      buttons={[
        { children: "Annuler", priority: "secondary" },
        {
          children: pending ? "Suppression…" : "Supprimer le brouillon",
          priority: "primary",
          iconId: "fr-icon-delete-line",
          doClosesModal: false,
          disabled: pending,
          onClick: () => void remove(),
        },
      ]}
    >
      <p>
        {changes === 0
          ? "Le brouillon, sans modification, sera supprimé."
          : `Le brouillon et ses ${plural(changes, "modification")} seront supprimés.`}{" "}
        Rien ne change pour les ateliers : aucun rapport n'utilise un brouillon.
      </p>
      {error !== null && <Alert small severity="error" description={errorMessage(error)} className="fr-mt-2w" />}
    </deleteModal.Component>
  );
}
