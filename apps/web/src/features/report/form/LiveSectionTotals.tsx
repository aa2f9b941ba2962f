import type { FormDefinition } from "@enquete/domain";
import { type Control, useWatch } from "react-hook-form";
import { parseFormText, type ReportFormInput, type ReportFormOutput } from "./formText.ts";
import { SectionTotals } from "./SectionTotals.tsx";
import type { LiveTotal } from "./totals.ts";

type Props = { form: FormDefinition; totals: LiveTotal[]; control: Control<ReportFormInput, unknown, ReportFormOutput> };

/** Totals that follow the typing: empty and unreadable fields count as nothing yet. */
export function LiveSectionTotals({ form, totals, control }: Props) {
  const text = useWatch({ control, name: "values" });
  if (totals.length === 0) return null;
  return <SectionTotals totals={totals} values={parseFormText(form, text).values} />;
}
