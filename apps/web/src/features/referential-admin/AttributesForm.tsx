import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TAtelierAttributesBody, TAtelierHistory } from "@enquete/contract";
import { formatPeriod, LABEL_STATUS_LABELS, LABEL_STATUSES, type LabelStatus } from "@enquete/domain";
import { type FormEvent, useId, useRef, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { referentialApi } from "../../api/referential.ts";
import { MonthField } from "./MonthField.tsx";
import { ofMonthText, thisMonth } from "./months.ts";
import { Notice } from "./Notice.tsx";
import { useAction } from "./useAction.ts";
import { useReturnFocus } from "./useReturnFocus.ts";

const attributesModal = createModal({ id: "attributs-atelier", isOpenedByDefault: false });

type Change = "" | "yes" | "no";
type Props = { history: TAtelierHistory; onChanged: () => void };

const asBool = (c: Change) => (c === "" ? undefined : c === "yes");

/** What the change says, in French, for the confirmation. */
function describe(body: TAtelierAttributesBody): string[] {
  const lines: string[] = [];
  if (body.labellisation) lines.push(`Labellisation : ${LABEL_STATUS_LABELS[body.labellisation]}`);
  if (body.lab !== undefined) lines.push(`Laboratoire des usages : ${body.lab ? "oui" : "non"}`);
  if (body.espe !== undefined) lines.push(`Implanté dans une ESPE/INSPÉ : ${body.espe ? "oui" : "non"}`);
  return lines;
}

function ChangeRadios({ legend, value, onChange }: { legend: string; value: Change; onChange: (c: Change) => void }) {
  const name = useId();
  const option = (v: Change, label: string) => ({
    label,
    nativeInputProps: { name, value: v, checked: value === v, onChange: () => onChange(v) },
  });
  return (
    <RadioButtons
      legend={legend}
      orientation="horizontal"
      options={[option("", "Sans changement"), option("yes", "Oui"), option("no", "Non")]}
    />
  );
}

/** Labellisation, laboratoire des usages, ESPE/INSPÉ, from a month: the figures of that month on are broken down by them. */
export function AttributesForm({ history, onChanged }: Props) {
  const headingId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  useReturnFocus(attributesModal.id, trigger);
  const [from, setFrom] = useState(formatPeriod(thisMonth()));
  const [labellisation, setLabellisation] = useState<LabelStatus | "">("");
  const [lab, setLab] = useState<Change>("");
  const [espe, setEspe] = useState<Change>("");
  const [nothing, setNothing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(referentialApi.setAttributes);
  const body: TAtelierAttributesBody = {
    from,
    ...(labellisation ? { labellisation } : {}),
    ...(lab ? { lab: asBool(lab) } : {}),
    ...(espe ? { espe: asBool(espe) } : {}),
  };
  const lines = describe(body);
  const general = action.generalError(["from"]);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    action.reset();
    setNothing(lines.length === 0);
    if (lines.length > 0) attributesModal.open();
  };

  const confirm = async () => {
    const outcome = await action.submit(history.code, body);
    if (outcome.ok) {
      attributesModal.close();
      setDone(`À partir ${ofMonthText(from)} : ${lines.join(" ; ")}.`);
      setLabellisation("");
      setLab("");
      setEspe("");
      onChanged();
    } else if ("from" in outcome.fields) {
      attributesModal.close();
    }
  };

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h3 id={headingId} className="fr-h5">
        Changer les attributs à partir d'un mois
      </h3>
      {done && <Notice onClose={() => setDone(null)}>{done}</Notice>}
      <form noValidate onSubmit={ask}>
        <MonthField legend="À partir du mois" value={from} onChange={setFrom} error={action.fields.from} />
        <Select
          label="Labellisation"
          nativeSelectProps={{ value: labellisation, onChange: (e) => setLabellisation(e.target.value as LabelStatus | "") }}
        >
          <option value="">Sans changement</option>
          {LABEL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LABEL_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        <ChangeRadios legend="Accueille un laboratoire des usages" value={lab} onChange={setLab} />
        <ChangeRadios legend="Implanté dans une ESPE/INSPÉ" value={espe} onChange={setEspe} />
        {nothing && (
          <p className="fr-error-text fr-mb-2w" role="alert">
            Indiquez au moins un attribut à changer.
          </p>
        )}
        {/* A submit button: the form needs one (WCAG 3.2.2), and Enter in a field asks too. */}
        <Button type="submit" priority="secondary" iconId="fr-icon-calendar-line" ref={trigger}>
          Changer les attributs…
        </Button>
      </form>
      <attributesModal.Component
        title="Changer les attributs ?"
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: action.pending ? "Enregistrement…" : "Confirmer",
            priority: "primary",
            doClosesModal: false,
            disabled: action.pending || lines.length === 0,
            onClick: () => void confirm(),
          },
        ]}
      >
        <p>À partir {ofMonthText(from)}, et jusqu'au prochain changement :</p>
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <p>Les chiffres de ces mois, ventilés par labellisation, laboratoire ou ESPE, suivront.</p>
        {general !== null && <Alert small severity="error" title="Changement refusé" description={errorMessage(general)} />}
      </attributesModal.Component>
    </section>
  );
}
