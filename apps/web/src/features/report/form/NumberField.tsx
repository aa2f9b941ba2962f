import { Input } from "@codegouvfr/react-dsfr/Input";
import type { TReportState } from "@enquete/contract";
import type { FieldDef } from "@enquete/domain";
import type { Control, UseFormRegister } from "react-hook-form";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";
import { NoteField } from "./NoteField.tsx";
import { ReferenceLine } from "./ReferenceLine.tsx";

// A count needs a few digits, not the page's width.
const NARROW = { maxWidth: "14rem" };

type Props = {
  field: FieldDef;
  register: UseFormRegister<ReportFormInput>;
  error: string | undefined;
  /** Absent (the questionnaire's preview): no line of last month's and last year's figures. */
  reference?: TReportState["reference"] | undefined;
  onBlur?: (() => void) | undefined;
  /** With the form's control, the figure takes a note (the report's editor); without, it is the figure alone. */
  control?: Control<ReportFormInput, unknown, ReportFormOutput>;
  noteError?: string | undefined;
};

/**
 * A count or a number of days, typed the French way ("12,5"): a text input
 * with a numeric keyboard, since type=number refuses the comma.
 */
export function NumberField({ field, register, error, reference, onBlur, control, noteError }: Props) {
  const referenceId = reference ? `reference-${field.code}` : undefined;
  return (
    <div className="fr-mb-3w">
      <Input
        className="fr-mb-0"
        label={field.label}
        hintText={field.help}
        state={error ? "error" : "default"}
        stateRelatedMessage={error}
        nativeInputProps={{
          ...register(`values.${field.code}`, { onBlur }),
          id: `field-${field.code}`,
          inputMode: field.type === "decimal" ? "decimal" : "numeric",
          autoComplete: "off",
          style: NARROW,
          spellCheck: false,
          "aria-required": field.required || undefined,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": referenceId,
        }}
      />
      {reference && <ReferenceLine id={referenceId} code={field.code} reference={reference} />}
      {control && <NoteField field={field} control={control} error={noteError} onBlur={onBlur} />}
    </div>
  );
}
