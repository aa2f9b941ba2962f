import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { TTarget } from "@enquete/contract";
import { formatFrenchNumber, type IndicatorDef, parseFrenchNumber, targetValueProblem } from "@enquete/domain";
import { type FormEvent, useId, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { saveTarget } from "../../api/targets.ts";

type Props = {
  indicator: IndicatorDef;
  year: number;
  /** The row saved for that year, if any (a target or a reference value). */
  saved: TTarget | undefined;
  onSaved: (target: TTarget) => void;
};

type Status =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "field"; message: string }
  | { kind: "failed"; message: string };

/** The value typed, or why it cannot be sent: the domain's rule, in the API's words, before the API says it. */
function read(text: string, indicator: IndicatorDef): { value: number } | { problem: string } {
  const parsed = parseFrenchNumber(text);
  if (parsed === null) return { problem: "Saisissez la cible : un nombre (pour une part, un pourcentage : 15 pour 15 %)." };
  if (parsed === undefined) return { problem: `« ${text.trim()} » n'est pas un nombre.` };
  const problem = targetValueProblem(indicator, parsed);
  return problem ? { problem } : { value: parsed };
}

/**
 * A year's target edited where it is read. What is typed stays in the field
 * whatever happens to the save; a refusal says why, at the field.
 */
export function TargetEditor({ indicator, year, saved, onSaved }: Props) {
  const formId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(saved ? formatFrenchNumber(saved.value) : "");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const what = saved?.isBaseline ? "Valeur de référence" : "Cible";
  const unitHint = indicator.unit === "%" ? "En %, par exemple 12,5" : "Nombre, par exemple 93 000";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = read(text, indicator);
    if ("problem" in typed) {
      setStatus({ kind: "field", message: typed.problem });
      inputRef.current?.focus();
      return;
    }
    setStatus({ kind: "saving" });
    try {
      const target = await saveTarget(indicator.code, year, typed.value);
      setText(formatFrenchNumber(target.value));
      setStatus({ kind: "saved" });
      onSaved(target);
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldErrors.find((f) => f.field === "value") : undefined;
      setStatus(field ? { kind: "field", message: field.message } : { kind: "failed", message: errorMessage(error) });
      if (field) inputRef.current?.focus();
    }
  };

  const dirty = text !== (saved ? formatFrenchNumber(saved.value) : "");
  return (
    <form id={formId} noValidate onSubmit={(e) => void submit(e)} className="fr-mb-0">
      <Input
        className="fr-mb-1w"
        label={
          <>
            {what} {year}
            <span className="fr-sr-only"> de l'indicateur {indicator.code}</span>
          </>
        }
        hintText={unitHint}
        state={status.kind === "field" || status.kind === "failed" ? "error" : status.kind === "saved" && !dirty ? "success" : "default"}
        stateRelatedMessage={
          status.kind === "field" || status.kind === "failed"
            ? status.message
            : status.kind === "saved" && !dirty
              ? "Enregistrée."
              : undefined
        }
        nativeInputProps={{
          ref: inputRef,
          name: `target-${indicator.code}-${year}`,
          inputMode: "decimal",
          autoComplete: "off",
          value: text,
          onChange: (e) => {
            setText(e.target.value);
            if (status.kind === "saved") setStatus({ kind: "idle" });
          },
          style: { minWidth: "8rem" },
        }}
      />
      <Button type="submit" size="small" priority="secondary" disabled={status.kind === "saving"}>
        {status.kind === "saving" ? "Enregistrement…" : "Enregistrer"}
        <span className="fr-sr-only">
          {" "}
          {what.toLowerCase()} {year} de l'indicateur {indicator.code}
        </span>
      </Button>
      <p role="status" className="fr-sr-only">
        {status.kind === "saved" ? `${what} ${year} de l'indicateur ${indicator.code} enregistrée.` : ""}
        {status.kind === "failed" ? `Échec de l'enregistrement : ${status.message}` : ""}
      </p>
    </form>
  );
}
