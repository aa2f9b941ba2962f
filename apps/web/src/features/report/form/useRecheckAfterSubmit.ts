import { type RefObject, useEffect } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";
import type { Stage } from "./reportResolver.ts";

/** After a first submission (or check), every change re-checks the whole form, so that fixed errors go away at once. */
export function useRecheckAfterSubmit(methods: UseFormReturn<ReportFormInput, unknown, ReportFormOutput>, stage: RefObject<Stage>) {
  const { watch, trigger } = methods;
  useEffect(() => {
    const subscription = watch(() => {
      if (stage.current === "submit") void trigger();
    });
    return () => subscription.unsubscribe();
  }, [watch, trigger, stage]);
}
