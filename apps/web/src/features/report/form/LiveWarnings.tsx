import { type FormDefinition, type History, softWarnings } from "@enquete/domain";
import { type ReactNode, useMemo } from "react";
import { type Control, useWatch } from "react-hook-form";
import { parseFormText, type ReportFormInput, type ReportFormOutput } from "./formText.ts";
import { LiveWarningsContext } from "./liveWarnings.ts";

type Props = {
  form: FormDefinition;
  history: History;
  control: Control<ReportFormInput, unknown, ReportFormOutput>;
  children: ReactNode;
};

/** Recomputes the domain's soft warnings as people type; only the places showing them re-render. */
export function LiveWarnings({ form, history, control, children }: Props) {
  const text = useWatch({ control, name: "values" });
  const warnings = useMemo(() => softWarnings(form, parseFormText(form, text).values, history), [form, text, history]);
  return <LiveWarningsContext value={warnings}>{children}</LiveWarningsContext>;
}
