import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TReportState, TSavedDraft } from "@enquete/contract";
import { dayInFrench, type FormDefinition, isMonthOver, parisDate } from "@enquete/domain";
import { type FocusEvent, type RefObject, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { reportsApi } from "../../../api/reports.ts";
import { ConflictPanel } from "../conflict/ConflictPanel.tsx";
import type { Draft } from "../conflict/conflictRows.ts";
import type { SaveState } from "../save/DraftSaver.ts";
import { LocalDraftStore } from "../save/localDraft.ts";
import { planStart } from "../save/restore.ts";
import { SaveProblem, SaveStatusLine } from "../save/SaveStatus.tsx";
import { useDraftSaver } from "../save/useDraftSaver.ts";
import { MovedMeanwhile } from "../upgrade/MovedMeanwhile.tsx";
import type { UpgradeHandle } from "../upgrade/UpgradeHandle.ts";
import { ConfirmSubmission, type ReturnedBy, SUBMIT_BUTTON_ID } from "./ConfirmSubmission.tsx";
import { ErrorSummary } from "./ErrorSummary.tsx";
import { FormHint, FormSections, stopImplicitSubmit } from "./FormSections.tsx";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";
import { RestoredNotice } from "./RestoredNotice.tsx";
import { historyFromMedians, REPORT_FORM_MODE, reportResolver, type Stage } from "./reportResolver.ts";
import { submissionSummary } from "./submissionSummary.ts";
import { useAutosaveOnChange } from "./useAutosaveOnChange.ts";
import { useRecheckAfterSubmit } from "./useRecheckAfterSubmit.ts";
import { useRuleChecks } from "./useRuleChecks.ts";
import { useSubmitReport } from "./useSubmitReport.ts";

type Props = {
  report: TReportState;
  form: FormDefinition;
  userId: string;
  /** What each save of this page wrote (its version, values and warnings). */
  onSaved: (saved: TSavedDraft) => void;
  onSubmitted: (report: TReportState) => void;
  /** What the move to a newer questionnaire version needs from this form (its saves first). */
  upgradeHandle?: RefObject<UpgradeHandle | null>;
};

const UNREADABLE =
  "Certaines saisies ne peuvent pas encore être enregistrées (voir les champs signalés) : corrigez-les d'abord, pour que rien de ce que vous avez saisi ne soit perdu au changement de version.";
const NOT_SAVED =
  "Vos dernières saisies ne sont pas encore enregistrées sur le serveur : le changement de version attend qu'elles le soient (voir l'état de l'enregistrement en haut du formulaire).";

/** The questionnaire version the report moved to elsewhere, when the conflict says it is not this form's. */
function movedTo(state: Extract<SaveState, { kind: "conflict" }>, form: FormDefinition): { version: number; created: boolean } | null {
  const v = state.current.formVersion;
  return v !== undefined && v !== form.version ? { version: v, created: state.current.version > 0 } : null;
}

/** The report being filled in: the form, its autosave, the comparison after a conflict, the submission. */
export function ReportEditor({ report, form, userId, onSaved, onSubmitted, upgradeHandle }: Props) {
  const { atelierCode: atelier, period } = report;
  const [store] = useState(() => new LocalDraftStore({ userId, atelier, period }));
  const [plan] = useState(() => planStart(form, report, store.read()));
  const [restoredShown, setRestoredShown] = useState(plan.restored || plan.leftOut.length > 0);
  const history = useMemo(() => historyFromMedians(report.reference.medians), [report.reference.medians]);
  // Types and the rules between fields as each field is left; everything a submission needs once "Soumettre" is pressed.
  const stage = useRef<Stage>("rules");
  const [resolver] = useState(() => reportResolver(form, history, () => stage.current));

  const methods = useForm<ReportFormInput, unknown, ReportFormOutput>({
    resolver,
    defaultValues: {
      values: plan.text,
      notes: plan.notes,
      justifications: { ...report.justifications, ...(store.readJustifications() ?? {}) },
    },
    ...REPORT_FORM_MODE,
  });
  const { register, control, formState, setValue } = methods;

  const { saver, state } = useDraftSaver(
    () => ({
      form,
      store,
      save: (draft, version, options) => reportsApi.save(atelier, period, draft, version, options),
      load: () => reportsApi.get(atelier, period),
      onSaved,
    }),
    () => plan,
  );
  useAutosaveOnChange({ methods, saver, store });
  useRecheckAfterSubmit(methods, stage);
  const { onLeft, showRestored } = useRuleChecks(methods, form, stage);

  // Text kept on this device as typed ("abc", "12,,5") comes back with its error, not silently.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for what the page started with
  useEffect(() => {
    if (plan.restored) showRestored(plan.text);
  }, []);

  // The reply to a return comment, typed in the confirmation step: kept on this device until it is sent.
  const returned: ReturnedBy | null =
    report.status === "returned" ? { comment: report.returnComment, reopened: report.returnEvent?.action === "reopen" } : null;
  const [reply, setReply] = useState(() => (returned ? (store.readReply() ?? "") : ""));
  const replyRef = useRef(reply);
  const onReplyChange = useCallback(
    (text: string) => {
      replyRef.current = text;
      setReply(text);
      store.writeReply(text);
    },
    [store],
  );

  const { onSubmit, confirm, checked, attempted, submitting, focusKey, replyError, stepError } = useSubmitReport({
    atelier,
    period,
    methods,
    saver,
    setStage: (s) => {
      stage.current = s;
    },
    onSubmitted,
    reply: () => (returned ? replyRef.current : undefined),
  });
  const summary = useMemo(
    () => (checked ? submissionSummary(form, checked.values, checked.notes, checked.justifications, history) : null),
    [checked, form, history],
  );

  const resolveConflict = useCallback(
    ({ text, notes }: Draft) => {
      if (state.kind !== "conflict") return;
      for (const [code, value] of Object.entries(text)) {
        if (methods.getValues(`values.${code}`) !== value) setValue(`values.${code}`, value, { shouldDirty: true });
      }
      for (const [code, value] of Object.entries(notes)) {
        if ((methods.getValues(`notes.${code}`) ?? "") !== value) setValue(`notes.${code}`, value, { shouldDirty: true });
      }
      saver.resolveConflict(text, notes, state.current);
    },
    [state, methods, saver, setValue],
  );

  // The move to a newer version: what is typed reaches the server first, then nothing else goes until it is done.
  useImperativeHandle(
    upgradeHandle,
    (): UpgradeHandle => ({
      prepare: async () => {
        if (saver.hasUnreadable) return { ok: false, message: UNREADABLE };
        if (!(await saver.flushAndWait())) return { ok: false, message: NOT_SAVED };
        saver.hold(true);
        return { ok: true, version: saver.currentVersion };
      },
      release: () => saver.hold(false),
      conflict: (current) => {
        saver.hold(false);
        saver.conflict(current);
      },
      expired: () => {
        saver.hold(false);
        saver.sessionExpired();
      },
      done: () => saver.retired(),
    }),
    [saver],
  );

  // A month is submitted once it is over (from its last day); until then the form keeps a draft.
  const submittable = isMonthOver(period, parisDate());
  const onFieldBlur = useCallback(
    (event?: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      saver.flush();
      const name = event?.target?.name;
      if (name?.startsWith("values.")) onLeft(name.slice("values.".length));
    },
    [saver, onLeft],
  );
  const moved = state.kind === "conflict" ? movedTo(state, form) : null;

  return (
    <>
      <SaveStatusLine state={state} />
      <SaveProblem state={state} onRetry={() => saver.retry()} />
      {restoredShown && (
        <RestoredNotice form={form} restored={plan.restored} leftOut={plan.leftOut} onClose={() => setRestoredShown(false)} />
      )}
      {moved !== null && <MovedMeanwhile version={moved.version} created={moved.created} />}
      {state.kind === "conflict" && moved === null && (
        <LiveConflict form={form} state={state} control={control} onResolve={resolveConflict} />
      )}
      {attempted && <ErrorSummary form={form} errors={formState.errors} focusKey={focusKey} />}

      <form noValidate onSubmit={onSubmit} onKeyDown={stopImplicitSubmit} aria-label="Rapport d'activité du mois">
        <FormHint form={form} autosaved />
        <FormSections
          form={form}
          register={register}
          control={control}
          errors={formState.errors}
          history={history}
          reference={report.reference}
          onFieldBlur={onFieldBlur}
        />
        {submittable ? (
          <Button
            type="submit"
            iconId="fr-icon-send-plane-line"
            iconPosition="right"
            disabled={submitting}
            nativeButtonProps={{ id: SUBMIT_BUTTON_ID, "aria-haspopup": "dialog" }}
          >
            {submitting ? "Soumission…" : "Soumettre le rapport"}
          </Button>
        ) : (
          <DraftOnly from={report.submittableFrom} onSave={() => saver.flush()} />
        )}
      </form>
      {/* Outside the form: the step's buttons are not the form's. */}
      {submittable && (
        <ConfirmSubmission
          summary={summary}
          returned={returned}
          reply={reply}
          onReplyChange={onReplyChange}
          replyError={replyError}
          error={stepError}
          pending={submitting}
          onConfirm={() => void confirm()}
        />
      )}
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
  onResolve: (draft: Draft) => void;
}) {
  const text = useWatch({ control, name: "values" });
  const notes = useWatch({ control, name: "notes" });
  const mine = useMemo(() => ({ text, notes: notes ?? {} }), [text, notes]);
  const base = useMemo(() => ({ values: state.base, notes: state.baseNotes }), [state.base, state.baseNotes]);
  return <ConflictPanel form={form} current={state.current} base={base} mine={mine} onResolve={onResolve} />;
}
