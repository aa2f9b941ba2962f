import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { FormDefinition, ReportValues } from "@enquete/domain";
import { useEffect, useId, useRef, useState } from "react";
import type { ConflictCurrent } from "../../../api/reports.ts";
import type { FormText } from "../form/formText.ts";
import { savedAtText } from "../save/SaveStatus.tsx";
import { applyChoices, type ConflictRow, conflictRows, type Side } from "./conflictRows.ts";

type Props = {
  form: FormDefinition;
  current: ConflictCurrent;
  base: ReportValues | null;
  /** What is on screen now. */
  text: FormText;
  /** The person chose: the form's text to keep, on top of the server's current version. */
  onResolve: (text: FormText) => void;
};

function savedBy(current: ConflictCurrent): string {
  const when = current.updatedAt ? savedAtText(new Date(current.updatedAt)).replace(/^Enregistré /, "") : null;
  const who = current.updatedBy ? `par ${current.updatedBy}` : null;
  return [who, when].filter(Boolean).join(" ");
}

/**
 * Two versions of the same draft: the one on this screen and the one the
 * server holds. Only the fields that differ, a choice per field or for all;
 * nothing is saved until the person chooses.
 */
export function ConflictPanel({ form, current, base, text, onResolve }: Props) {
  const headingRef = useRef<HTMLDivElement>(null);
  const name = useId();
  const rows = conflictRows(form, text, current.values, base);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const choiceOf = (row: ConflictRow): Side => choices[row.field.code] ?? row.suggested;
  const by = savedBy(current);
  const theirsHeader = `Version enregistrée${by ? ` (${by})` : ""}`;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // Both versions say the same (the other save was identical): nothing to choose.
  const nothingDiffers = rows.length === 0;
  useEffect(() => {
    if (nothingDiffers) onResolve(text);
  }, [nothingDiffers, onResolve, text]);

  const resolveWith = (pick: (row: ConflictRow) => Side) =>
    onResolve(applyChoices(text, current.values, Object.fromEntries(rows.map((r) => [r.field.code, pick(r)]))));

  return (
    <section className="fr-mb-4w" aria-label="Comparaison des deux versions du rapport">
      <div ref={headingRef} tabIndex={-1}>
        <Alert
          severity="warning"
          as="h2"
          title="Ce rapport a été modifié entre-temps"
          description={`Une autre version a été enregistrée${by ? ` ${by}` : ""} pendant que vous saisissiez la vôtre. Rien n'est enregistré ni écrasé tant que vous n'avez pas choisi, pour chaque champ qui diffère, la valeur à garder.`}
        />
      </div>
      <Table
        className="fr-mt-2w fr-mb-2w"
        caption="Les champs qui diffèrent entre les deux versions"
        headers={["Champ", "Votre saisie", theirsHeader, "Valeur à garder"]}
        data={rows.map((row) => [
          row.field.label,
          row.mine,
          row.theirs,
          <RadioButtons
            key={row.field.code}
            small
            legend={<span className="fr-sr-only">Valeur à garder pour « {row.field.label} »</span>}
            name={`${name}-${row.field.code}`}
            options={(["mine", "theirs"] as const).map((side) => ({
              label: side === "mine" ? "La mienne" : "L'autre",
              nativeInputProps: {
                value: side,
                checked: choiceOf(row) === side,
                onChange: () => setChoices((c) => ({ ...c, [row.field.code]: side })),
              },
            }))}
          />,
        ])}
      />
      <ButtonsGroup
        inlineLayoutWhen="md and up"
        buttons={[
          { children: "Garder ma version", onClick: () => resolveWith(() => "mine") },
          { children: "Prendre l'autre version", priority: "secondary", onClick: () => resolveWith(() => "theirs") },
          { children: "Enregistrer mes choix champ par champ", priority: "tertiary", onClick: () => resolveWith(choiceOf) },
        ]}
      />
    </section>
  );
}
