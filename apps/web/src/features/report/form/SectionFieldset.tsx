import type { TReportState } from "@enquete/contract";
import type { FormDefinition, SectionDef } from "@enquete/domain";
import type { Control, FieldErrors, UseFormRegister } from "react-hook-form";
import { FieldWarnings } from "./FieldWarnings.tsx";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";
import { LiveSectionTotals } from "./LiveSectionTotals.tsx";
import { NumberField } from "./NumberField.tsx";
import { TextField } from "./TextField.tsx";
import type { LiveTotal } from "./totals.ts";

type Props = {
  form: FormDefinition;
  section: SectionDef;
  totals: LiveTotal[];
  register: UseFormRegister<ReportFormInput>;
  control: Control<ReportFormInput, unknown, ReportFormOutput>;
  errors: FieldErrors<ReportFormInput>;
  /** Last month's and last year's figures beside each field; absent (the questionnaire's preview), no such line. */
  reference?: TReportState["reference"] | undefined;
  onFieldBlur?: (() => void) | undefined;
  /** The block's heading: h2 on the report's page, h3 where the form sits under a heading of its own. */
  headingLevel?: "h2" | "h3";
};

/** The blocks with fields: a version may retire every field of a block, which then has nothing to show. */
export function visibleSections(form: FormDefinition): SectionDef[] {
  return form.sections.filter((s) => s.fields.length > 0);
}

/** One block of the questionnaire: its fields, their warnings, its totals. */
export function SectionFieldset({ form, section, totals, register, control, errors, reference, onFieldBlur, headingLevel = "h2" }: Props) {
  const Heading = headingLevel;
  const legendId = `section-${section.code}`;
  const fieldErrors = errors.values as Record<string, { message?: string } | undefined> | undefined;
  const noteErrors = errors.notes as Record<string, { message?: string } | undefined> | undefined;
  return (
    <fieldset className="fr-fieldset fr-mb-4w" aria-labelledby={legendId}>
      <legend className="fr-fieldset__legend" id={legendId}>
        <Heading className="fr-h4 fr-mb-0">{section.title}</Heading>
      </legend>
      <div className="fr-fieldset__element">
        {section.fields.map((field) => {
          const error = fieldErrors?.[field.code]?.message;
          return (
            <div key={field.code}>
              {field.type === "text" ? (
                <TextField field={field} register={register} control={control} error={error} onBlur={onFieldBlur} />
              ) : (
                <NumberField
                  field={field}
                  register={register}
                  error={error}
                  reference={reference}
                  onBlur={onFieldBlur}
                  control={control}
                  noteError={noteErrors?.[field.code]?.message}
                />
              )}
              <FieldWarnings code={field.code} register={register} errors={errors.justifications} />
            </div>
          );
        })}
        <LiveSectionTotals form={form} totals={totals} control={control} />
      </div>
    </fieldset>
  );
}
