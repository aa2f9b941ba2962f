import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import type { ReportFormInput } from "./formText.ts";
import { useLiveWarnings, warningsAfter } from "./liveWarnings.ts";

type Props = {
  code: string;
  register: UseFormRegister<ReportFormInput>;
  errors: FieldErrors<ReportFormInput>["justifications"];
};

/** Each soft warning ending at this field, with the justification it needs to submit. */
export function FieldWarnings({ code, register, errors }: Props) {
  const warnings = warningsAfter(useLiveWarnings(), code);
  if (warnings.length === 0) return null;
  return (
    <>
      {warnings.map((w) => {
        const error = (errors as Record<string, { message?: string } | undefined> | undefined)?.[w.code]?.message;
        const id = `justification-${w.code}`;
        return (
          <div key={w.code} className="fr-mb-3w">
            <Alert id={`warning-${w.code}`} severity="warning" small role="status" description={w.message} className="fr-mb-2w" />
            <Input
              textArea
              label="Justification"
              hintText="Obligatoire pour soumettre le rapport : expliquez l'écart en quelques mots."
              state={error ? "error" : "default"}
              stateRelatedMessage={error}
              nativeTextAreaProps={{
                ...register(`justifications.${w.code}`),
                id,
                rows: 3,
                "aria-describedby": `warning-${w.code}`,
                "aria-invalid": error ? true : undefined,
              }}
            />
          </div>
        );
      })}
    </>
  );
}
