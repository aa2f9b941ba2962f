/**
 * "Soumettre le rapport": the domain's checks first (in the resolver); when
 * nothing stands in the way, the confirmation step shows what will be sent;
 * "Confirmer et soumettre" then sends the latest values, then the submission
 * itself with the justifications and the reply. Its 422 is shown the same way
 * as the client's own findings: at the reply in the step, at the fields
 * otherwise.
 */
import type { TReportState } from "@enquete/contract";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { ApiError, errorMessage } from "../../../api/ApiError.ts";
import { conflictOf, reportsApi } from "../../../api/reports.ts";
import type { DraftSaver } from "../save/DraftSaver.ts";
import { confirmModal, REPLY_TOO_LONG, replyTooLong } from "./ConfirmSubmission.tsx";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";
import { formFieldName, type Stage } from "./reportResolver.ts";

type Options = {
  atelier: string;
  period: string;
  methods: UseFormReturn<ReportFormInput, unknown, ReportFormOutput>;
  saver: DraftSaver;
  setStage: (stage: Stage) => void;
  onSubmitted: (report: TReportState) => void;
  /** The reply typed in the step (sent only for a returned report). */
  reply: () => string | undefined;
};

const NOT_SAVED =
  "Vos dernières saisies ne sont pas encore enregistrées sur le serveur : la soumission attend qu'elles le soient (voir l'état de l'enregistrement en haut du formulaire).";

export function useSubmitReport({ atelier, period, methods, saver, setStage, onSubmitted, reply }: Options) {
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  /** What the confirmation step shows: the form as checked when "Soumettre le rapport" was pressed. */
  const [checked, setChecked] = useState<ReportFormOutput | null>(null);
  const [replyError, setReplyError] = useState<string | undefined>(undefined);
  const [stepError, setStepError] = useState<string | undefined>(undefined);

  const showProblems = () => {
    setAttempted(true);
    setFocusKey((k) => k + 1);
  };

  /** Back to the form, where the problem is shown. */
  const leaveStep = () => {
    confirmModal.close();
    showProblems();
  };

  const openStep = (data: ReportFormOutput) => {
    setChecked(data);
    setReplyError(undefined);
    setStepError(undefined);
    confirmModal.open();
  };

  const confirm = async () => {
    if (!checked || submitting) return;
    const typedReply = reply();
    if (typedReply !== undefined && replyTooLong(typedReply)) {
      setReplyError(REPLY_TOO_LONG);
      return;
    }
    setReplyError(undefined);
    setStepError(undefined);
    setSubmitting(true);
    try {
      if (!(await saver.flushAndWait())) {
        methods.setError("root", { message: NOT_SAVED });
        leaveStep();
        return;
      }
      saver.hold(true);
      const justifications = Object.fromEntries(Object.entries(checked.justifications).filter(([, text]) => text.trim() !== ""));
      const report = await reportsApi.submit(atelier, period, justifications, saver.currentVersion, typedReply);
      saver.finished();
      confirmModal.close();
      onSubmitted(report);
    } catch (error) {
      saver.hold(false);
      const current = conflictOf(error);
      if (current) {
        confirmModal.close();
        saver.conflict(current);
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        confirmModal.close();
        saver.sessionExpired();
        return;
      }
      // Not a field's fault: the month is not over yet, or the atelier is not open that month.
      const aboutTheMonth = error instanceof ApiError && (error.code === "MONTH_NOT_OVER" || error.code === "ATELIER_NOT_OPEN");
      if (!aboutTheMonth && error instanceof ApiError && error.status === 422 && error.fieldErrors.length > 0) {
        const onReply = error.fieldErrors.find((e) => e.field === "reply");
        const onFields = error.fieldErrors.filter((e) => e.field !== "reply");
        if (onFields.length === 0 && onReply) {
          setReplyError(onReply.message);
          return;
        }
        for (const e of onFields) methods.setError(formFieldName(e.field), { type: "server", message: e.message });
        if (onReply) setReplyError(onReply.message);
        leaveStep();
      } else if (aboutTheMonth) {
        methods.setError("root", { message: errorMessage(error) });
        leaveStep();
      } else {
        // The network, the server: said in the step, whose button tries again.
        setStepError(errorMessage(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    setStage("submit");
    methods.clearErrors("root");
    return methods.handleSubmit(openStep, showProblems)(event);
  };

  return { onSubmit, confirm, checked, attempted, submitting, focusKey, replyError, stepError };
}
