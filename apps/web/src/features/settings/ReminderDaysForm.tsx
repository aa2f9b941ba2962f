import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { REMINDER_DAYS_MAX, type TSettings } from "@enquete/contract";
import { type FormEvent, useId, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { plural } from "../../shared/format.ts";
import { saveReminderDays } from "./reminderDaysApi.ts";

type Props = { settings: TSettings; onSaved: (settings: TSettings) => void };

type Field = "daysBefore" | "daysAfter";
type Outcome =
  | { kind: "saved"; settings: TSettings }
  | { kind: "fields"; messages: Partial<Record<Field, string>> }
  | { kind: "failed"; error: unknown };

/** "3" as typed; null for an empty or non-numeric field (the API explains what it expects). */
function typedDays(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() === "" || !Number.isFinite(value) ? null : value;
}

const sentence = (s: TSettings) =>
  `le rappel part ${plural(s.reminderDaysBefore, "jour")} avant l'échéance, le rappel de retard ${plural(s.reminderDaysAfter, "jour")} après.`;

/**
 * When the reminders go to the ateliers whose report is not submitted: some
 * days before the due date, some days after it. The ranges are the API's,
 * told at each field in its French words (the browser's checks are off).
 */
export function ReminderDaysForm({ settings, onSaved }: Props) {
  const headingId = useId();
  const refs = { daysBefore: useRef<HTMLInputElement>(null), daysAfter: useRef<HTMLInputElement>(null) };
  const [values, setValues] = useState({ daysBefore: String(settings.reminderDaysBefore), daysAfter: String(settings.reminderDaysAfter) });
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setOutcome(null);
    try {
      const saved = await saveReminderDays({ daysBefore: typedDays(values.daysBefore), daysAfter: typedDays(values.daysAfter) });
      onSaved(saved);
      setValues({ daysBefore: String(saved.reminderDaysBefore), daysAfter: String(saved.reminderDaysAfter) });
      setOutcome({ kind: "saved", settings: saved });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors.filter((f) => f.field === "daysBefore" || f.field === "daysAfter") : [];
      if (fields.length > 0) {
        const messages = Object.fromEntries(fields.map((f) => [f.field, f.message])) as Partial<Record<Field, string>>;
        setOutcome({ kind: "fields", messages });
        refs[messages.daysBefore ? "daysBefore" : "daysAfter"].current?.focus();
      } else {
        setOutcome({ kind: "failed", error });
      }
    } finally {
      setPending(false);
    }
  };

  const fieldMessage = (field: Field) => (outcome?.kind === "fields" ? outcome.messages[field] : undefined);
  const input = (field: Field, label: string, hint: string) => (
    <Input
      label={label}
      hintText={hint}
      state={fieldMessage(field) ? "error" : "default"}
      stateRelatedMessage={fieldMessage(field)}
      nativeInputProps={{
        ref: refs[field],
        type: "number",
        inputMode: "numeric",
        min: 1,
        max: REMINDER_DAYS_MAX,
        step: 1,
        name: field,
        value: values[field],
        onChange: (e) => setValues((v) => ({ ...v, [field]: e.target.value })),
        style: { maxWidth: "10rem" },
      }}
    />
  );

  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId} className="fr-h4">
        Jours des rappels
      </h2>
      <p>
        Les directions d'atelier dont le rapport n'est pas soumis reçoivent un rappel avant l'échéance, puis un rappel de retard après elle.
        Actuellement : {sentence(settings)}
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        {input(
          "daysBefore",
          "Jours avant l'échéance",
          `De 1 à ${REMINDER_DAYS_MAX}, et moins que le jour d'échéance (${settings.dueDay}) : le rappel part une fois le mois terminé.`,
        )}
        {input("daysAfter", "Jours après l'échéance", `De 1 à ${REMINDER_DAYS_MAX}.`)}
        <Button type="submit" disabled={pending}>
          {pending ? "Enregistrement…" : "Enregistrer les jours des rappels"}
        </Button>
      </form>
      {outcome?.kind === "saved" && (
        <Alert role="status" small severity="success" className="fr-mt-2w" description={`Enregistré : ${sentence(outcome.settings)}`} />
      )}
      {outcome?.kind === "failed" && <Alert small severity="error" className="fr-mt-2w" description={errorMessage(outcome.error)} />}
    </section>
  );
}
