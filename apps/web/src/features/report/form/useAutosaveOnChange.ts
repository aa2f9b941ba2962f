import { useEffect } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { DraftSaver } from "../save/DraftSaver.ts";
import type { LocalDraftStore } from "../save/localDraft.ts";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";

type Options = {
  methods: UseFormReturn<ReportFormInput, unknown, ReportFormOutput>;
  saver: DraftSaver;
  store: LocalDraftStore;
};

/** Every change of the form goes to the autosave (values and notes) or to this device (justifications). */
export function useAutosaveOnChange({ methods, saver, store }: Options) {
  const { watch } = methods;
  useEffect(() => {
    const subscription = watch((data, { name }) => {
      if (name?.startsWith("justifications.")) store.writeJustifications({ ...(data.justifications as Record<string, string>) });
      else saver.change({ ...(data.values as Record<string, string>) }, { ...((data.notes ?? {}) as Record<string, string>) });
    });
    return () => subscription.unsubscribe();
  }, [watch, saver, store]);
}
