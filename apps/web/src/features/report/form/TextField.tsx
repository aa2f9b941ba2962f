import { Input } from "@codegouvfr/react-dsfr/Input";
import type { FieldDef } from "@enquete/domain";
import { type Control, type UseFormRegister, useWatch } from "react-hook-form";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";

type Props = {
  field: FieldDef;
  register: UseFormRegister<ReportFormInput>;
  control: Control<ReportFormInput, unknown, ReportFormOutput>;
  error: string | undefined;
  onBlur?: (() => void) | undefined;
};

function CharacterCount({ id, control, code, max }: { id: string; control: Props["control"]; code: string; max: number }) {
  const text = useWatch({ control, name: `values.${code}` }) ?? "";
  return (
    <p id={id} className={`fr-hint-text fr-mt-1v fr-mb-0${text.length > max ? " fr-error-text" : ""}`}>
      {text.length.toLocaleString("fr-FR")} caractère{text.length > 1 ? "s" : ""} sur {max.toLocaleString("fr-FR")}
    </p>
  );
}

/** A free text (the month's highlights), with its length counted as it is typed. */
export function TextField({ field, register, control, error, onBlur }: Props) {
  const countId = `count-${field.code}`;
  const max = field.maxLength ?? 2000;
  return (
    <div className="fr-mb-3w">
      <Input
        className="fr-mb-0"
        textArea
        label={field.label}
        hintText={field.help}
        state={error ? "error" : "default"}
        stateRelatedMessage={error}
        nativeTextAreaProps={{
          ...register(`values.${field.code}`, { onBlur }),
          id: `field-${field.code}`,
          rows: 6,
          "aria-required": field.required || undefined,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": countId,
        }}
      />
      <CharacterCount id={countId} control={control} code={field.code} max={max} />
    </div>
  );
}
