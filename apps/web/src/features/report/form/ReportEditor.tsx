import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TReportState, TSavedDraft } from "@enquete/contract";
import { dayInFrench, type FormDefinition, isMonthOver, parisDate } from "@enquete/domain";
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { reportsApi } from "../../../api/reports.ts";
import { ConflictPanel } from "../conflict/ConflictPanel.tsx";
import type { SaveState } from "../save/DraftSaver.ts";
import { LocalDraftStore } from "../save/localDraft.ts";
import { planStart } from "../save/restore.ts";
import { SaveProblem, SaveStatusLine } from "../save/SaveStatus.tsx";
import { useDraftSaver } from "../save/useDraftSaver.ts";
import { ErrorSummary } from "./ErrorSummary.tsx";
import type { FormText, ReportFormInput, ReportFormOutput } from "./formText.ts";
import { LiveWarnings } from "./LiveWarnings.tsx";
import { historyFromMedians, reportResolver, type Stage } from "./reportResolver.ts";
import { SectionFieldset } from "./SectionFieldset.tsx";
import { liveTotals } from "./totals.ts";
import { useAutosaveOnChange } from "./useAutosaveOnChange.ts";
import { useSubmitReport } from "./useSubmitReport.ts";

type Props = {
  report: TReportState;
  form: FormDefinition;
  userId: string;
  /** What each save of this page wrote (its version, values and warnings). */
  onSaved: (saved: TSavedDraft) => void;
  onSubmitted: (report: TReportState) => void;
};

/** Enter in a field must not submit the report: only the button does. */
function stopImplicitSubmit(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
}

/** The report being filled in: the form, its autosave, the comparison after a conflict, the submission. */
export function ReportEditor({ report, form, userId, onSaved, onSubmitted }: Props) {
  const { atelierCode: atelier, period } = report;
  const [store] = useState(() => new LocalDraftStore({ userId, atelier, period }));
  const [plan] = useState(() => planStart(form, report, store.read()));
  const [restoredShown, setRestoredShown] = useState(plan.restored);
  const history = useMemo(() => historyFromMedians(report.reference.medians), [report.reference.medians]);
  const stage = useRef<Stage>("draft");
  const [resolver] = useState(() => reportResolver(form, history, () => stage.current));

  const methods = useForm<ReportFormInput, unknown, ReportFormOutput>({
    resolver,
    defaultValues: { values: plan.text, justifications: { ...report.justifications, ...(store.readJustifications() ?? {}) } },
    mode: "onBlur",
    reValidateMode: "onBlur",
    shouldFocusError: false,
  });
  const { register, control, formState, setValue } = methods;

  const { saver, state } = useDraftSaver(
    () => ({
      form,
      store,
      save: (values, version, options) => reportsApi.save(atelier, period, values, version, options),
      load: () => reportsApi.get(atelier, period),
      onSaved,
    }),
    () => plan,
  );
  useAutosaveOnChange({ methods, saver, store, stage });

  const { onSubmit, attempted, submitting, focusKey } = useSubmitReport({
    atelier,
    period,
    methods,
    saver,
    setStage: (s) => {
      stage.current = s;
    },
    onSubmitted,
  });

  const resolveConflict = useCallback(
    (text: FormText) => {
      if (state.kind !== "conflict") return;
      for (const [code, value] of Object.entries(text)) {
        if (methods.getValues(`values.${code}`) !== value) setValue(`values.${code}`, value, { shouldDirty: true });
      }
      saver.resolveConflict(text, state.current);
    },
    [state, methods, saver, setValue],
  );

  const totals = useMemo(() => liveTotals(form), [form]);
  // A month is submitted once it is over (from its last day); until then the form keeps a draft.
  const submittable = isMonthOver(period, parisDate());
  const onFieldBlur = useCallback(() => saver.flush(), [saver]);

  return (
    <>
      <SaveStatusLine state={state} />
      <SaveProblem state={state} onRetry={() => saver.retry()} />
      {restoredShown && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          closable
          onClose={() => setRestoredShown(false)}
          description="Des saisies faites sur cet appareil et non encore enregistrées ont été restaurées."
        />
      )}
      {state.kind === "conflict" && <LiveConflict form={form} state={state} control={control} onResolve={resolveConflict} />}
      {attempted && <ErrorSummary form={form} errors={formState.errors} focusKey={focusKey} />}

      <form noValidate onSubmit={onSubmit} onKeyDown={stopImplicitSubmit} aria-label="Rapport d'activité du mois">
        <p className="fr-hint-text fr-mb-3w">
          Tous les champs sont obligatoires, sauf les faits marquants : saisissez 0 s'il n'y a rien à déclarer. Les nombres décimaux
          s'écrivent avec une virgule (12,5). Vos saisies sont enregistrées automatiquement.
        </p>
        <LiveWarnings form={form} history={history} control={control}>
          {form.sections.map((section) => (
            <SectionFieldset
              key={section.code}
              form={form}
              section={section}
              totals={totals.filter((t) => t.section === section.code)}
              register={register}
              control={control}
              errors={formState.errors}
              reference={report.reference}
              onFieldBlur={onFieldBlur}
            />
          ))}
        </LiveWarnings>
        {submittable ? (
          <Button type="submit" iconId="fr-icon-send-plane-line" iconPosition="right" disabled={submitting}>
            {submitting ? "Soumission…" : "Soumettre"}
          </Button>
        ) : (
          <DraftOnly from={report.submittableFrom} onSave={() => saver.flush()} />
        )}
      </form>
    </>
  );
}

/**
 * Before the month is over: no "Soumettre", a button that saves the draft at
 * once (autosave does it anyway), and from when the report can be submitted.
 */
function DraftOnly({ from, onSave }: { from: string; onSave: () => void }) {
  return (
    <div>
      <p id="report-draft-only" className="fr-mb-2w">
        Le mois n'est pas terminé : vous pouvez noter vos chiffres au fil du mois, ils sont enregistrés en brouillon. Le rapport pourra être
        soumis à partir du {dayInFrench(from, true)}.
      </p>
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-save-line"
        iconPosition="left"
        onClick={onSave}
        nativeButtonProps={{ "aria-describedby": "report-draft-only" }}
      >
        Enregistrer le brouillon
      </Button>
    </div>
  );
}

function LiveConflict({
  form,
  state,
  control,
  onResolve,
}: {
  form: FormDefinition;
  state: Extract<SaveState, { kind: "conflict" }>;
  control: ReturnType<typeof useForm<ReportFormInput, unknown, ReportFormOutput>>["control"];
  onResolve: (text: FormText) => void;
}) {
  const text = useWatch({ control, name: "values" });
  return <ConflictPanel form={form} current={state.current} base={state.base} text={text} onResolve={onResolve} />;
}
