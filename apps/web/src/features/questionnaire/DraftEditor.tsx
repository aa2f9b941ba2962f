import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TFormChange, TFormVersionDetail } from "@enquete/contract";
import { describeChange, type FormDefinition } from "@enquete/domain";
import { useId, useState } from "react";
import { ApiError } from "../../api/ApiError.ts";
import { ChangeList } from "./ChangeList.tsx";
import { ChangeComposer } from "./changes/ChangeComposer.tsx";
import { type Refusal, refusalOf } from "./changes/refusal.ts";
import { fetchVersion, saveChanges } from "./formsApi.ts";

type Props = {
  detail: TFormVersionDetail;
  /** Each change in French, described with the questionnaire just before it. */
  descriptions: readonly string[];
  onSaved: (detail: TFormVersionDetail) => void;
};

/**
 * A draft's changes: the list, each removable, and the form of one more.
 * Every change is saved at once with the whole list (PUT), and what happened
 * is said in a polite live region.
 */
export function DraftEditor({ detail, descriptions, onSaved }: Props) {
  const listId = useId();
  const [status, setStatus] = useState("");
  const [pending, setPending] = useState(false);
  const [removeRefusal, setRemoveRefusal] = useState<Refusal | null>(null);
  const form = detail.form as FormDefinition;

  /** Saved by someone else meanwhile: the page shows their version of the draft, the form keeps what was typed. */
  const reloadIfChanged = async (error: unknown) => {
    if (!(error instanceof ApiError) || error.code !== "DRAFT_CHANGED") return;
    try {
      onSaved(await fetchVersion(detail.version));
    } catch {
      // The refusal already says to reload; a failed reload changes nothing more.
    }
  };

  const add = async (change: TFormChange) => {
    setStatus("Enregistrement de la modification…");
    setRemoveRefusal(null);
    try {
      const saved = await saveChanges(detail.version, [...detail.changeList, change], detail.updatedAt);
      onSaved(saved);
      setStatus(`Modification enregistrée : ${describeChange(change, form)}`);
    } catch (error) {
      setStatus("La modification n'est pas enregistrée : voyez le message au-dessus du formulaire.");
      await reloadIfChanged(error);
      throw error;
    }
  };

  const remove = async (index: number) => {
    setPending(true);
    setStatus(`Retrait de la modification ${index + 1}…`);
    setRemoveRefusal(null);
    try {
      const saved = await saveChanges(
        detail.version,
        detail.changeList.filter((_, i) => i !== index),
        detail.updatedAt,
      );
      onSaved(saved);
      setStatus(`Modification ${index + 1} retirée du brouillon.`);
    } catch (error) {
      // Another change may depend on this one (a rule on the field it adds): the server says which.
      // The server numbers the list sent, without the removed change: numbered back as the page shows them.
      setRemoveRefusal(refusalOf(error, -1, (p) => (p < index ? p + 1 : p + 2)));
      setStatus(`La modification ${index + 1} n'est pas retirée.`);
      await reloadIfChanged(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <section aria-labelledby={listId} className="fr-mt-4w">
        <h2 id={listId} className="fr-h4">
          Modifications par rapport à la version {detail.basedOn}
        </h2>
        <ChangeList changes={detail.changeList} descriptions={descriptions} onRemove={(i) => void remove(i)} disabled={pending} />
        {removeRefusal && (
          <Alert
            small
            severity="error"
            className="fr-mb-2w"
            description={
              <>
                <span>Cette modification ne peut pas être retirée :</span>
                <ul className="fr-mb-0">
                  {removeRefusal.messages.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </>
            }
          />
        )}
      </section>
      <p role="status" aria-live="polite" className="fr-text--bold fr-mt-2w">
        {status}
      </p>
      <ChangeComposer form={form} index={detail.changeList.length} onSave={add} />
    </>
  );
}
