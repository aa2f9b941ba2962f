import { Button } from "@codegouvfr/react-dsfr/Button";
import { type FormDefinition, formFields, type History } from "@enquete/domain";
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type FieldErrors, useForm } from "react-hook-form";
import { plural } from "../../shared/format.ts";
import { ErrorSummary } from "../report/form/ErrorSummary.tsx";
import { FormHint, FormSections, stopImplicitSubmit } from "../report/form/FormSections.tsx";
import type { ReportFormInput, ReportFormOutput } from "../report/form/formText.ts";
import { useLiveWarnings } from "../report/form/liveWarnings.ts";
import { REPORT_FORM_MODE, reportResolver, type Stage } from "../report/form/reportResolver.ts";
import { useRecheckAfterSubmit } from "../report/form/useRecheckAfterSubmit.ts";

/** A preview has no atelier: no past month to compare with, so the outlier rule never fires. */
const NO_HISTORY: History = {};

const blank = (form: FormDefinition): ReportFormInput => ({
  values: Object.fromEntries(formFields(form).map((f) => [f.code, ""])),
  notes: {},
  justifications: {},
});

/**
 * The questionnaire as a director will fill it: the report's own form
 * (FormSections, reportResolver), with nothing saved — no autosave, no copy on
 * the device, no call to the server. What is typed is kept by field code, so
 * a change of the draft saved meanwhile keeps it. The hard rules are checked
 * as each field is left; "Vérifier comme à la soumission" checks everything a
 * submission would, as "Soumettre" does on the report.
 */
export function FormPreview({ form }: { form: FormDefinition }) {
  const stage = useRef<Stage>("rules");
  // The draft's questionnaire changes with each change saved: the checks follow it.
  const resolver = useMemo(() => reportResolver(form, NO_HISTORY, () => stage.current), [form]);
  const methods = useForm<ReportFormInput, unknown, ReportFormOutput>({ resolver, defaultValues: blank(form), ...REPORT_FORM_MODE });
  const { register, control, formState, getFieldState, trigger, handleSubmit, reset } = methods;
  useRecheckAfterSubmit(methods, stage);
  const [attempted, setAttempted] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  // Bumped by "Effacer": the fields start afresh, notes closed.
  const [generation, setGeneration] = useState(0);

  // A rule ties fields together: leaving one re-checks those already left (12 trainees, and the training days above them are refused).
  const recheckLeft = useCallback(() => {
    const left = formFields(form)
      .map((f) => `values.${f.code}` as const)
      .filter((name) => getFieldState(name).isTouched);
    if (left.length > 0) void trigger(left);
  }, [form, getFieldState, trigger]);

  // A change saved meanwhile may add, change or drop a rule: what is shown is checked again with the new version.
  useEffect(() => {
    if (stage.current === "submit") void trigger();
    else recheckLeft();
  }, [recheckLeft, trigger]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // The preview submits nothing: its button checks as a submission would, and from then on every change.
    stage.current = "submit";
    return handleSubmit(
      () => setAttempted(true),
      () => {
        setAttempted(true);
        setFocusKey((k) => k + 1);
      },
    )(event);
  };
  const clear = () => {
    stage.current = "rules";
    reset(blank(form));
    setAttempted(false);
    setGeneration((g) => g + 1);
  };

  return (
    <>
      {attempted && <ErrorSummary form={form} errors={formState.errors} focusKey={focusKey} />}
      <form noValidate onSubmit={onSubmit} onKeyDown={stopImplicitSubmit} aria-label={`Aperçu du rapport mensuel, version ${form.version}`}>
        <FormHint form={form} autosaved={false} />
        <FormSections
          key={generation}
          form={form}
          register={register}
          control={control}
          errors={formState.errors}
          history={NO_HISTORY}
          onFieldBlur={recheckLeft}
          headingLevel="h3"
        >
          <PreviewStatus form={form} errors={formState.errors} checked={attempted} />
        </FormSections>
        <p className="fr-hint-text">
          Dans l'aperçu, les règles entre champs sont vérifiées dès qu'un champ est quitté ; sur le rapport, elles le sont à la soumission.
          {form.rules.some((r) => r.kind === "outlier") &&
            " La règle des valeurs inhabituelles compare chaque chiffre aux mois précédents de l'atelier : elle ne se déclenche pas dans l'aperçu."}
        </p>
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <Button type="submit" priority="secondary" iconId="fr-icon-check-line">
              Vérifier comme à la soumission
            </Button>
          </li>
          <li>
            <Button type="button" priority="tertiary" iconId="fr-icon-delete-line" onClick={clear}>
              Effacer les saisies de l'aperçu
            </Button>
          </li>
        </ul>
      </form>
    </>
  );
}

/** The preview's findings in one polite line: fields in error, warnings; once checked, whether the report could be submitted. */
function PreviewStatus({ form, errors, checked }: { form: FormDefinition; errors: FieldErrors<ReportFormInput>; checked: boolean }) {
  const warnings = useLiveWarnings();
  const valueErrors = errors.values as Record<string, unknown> | undefined;
  const noteErrors = errors.notes as Record<string, unknown> | undefined;
  // A figure and its note are one field for the person reading the line.
  const errorCount = formFields(form).filter((f) => valueErrors?.[f.code] || noteErrors?.[f.code]).length;
  const text =
    errorCount > 0 || warnings.length > 0
      ? `Aperçu : ${plural(errorCount, "champ")} en erreur, ${plural(warnings.length, "avertissement")}.`
      : checked
        ? "Aperçu : ce rapport pourrait être soumis."
        : "Aperçu : aucune règle n'est enfreinte pour l'instant.";
  return (
    <p role="status" className="fr-mb-2w">
      {text}
    </p>
  );
}
