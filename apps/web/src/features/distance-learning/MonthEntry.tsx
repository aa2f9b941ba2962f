import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { TDistanceLearningMonth } from "@enquete/contract";
import { formatFrenchNumber, parseFrenchNumber, periodLabel, traineeDaysProblem } from "@enquete/domain";
import { type FormEvent, useId, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { saveDistanceLearningMonth } from "../../api/distanceLearning.ts";
import { formatDateTime } from "../../shared/format.ts";

type Field = "moocTraineeDays" | "magistereTraineeDays";
const FIELDS: readonly { code: Field; label: string }[] = [
  { code: "moocTraineeDays", label: "Journées stagiaires MOOC" },
  { code: "magistereTraineeDays", label: "Journées stagiaires M@gistère" },
];

type Props = {
  period: string;
  saved: TDistanceLearningMonth | undefined;
  /** false for a month not started: nothing can be entered yet. */
  started: boolean;
  editable: boolean;
  onSaved: (month: TDistanceLearningMonth) => void;
};

type Texts = Record<Field, string>;
type Status =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "refused"; fields: Partial<Record<Field, string>>; message: string }
  | { kind: "failed"; message: string };

const textsOf = (m: TDistanceLearningMonth | undefined): Texts => ({
  moocTraineeDays: m ? formatFrenchNumber(m.moocTraineeDays) : "",
  magistereTraineeDays: m ? formatFrenchNumber(m.magistereTraineeDays) : "",
});

/** The figure typed, or why it is refused: the domain's rule, checked here before the API checks it again. */
function read(text: string): { value: number } | { problem: string } {
  const parsed = parseFrenchNumber(text);
  if (parsed === null) return { problem: "Saisissez un nombre (0 s'il n'y en a pas)." };
  if (parsed === undefined) return { problem: `« ${text.trim()} » n'est pas un nombre.` };
  const problem = traineeDaysProblem(parsed);
  return problem ? { problem } : { value: parsed };
}

/** One month's MOOC and M@gistère trainee-days, saved on their own; what is typed stays whatever the save's outcome. */
export function MonthEntry({ period, saved, started, editable, onSaved }: Props) {
  const legendId = useId();
  const refs = { moocTraineeDays: useRef<HTMLInputElement>(null), magistereTraineeDays: useRef<HTMLInputElement>(null) };
  const [texts, setTexts] = useState<Texts>(() => textsOf(saved));
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const month = periodLabel(period);
  const dirty = FIELDS.some((f) => texts[f.code] !== textsOf(saved)[f.code]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read1 = read(texts.moocTraineeDays);
    const read2 = read(texts.magistereTraineeDays);
    const fields: Partial<Record<Field, string>> = {};
    if ("problem" in read1) fields.moocTraineeDays = read1.problem;
    if ("problem" in read2) fields.magistereTraineeDays = read2.problem;
    if (!("value" in read1) || !("value" in read2)) {
      setStatus({ kind: "refused", fields, message: `${month} n'est pas enregistré : corrigez les chiffres signalés.` });
      refs[fields.moocTraineeDays ? "moocTraineeDays" : "magistereTraineeDays"].current?.focus();
      return;
    }
    setStatus({ kind: "saving" });
    try {
      const answer = await saveDistanceLearningMonth(period, { moocTraineeDays: read1.value, magistereTraineeDays: read2.value });
      setTexts(textsOf(answer));
      setStatus({ kind: "saved" });
      onSaved(answer);
    } catch (error) {
      const byField: Partial<Record<Field, string>> = {};
      if (error instanceof ApiError) {
        for (const f of error.fieldErrors) {
          if (f.field === "moocTraineeDays" || f.field === "magistereTraineeDays") byField[f.field] = f.message;
        }
      }
      setStatus(
        Object.keys(byField).length > 0
          ? { kind: "refused", fields: byField, message: errorMessage(error) }
          : { kind: "failed", message: `${month} n'est pas enregistré : ${errorMessage(error)}` },
      );
    }
  };

  const statusText = (() => {
    if (!started) return "Ce mois n'a pas encore commencé : il se saisit à partir du 1er.";
    if (status.kind === "saving") return "Enregistrement…";
    if (status.kind === "refused" || status.kind === "failed") return status.message;
    if (dirty) return "Modifications non enregistrées.";
    if (status.kind === "saved") return `Enregistré${saved?.updatedBy ? ` par ${saved.updatedBy}` : ""}.`;
    if (saved) return `Saisi le ${formatDateTime(saved.updatedAt)}${saved.updatedBy ? ` par ${saved.updatedBy}` : ""}.`;
    return "Non saisi.";
  })();
  const tone =
    status.kind === "refused" || status.kind === "failed"
      ? "fr-message--error"
      : status.kind === "saved" && !dirty
        ? "fr-message--valid"
        : "fr-message--info";

  return (
    <form
      noValidate
      onSubmit={(e) => void submit(e)}
      className="fr-p-2w fr-mb-0"
      style={{ border: "1px solid var(--border-default-grey)" }}
    >
      <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={legendId}>
        <legend id={legendId} className="fr-fieldset__legend fr-text--lg fr-mb-1w">
          {month.charAt(0).toUpperCase()}
          {month.slice(1)}
        </legend>
        {FIELDS.map((f) => (
          <div key={f.code} className="fr-fieldset__element">
            <Input
              className="fr-mb-0"
              label={
                <>
                  {f.label}
                  <span className="fr-sr-only"> – {month}</span>
                </>
              }
              disabled={!started || !editable}
              state={status.kind === "refused" && status.fields[f.code] ? "error" : "default"}
              stateRelatedMessage={status.kind === "refused" ? status.fields[f.code] : undefined}
              nativeInputProps={{
                ref: refs[f.code],
                name: `${f.code}-${period}`,
                inputMode: "decimal",
                autoComplete: "off",
                value: texts[f.code],
                onChange: (e) => {
                  const value = e.target.value;
                  setTexts((t) => ({ ...t, [f.code]: value }));
                  if (status.kind === "saved") setStatus({ kind: "idle" });
                },
              }}
            />
          </div>
        ))}
      </fieldset>
      <p role="status" className={`fr-message ${tone} fr-mb-1w`}>
        {statusText}
      </p>
      {editable && started && (
        <Button type="submit" size="small" priority={dirty ? "primary" : "secondary"} disabled={status.kind === "saving"}>
          Enregistrer<span className="fr-sr-only"> {month}</span>
        </Button>
      )}
    </form>
  );
}
