import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useId, useRef, useState } from "react";
import { addYearProblem } from "./targetYears.ts";

type Props = { shown: readonly number[]; onAdd: (year: number) => void };

/** A new contract's year: a row in every indicator's table, whose targets are then typed and saved one by one. */
export function AddYearForm({ shown, onAdd }: Props) {
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<number | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = addYearProblem(text, shown);
    setProblem(found);
    if (found) {
      setAdded(null);
      inputRef.current?.focus();
      return;
    }
    const year = Number(text.trim());
    onAdd(year);
    setAdded(year);
    setText("");
  };

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w fr-p-3w fr-background-alt--grey">
      <h2 id={headingId} className="fr-h5">
        Ajouter une année
      </h2>
      <p className="fr-text--sm">
        Un nouveau contrat ajoute ses années : l'année ajoutée prend une ligne dans le tableau de chaque indicateur, où l'on saisit et
        enregistre chaque cible.
      </p>
      <form noValidate onSubmit={submit}>
        <Input
          label="Année"
          hintText="Au format AAAA, par exemple 2027."
          state={problem ? "error" : "default"}
          stateRelatedMessage={problem ?? undefined}
          nativeInputProps={{
            ref: inputRef,
            name: "year",
            inputMode: "numeric",
            autoComplete: "off",
            value: text,
            onChange: (e) => setText(e.target.value),
            style: { maxWidth: "10rem" },
          }}
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-add-line">
          Ajouter l'année
        </Button>
      </form>
      <p role="status" className="fr-text--sm fr-mt-2w fr-mb-0">
        {added !== null && `Année ${added} ajoutée : saisissez ses cibles dans le tableau de chaque indicateur, puis enregistrez-les.`}
      </p>
    </section>
  );
}
