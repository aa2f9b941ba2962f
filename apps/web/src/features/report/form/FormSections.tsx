/**
 * The questionnaire's blocks as a director fills them, from a version's
 * definition and a react-hook-form instance: the report's editor and the
 * national team's preview render the same fields, warnings, notes and totals
 * with this one component, so that the preview cannot drift from the report.
 */
import type { TReportState } from "@enquete/contract";
import { type FormDefinition, formFields, type History } from "@enquete/domain";
import { type KeyboardEvent, type ReactNode, useMemo } from "react";
import type { Control, FieldErrors, UseFormRegister } from "react-hook-form";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";
import { LiveWarnings } from "./LiveWarnings.tsx";
import { SectionFieldset, visibleSections } from "./SectionFieldset.tsx";
import { liveTotals } from "./totals.ts";

type Props = {
  form: FormDefinition;
  register: UseFormRegister<ReportFormInput>;
  control: Control<ReportFormInput, unknown, ReportFormOutput>;
  errors: FieldErrors<ReportFormInput>;
  /** The atelier's past medians for the outlier rule (none in a preview: the rule stays silent). */
  history: History;
  /** Last month's and last year's figures beside each field; absent, no such line. */
  reference?: TReportState["reference"] | undefined;
  onFieldBlur?: (() => void) | undefined;
  /** The blocks' headings: h2 on the report's page, h3 where the form sits under a heading of its own. */
  headingLevel?: "h2" | "h3";
  /** What follows the blocks and reads their live warnings (the preview's summary line). */
  children?: ReactNode;
};

export function FormSections({ form, register, control, errors, history, reference, onFieldBlur, headingLevel, children }: Props) {
  const totals = useMemo(() => liveTotals(form), [form]);
  return (
    <LiveWarnings form={form} history={history} control={control}>
      {visibleSections(form).map((section) => (
        <SectionFieldset
          key={section.code}
          form={form}
          section={section}
          totals={totals.filter((t) => t.section === section.code)}
          register={register}
          control={control}
          errors={errors}
          reference={reference}
          onFieldBlur={onFieldBlur}
          {...(headingLevel ? { headingLevel } : {})}
        />
      ))}
      {children}
    </LiveWarnings>
  );
}

/** What is required, from the form's own version (a version may add an optional field). */
function requiredText(form: FormDefinition): string {
  const optional = formFields(form).filter((f) => !f.required);
  if (optional.length === 0) return "Tous les champs sont obligatoires : saisissez 0 s'il n'y a rien à déclarer.";
  if (optional.length === 1 && optional[0]?.code === "highlights")
    return "Tous les champs sont obligatoires, sauf les faits marquants : saisissez 0 s'il n'y a rien à déclarer.";
  return `Tous les champs sont obligatoires, sauf : ${optional.map((f) => `« ${f.label} »`).join(", ")}. Saisissez 0 s'il n'y a rien à déclarer.`;
}

/** The words above the form: what is required, how numbers are typed, the notes; whether what is typed is saved. */
export function FormHint({ form, autosaved }: { form: FormDefinition; autosaved: boolean }) {
  return (
    <p className="fr-hint-text fr-mb-3w">
      {requiredText(form)} Les nombres décimaux s'écrivent avec une virgule (12,5). Vous pouvez ajouter une courte note à un chiffre pour
      l'expliquer.{autosaved && " Vos saisies sont enregistrées automatiquement."}
    </p>
  );
}

/** Enter in a field must not submit the form: only its button does. */
export function stopImplicitSubmit(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
}
