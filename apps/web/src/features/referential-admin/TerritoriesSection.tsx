import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import type { TTerritory } from "@enquete/contract";
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { referentialApi } from "../../api/referential.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { useAction } from "./useAction.ts";

const renameModal = createModal({ id: "renommer-direction", isOpenedByDefault: false });

type Props = { territories: readonly TTerritory[]; onChanged: () => void };

/** The territories: their ateliers today, a new one, a new name. */
export function TerritoriesSection({ territories, onChanged }: Props) {
  const headingId = useId();
  const [renaming, setRenaming] = useState<TTerritory | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId}>Directions territoriales</h2>
      {notice && <Alert role="status" small severity="success" className="fr-mb-2w" description={notice} />}
      <ScrollTable caption="Directions territoriales et leurs ateliers d'aujourd'hui" className="fr-table--bordered">
        <thead>
          <tr>
            <th scope="col">Direction territoriale</th>
            <th scope="col">Code</th>
            <th scope="col" className="fr-cell--right">
              Ateliers
            </th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {territories.map((t) => (
            <tr key={t.code}>
              <th scope="row">{t.name}</th>
              <td>{t.code}</td>
              <td className="fr-cell--right">{t.atelierCount.toLocaleString("fr-FR")}</td>
              <td>
                <Button
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-edit-line"
                  // One id per button: the modal's control-button id, spread on every row, would repeat (WCAG 4.1.1);
                  // the modal opens through aria-controls.
                  nativeButtonProps={{ ...renameModal.buttonProps, id: `renommer-direction-${t.code}`, onClick: () => setRenaming(t) }}
                  title={`Renommer ${t.name}`}
                >
                  Renommer
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <renameModal.Component title={renaming ? `Renommer ${renaming.name}` : "Renommer une direction territoriale"} titleAs="h2">
        {renaming && (
          <RenameTerritoryForm
            key={renaming.code}
            territory={renaming}
            onDone={(name) => {
              renameModal.close();
              setNotice(`La direction territoriale « ${renaming.name} » s'appelle maintenant « ${name} ».`);
              onChanged();
            }}
          />
        )}
      </renameModal.Component>
      <CreateTerritoryForm
        onDone={(name) => {
          setNotice(`La direction territoriale « ${name} » est créée.`);
          onChanged();
        }}
      />
    </section>
  );
}

function RenameTerritoryForm({ territory, onDone }: { territory: TTerritory; onDone: (name: string) => void }) {
  const [name, setName] = useState(territory.name);
  const action = useAction((n: string) => referentialApi.renameTerritory(territory.code, { name: n }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if ((await action.submit(trimmed)).ok) onDone(trimmed);
  };
  const general = action.generalError(["name"]);
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <p>Le nouveau nom vaut partout, y compris pour les mois passés : le code « {territory.code} » ne change pas.</p>
      <Input
        label="Nouveau nom"
        state={action.fields.name ? "error" : "default"}
        stateRelatedMessage={action.fields.name}
        nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value), autoComplete: "off" }}
      />
      {general !== null && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(general)} />}
      <Button type="submit" disabled={action.pending}>
        {action.pending ? "Enregistrement…" : "Renommer"}
      </Button>
    </form>
  );
}

function CreateTerritoryForm({ onDone }: { onDone: (name: string) => void }) {
  const headingId = useId();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const action = useAction(referentialApi.createTerritory);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { code: code.trim(), name: name.trim() };
    if (!(await action.submit(body)).ok) return;
    setCode("");
    setName("");
    onDone(body.name);
  };
  const general = action.generalError(["code", "name"]);

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby={headingId} className="fr-mt-4w">
      <h3 id={headingId} className="fr-h5">
        Créer une direction territoriale
      </h3>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Code"
            hintText="En minuscules, mots séparés par des tirets : grand-est"
            state={action.fields.code ? "error" : "default"}
            stateRelatedMessage={action.fields.code}
            nativeInputProps={{ value: code, onChange: (e) => setCode(e.target.value), autoComplete: "off", spellCheck: false }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label="Nom"
            hintText="Tel que les personnes le lisent : Grand Est"
            state={action.fields.name ? "error" : "default"}
            stateRelatedMessage={action.fields.name}
            nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value), autoComplete: "off" }}
          />
        </div>
      </div>
      {general !== null && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(general)} />}
      <Button type="submit" iconId="fr-icon-add-line" disabled={action.pending}>
        {action.pending ? "Création…" : "Créer la direction territoriale"}
      </Button>
    </form>
  );
}
