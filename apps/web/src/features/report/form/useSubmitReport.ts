/**
 * "Soumettre": the domain's checks first (in the resolver), then the latest
 * values reach the server, then the submission itself, whose 422 is shown the
 * same way as the client's own findings.
 */
import type { TReportState } from "@enquete/contract";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { ApiError, errorMessage } from "../../../api/ApiError.ts";
import { conflictOf, reportsApi } from "../../../api/reports.ts";
import type { DraftSaver } from "../save/DraftSaver.ts";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";
import { formFieldName, type Stage } from "./reportResolver.ts";

type Options = {
  atelier: string;
  period: string;
  methods: UseFormReturn<ReportFormInput, unknown, ReportFormOutput>;
  saver: DraftSaver;
  setStage: (stage: Stage) => void;
  onSubmitted: (report: TReportState) => void;
};

const NOT_SAVED =
  "Vos dernières saisies ne sont pas encore enregistrées sur le serveur : la soumission attend qu'elles le soient (voir l'état de l'enregistrement en haut du formulaire).";

export function useSubmitReport({ atelier, period, methods, saver, setStage, onSubmitted }: Options) {
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [focusKey, setFocusKey] = useState(0);

  const showProblems = () => {
    setAttempted(true);
    setFocusKey((k) => k + 1);
  };

  const submitValid = async (data: ReportFormOutput) => {
    setSubmitting(true);
    try {
      if (!(await saver.flushAndWait())) {
        methods.setError("root", { message: NOT_SAVED });
        showProblems();
        return;
      }
      saver.hold(true);
      const justifications = Object.fromEntries(Object.entries(data.justifications).filter(([, text]) => text.trim() !== ""));
      const report = await reportsApi.submit(atelier, period, justifications, saver.currentVersion);
      saver.finished();
      onSubmitted(report);
    } catch (error) {
      saver.hold(false);
      const current = conflictOf(error);
      if (current) {
        saver.conflict(current);
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        saver.sessionExpired();
        return;
      }
      // Not a field's fault: the month is not over yet, or the atelier is not open that month.
      const aboutTheMonth = error instanceof ApiError && (error.code === "MONTH_NOT_OVER" || error.code === "ATELIER_NOT_OPEN");
      if (!aboutTheMonth && error instanceof ApiError && error.status === 422 && error.fieldErrors.length > 0) {
        for (const e of error.fieldErrors) methods.setError(formFieldName(e.field), { type: "server", message: e.message });
      } else {
        methods.setError("root", { message: errorMessage(error) });
      }
      showProblems();
    } finally {
      setSubmitting(false);
    }
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    setStage("submit");
    methods.clearErrors("root");
    return methods.handleSubmit(submitValid, showProblems)(event);
  };

  return { onSubmit, attempted, submitting, focusKey };
}
