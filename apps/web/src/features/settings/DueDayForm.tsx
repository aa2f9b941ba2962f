import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { TSettings } from "@enquete/contract";
import { type FormEvent, useId, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { saveDueDay } from "../../api/campaign.ts";
import { formatDayNumber } from "../../shared/format.ts";

type Props = { dueDay: number; onSaved: (settings: TSettings) => void };

type Outcome = { kind: "saved"; dueDay: number } | { kind: "field"; message: string } | { kind: "failed"; error: unknown };

/** "12" as typed; null for an empty or non-numeric field (the API explains what it expects). */
function typedDay(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() === "" || !Number.isFinite(value) ? null : value;
}

/**
 * The day of the next month a report is due. The range is the API's rule,
 * told in its own French words at the field: the browser's check is off.
 */
export function DueDayForm({ dueDay, onSaved }: Props) {
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(String(dueDay));
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setOutcome(null);
    try {
      const settings = await saveDueDay(typedDay(value));
      onSaved(settings);
      setValue(String(settings.dueDay));
      setOutcome({ kind: "saved", dueDay: settings.dueDay });
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldErrors.find((f) => f.field === "dueDay") : undefined;
      setOutcome(field ? { kind: "field", message: field.message } : { kind: "failed", error });
      if (field) inputRef.current?.focus();
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h2 id={headingId} className="fr-h4">
        Jour d'échéance des rapports
      </h2>
      <p>
        Le rapport d'un mois est dû ce jour-là du mois suivant. Actuellement : le {formatDayNumber(dueDay)} du mois suivant. Un changement
        s'applique aussitôt à tous les rapports, y compris pour le calcul des retards.
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Input
          label="Jour d'échéance"
          hintText="Un nombre entre 1 et 28 (tous les mois ont au moins 28 jours)."
          state={outcome?.kind === "field" ? "error" : "default"}
          stateRelatedMessage={outcome?.kind === "field" ? outcome.message : undefined}
          nativeInputProps={{
            ref: inputRef,
            type: "number",
            inputMode: "numeric",
            min: 1,
            max: 28,
            step: 1,
            name: "dueDay",
            value,
            onChange: (e) => setValue(e.target.value),
            style: { maxWidth: "10rem" },
          }}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Enregistrement…" : "Enregistrer le jour d'échéance"}
        </Button>
      </form>
      {outcome?.kind === "saved" && (
        <Alert
          role="status"
          small
          severity="success"
          className="fr-mt-2w"
          description={`Enregistré : les rapports sont maintenant dus le ${formatDayNumber(outcome.dueDay)} du mois suivant.`}
        />
      )}
      {outcome?.kind === "failed" && <Alert small severity="error" className="fr-mt-2w" description={errorMessage(outcome.error)} />}
    </section>
  );
}
