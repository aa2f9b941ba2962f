import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { TAtelierHistory } from "@enquete/contract";
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { referentialApi } from "../../api/referential.ts";
import { Notice } from "./Notice.tsx";
import { useAction } from "./useAction.ts";

type Props = { history: TAtelierHistory; onChanged: () => void };

/** A new name or city: it is how the atelier reads everywhere, its past months included. */
export function RenameAtelierForm({ history, onChanged }: Props) {
  const headingId = useId();
  const [name, setName] = useState(history.name);
  const [city, setCity] = useState(history.city);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction((body: { name?: string; city?: string }) => referentialApi.renameAtelier(history.code, body));
  const general = action.generalError(["name", "city"]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const body = {
      ...(name.trim() !== history.name ? { name: name.trim() } : {}),
      ...(city.trim() !== history.city ? { city: city.trim() } : {}),
    };
    if ((await action.submit(body)).ok) {
      setDone(`L'atelier s'appelle maintenant « ${body.name ?? history.name} » (${body.city ?? history.city}).`);
      onChanged();
    }
  };

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h3 id={headingId} className="fr-h5">
        Renommer
      </h3>
      {done && <Notice onClose={() => setDone(null)}>{done}</Notice>}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-8">
            <Input
              label="Nom de l'atelier"
              state={action.fields.name ? "error" : "default"}
              stateRelatedMessage={action.fields.name}
              nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value), autoComplete: "off" }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Ville"
              state={action.fields.city ? "error" : "default"}
              stateRelatedMessage={action.fields.city}
              nativeInputProps={{ value: city, onChange: (e) => setCity(e.target.value), autoComplete: "off" }}
            />
          </div>
        </div>
        {general !== null && (
          <Alert small severity="error" className="fr-mb-2w" title="Changement refusé" description={errorMessage(general)} />
        )}
        <Button type="submit" priority="secondary" iconId="fr-icon-edit-line" disabled={action.pending}>
          {action.pending ? "Enregistrement…" : "Enregistrer le nom et la ville"}
        </Button>
      </form>
    </section>
  );
}
