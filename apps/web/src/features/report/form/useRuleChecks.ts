/**
 * Hard rules between fields, at the field, as each field is left: leaving
 * "Actions de formation réalisées" re-judges the ESPE actions it bounds, so
 * "14 actions ESPE pour 12 actions" shows under the ESPE field whichever of
 * the two was typed last. An error shown goes as soon as it is corrected, at
 * each keystroke. Nothing is said of empty fields before "Soumettre" (the
 * resolver's "rules" stage judges types and rules, never "required").
 */
import { type FormDefinition, formFields, hardRuleProblems, ruleFieldRefs } from "@enquete/domain";
import { type RefObject, useCallback, useEffect, useMemo } from "react";
import type { UseFormReturn } from "react-hook-form";
import { parseFormText, type ReportFormInput, type ReportFormOutput } from "./formText.ts";
import type { Stage } from "./reportResolver.ts";

type Methods = UseFormReturn<ReportFormInput, unknown, ReportFormOutput>;
type ValueName = `values.${string}`;

/** For each field, the other fields a hard rule ties it to (from the version's own rules). */
export function ruleNeighbours(form: FormDefinition): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const tie = (codes: string[]) => {
    for (const code of codes) {
      const set = out.get(code) ?? new Set<string>();
      for (const other of codes) if (other !== code) set.add(other);
      out.set(code, set);
    }
  };
  // The fields each hard rule reads, as the domain lists them for every rule kind.
  for (const rule of form.rules) if (rule.severity === "error") tie(ruleFieldRefs(rule).map((r) => r.code));
  return out;
}

/** The fields whose typed text is wrong now: unreadable, or breaking a hard rule. */
export function fieldsInTrouble(form: FormDefinition, text: Record<string, string>): string[] {
  const { values, invalid } = parseFormText(form, text);
  const broken = hardRuleProblems(form, values).map((p) => p.field);
  const known = new Set(formFields(form).map((f) => f.code));
  return [...new Set([...invalid, ...broken])].filter((code) => known.has(code));
}

const valueName = (code: string): ValueName => `values.${code}`;

export function useRuleChecks(methods: Methods, form: FormDefinition, stage: RefObject<Stage>) {
  const neighbours = useMemo(() => ruleNeighbours(form), [form]);
  const { watch, trigger, getFieldState } = methods;

  // A change re-judges the fields already showing an error among it and its neighbours: fixed, the error goes at once.
  useEffect(() => {
    const subscription = watch((_data, { name }) => {
      if (stage.current === "submit" || !name?.startsWith("values.")) return;
      const code = name.slice("values.".length);
      const shown = [code, ...(neighbours.get(code) ?? [])].map(valueName).filter((n) => getFieldState(n).error !== undefined);
      if (shown.length > 0) void trigger(shown);
    });
    return () => subscription.unsubscribe();
  }, [watch, trigger, getFieldState, neighbours, stage]);

  /** A field left: it, and the fields its rules tie it to, are judged now. */
  const onLeft = useCallback(
    (code: string) => {
      if (stage.current === "submit") return;
      void trigger([code, ...(neighbours.get(code) ?? [])].map(valueName));
    },
    [trigger, neighbours, stage],
  );

  /** Coming back with text restored from this device: what cannot be read, or breaks a rule, is shown at once. */
  const showRestored = useCallback(
    (text: Record<string, string>) => {
      const codes = fieldsInTrouble(form, text);
      if (codes.length > 0) void trigger(codes.map(valueName));
    },
    [form, trigger],
  );

  return { onLeft, showRestored };
}
