import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TOpenAtelierBody, TTerritory } from "@enquete/contract";
import { formatPeriod, LABEL_STATUS_LABELS, LABEL_STATUSES, type LabelStatus } from "@enquete/domain";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/ApiError.ts";
import { referentialApi } from "../../api/referential.ts";
import { MonthField } from "./MonthField.tsx";
import { monthText, thisMonth } from "./months.ts";
import { atelierAdminPath } from "./paths.ts";
import { useAction } from "./useAction.ts";

const openModal = createModal({ id: "ouvrir-atelier", isOpenedByDefault: false });

const FIELDS = ["code", "name", "city", "departement", "territoryCode", "openFrom", "labellisation", "lab", "espe"] as const;

type Draft = {
  code: string;
  name: string;
  city: string;
  departement: string;
  territoryCode: string;
  openFrom: string;
  labellisation: LabelStatus | "";
  lab: boolean;
  espe: boolean;
};

const emptyDraft = (): Draft => ({
  code: "",
  name: "",
  city: "",
  departement: "",
  territoryCode: "",
  openFrom: formatPeriod(thisMonth()),
  labellisation: "",
  lab: false,
  espe: false,
});

function bodyOf(d: Draft): TOpenAtelierBody {
  return {
    code: d.code.trim().toUpperCase(),
    name: d.name.trim(),
    city: d.city.trim(),
    territoryCode: d.territoryCode,
    openFrom: d.openFrom,
    ...(d.departement.trim() ? { departement: d.departement.trim() } : {}),
    ...(d.labellisation ? { labellisation: d.labellisation } : {}),
    lab: d.lab,
    espe: d.espe,
  };
}

/** "Ouvrir un atelier": a DSFR modal with the whole form; a refusal keeps every field as typed. */
export function OpenAtelierForm({ territories, onOpened }: { territories: readonly TTerritory[]; onOpened: () => void }) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [opened, setOpened] = useState<{ code: string; name: string; openFrom: string } | null>(null);
  const action = useAction(referentialApi.openAtelier);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const f = action.fields;
  const general = action.generalError(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = bodyOf(draft);
    if (!(await action.submit(body)).ok) return;
    openModal.close();
    setOpened({ code: body.code, name: body.name, openFrom: body.openFrom });
    setDraft(emptyDraft());
    onOpened();
  };

  return (
    <>
      <Button iconId="fr-icon-add-line" nativeButtonProps={{ ...openModal.buttonProps, onClick: () => setOpened(null) }}>
        Ouvrir un atelier
      </Button>
      {opened && (
        <Alert
          role="status"
          small
          severity="success"
          className="fr-mt-2w"
          description={
            <>
              {opened.name} est ouvert à partir de {monthText(opened.openFrom)}.{" "}
              <Link to={atelierAdminPath(opened.code)}>Voir son historique</Link>
            </>
          }
        />
      )}
      <openModal.Component title="Ouvrir un atelier" titleAs="h2" size="large">
        <form noValidate onSubmit={(e) => void submit(e)}>
          <p className="fr-text--sm">
            L'atelier est attendu pour chaque mois à partir de son mois d'ouverture, dès que ce mois est terminé. Tous les champs sont
            obligatoires sauf mention contraire.
          </p>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <Input
                label="Code"
                hintText="Le code du département (86, 2A, 971), suivi au besoin d'un suffixe pour un second atelier : 69-M"
                state={f.code ? "error" : "default"}
                stateRelatedMessage={f.code}
                nativeInputProps={{
                  value: draft.code,
                  onChange: (e) => set("code", e.target.value),
                  autoComplete: "off",
                  spellCheck: false,
                }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-8">
              <Input
                label="Nom"
                hintText="Par exemple : Atelier Canopé 69-M – Villeurbanne"
                state={f.name ? "error" : "default"}
                stateRelatedMessage={f.name}
                nativeInputProps={{ value: draft.name, onChange: (e) => set("name", e.target.value), autoComplete: "off" }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label="Ville"
                state={f.city ? "error" : "default"}
                stateRelatedMessage={f.city}
                nativeInputProps={{ value: draft.city, onChange: (e) => set("city", e.target.value), autoComplete: "off" }}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Input
                label="Département (facultatif)"
                hintText="Par défaut, celui de l'atelier du même code de département"
                state={f.departement ? "error" : "default"}
                stateRelatedMessage={f.departement}
                nativeInputProps={{ value: draft.departement, onChange: (e) => set("departement", e.target.value), autoComplete: "off" }}
              />
            </div>
          </div>
          <Select
            label="Direction territoriale"
            state={f.territoryCode ? "error" : "default"}
            stateRelatedMessage={f.territoryCode}
            nativeSelectProps={{ value: draft.territoryCode, onChange: (e) => set("territoryCode", e.target.value) }}
          >
            <option value="" disabled>
              Choisissez une direction territoriale
            </option>
            {territories.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </Select>
          <MonthField
            legend="Mois d'ouverture"
            hint="Le premier mois où l'atelier est ouvert."
            value={draft.openFrom}
            onChange={(v) => set("openFrom", v)}
            error={f.openFrom}
          />
          <Select
            label="Labellisation (facultatif)"
            state={f.labellisation ? "error" : "default"}
            stateRelatedMessage={f.labellisation}
            nativeSelectProps={{ value: draft.labellisation, onChange: (e) => set("labellisation", e.target.value as LabelStatus | "") }}
          >
            <option value="">Non renseignée</option>
            {LABEL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LABEL_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
          <Checkbox
            legend="Attributs (facultatif)"
            state={f.lab || f.espe ? "error" : "default"}
            stateRelatedMessage={f.lab ?? f.espe}
            options={[
              {
                label: "Accueille un laboratoire des usages",
                nativeInputProps: { checked: draft.lab, onChange: (e) => set("lab", e.target.checked) },
              },
              {
                label: "Implanté dans une ESPE/INSPÉ",
                nativeInputProps: { checked: draft.espe, onChange: (e) => set("espe", e.target.checked) },
              },
            ]}
          />
          {general !== null && (
            <Alert small severity="error" className="fr-mb-2w" title="Ouverture refusée" description={errorMessage(general)} />
          )}
          {Object.keys(f).length > 0 && general === null && (
            <p className="fr-error-text fr-mb-2w" role="alert">
              Corrigez les champs signalés : rien n'a été enregistré.
            </p>
          )}
          <div className="fr-btns-group fr-btns-group--inline-md fr-btns-group--right">
            <Button type="button" priority="secondary" onClick={() => openModal.close()}>
              Annuler
            </Button>
            <Button type="submit" iconId="fr-icon-add-line" disabled={action.pending}>
              {action.pending ? "Ouverture…" : "Ouvrir l'atelier"}
            </Button>
          </div>
        </form>
      </openModal.Component>
    </>
  );
}
