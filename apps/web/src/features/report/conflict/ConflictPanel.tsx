import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { type FormDefinition, findField } from "@enquete/domain";
import { useEffect, useId, useRef, useState } from "react";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";
import { savedAtText } from "../save/SaveStatus.tsx";
import { applyChoices, type Base, type ConflictRow, conflictRows, type Draft, type Side } from "./conflictRows.ts";
import type { ConflictSide } from "./conflictSide.ts";

type Props = {
  form: FormDefinition;
  current: ConflictSide;
  base: Base;
  /** What is on screen now. */
  mine: Draft;
  /** The person chose: the form's text and notes to keep, on top of the server's current version. */
  onResolve: (draft: Draft) => void;
};

function savedBy(current: ConflictSide): string {
  const when = current.updatedAt ? savedAtText(new Date(current.updatedAt)).replace(/^Enregistré /, "") : null;
  const who = current.updatedBy ? `par ${current.updatedBy}` : null;
  return [who, when].filter(Boolean).join(" ");
}

/**
 * Two versions of the same draft: the one on this screen and the one the
 * server holds. Only the fields (and notes) that differ, a choice per field or
 * for all; nothing is saved until the person chooses.
 */
export function ConflictPanel({ form, current, base, mine, onResolve }: Props) {
  const headingRef = useRef<HTMLDivElement>(null);
  const name = useId();
  const rows = conflictRows(form, mine, current, base);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const choiceOf = (row: ConflictRow): Side => choices[row.key] ?? row.suggested;
  const by = savedBy(current);
  const theirsHeader = `Version enregistrée${by ? ` (${by})` : ""}`;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // Both versions say the same (the other save was identical): nothing to choose.
  const nothingDiffers = rows.length === 0;
  useEffect(() => {
    if (nothingDiffers) onResolve(mine);
  }, [nothingDiffers, onResolve, mine]);

  const resolveWith = (pick: (row: ConflictRow) => Side) =>
    onResolve(applyChoices(mine, current, rows, Object.fromEntries(rows.map((r) => [r.key, pick(r)]))));

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
      {/* ScrollTable, not react-dsfr's <Table>: on a phone the frame scrolls and must be reachable with the keyboard. */}
      <ScrollTable caption="Les champs qui diffèrent entre les deux versions" className="fr-mt-2w fr-mb-2w">
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Votre saisie</th>
            <th scope="col">{theirsHeader}</th>
            <th scope="col">Valeur à garder</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.label}</td>
              <td>{row.mine}</td>
              <td>{row.theirs}</td>
              <td>
                <RadioButtons
                  small
                  legend={
                    <span className="fr-sr-only">
                      {row.kind === "value"
                        ? `Valeur à garder pour « ${row.label} »`
                        : `Note à garder sur « ${findField(form, row.code)?.field.label ?? row.code} »`}
                    </span>
                  }
                  name={`${name}-${row.key}`}
                  options={(["mine", "theirs"] as const).map((side) => ({
                    label: side === "mine" ? "La mienne" : "L'autre",
                    nativeInputProps: {
                      value: side,
                      checked: choiceOf(row) === side,
                      onChange: () => setChoices((c) => ({ ...c, [row.key]: side })),
                    },
                  }))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
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
