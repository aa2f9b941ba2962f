import type { TFormChange } from "@enquete/contract";
import type { FormDefinition } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type DefaultValues, type FieldValues, type Path, type Resolver, useForm } from "react-hook-form";
import type { z } from "zod";
import { type Refusal, refusalOf } from "./refusal.ts";

/** Saves one more change to the draft; throws the server's refusal (nothing is written then). */
export type SaveChange = (change: TFormChange) => Promise<void>;

export type ChangeFormProps = {
  /** The draft's questionnaire as it stands: the pickers list its fields, sections and rules. */
  form: FormDefinition;
  /** The position the change will take in the draft's list (the server names its inputs `changes.N.…`). */
  index: number;
  onSave: SaveChange;
};

/**
 * One change form: checked by the contract's schema before it leaves, then
 * saved; a refusal puts the server's messages at their inputs and above the
 * form, and every value typed stays where it was.
 */
export function useChangeForm<I extends FieldValues>(
  schema: z.ZodType<TFormChange, I>,
  defaultValues: DefaultValues<I>,
  { index, onSave }: Pick<ChangeFormProps, "index" | "onSave">,
) {
  const methods = useForm<I, unknown, TFormChange>({
    resolver: zodResolver(schema) as unknown as Resolver<I, unknown, TFormChange>,
    defaultValues,
  });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const submit = methods.handleSubmit(async (change) => {
    setRefusal(null);
    try {
      await onSave(change);
    } catch (error) {
      const refused = refusalOf(error, index);
      for (const f of refused.fields) methods.setError(f.path as Path<I>, { type: "server", message: f.message });
      setRefusal(refused);
    }
  });
  return { methods, submit, refusal, pending: methods.formState.isSubmitting };
}

/**
 * The message of an input at a dotted path of the form's errors (`field.code`);
 * for a group (`rule.fields`), its own message or the first of its items' (`rule.fields.0`).
 */
export function errorAt(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return messageOf(node, 2);
}

function messageOf(node: unknown, depth: number): string | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const own = (node as { message?: unknown }).message;
  if (typeof own === "string") return own;
  if (depth === 0) return undefined;
  for (const child of Object.values(node)) {
    const found = messageOf(child, depth - 1);
    if (found) return found;
  }
  return undefined;
}
