import { useCallback, useState } from "react";
import { ApiError } from "../../api/ApiError.ts";

export type ActionState<R> =
  | { status: "idle" }
  | { status: "pending" }
  | { status: "done"; result: R }
  | { status: "failed"; error: unknown; fields: Record<string, string> };

/** The French message the API gave for each field of a refused request (422). */
function fieldMessages(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of error.fieldErrors) {
    const key = f.field.split(".")[0] ?? f.field;
    out[key] ??= f.message;
  }
  return out;
}

/**
 * One change sent to the API: pending while it runs, then its result, or
 * its refusal with the message of each field. What the person typed is the
 * form's own state and is never touched here, so a refusal loses nothing.
 */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [state, setState] = useState<ActionState<R>>({ status: "idle" });
  const submit = useCallback(
    async (...args: A): Promise<{ ok: true; result: R } | { ok: false; fields: Record<string, string> }> => {
      setState({ status: "pending" });
      try {
        const result = await run(...args);
        setState({ status: "done", result });
        return { ok: true, result };
      } catch (error) {
        const fields = fieldMessages(error);
        setState({ status: "failed", error, fields });
        return { ok: false, fields };
      }
    },
    [run],
  );
  const reset = useCallback(() => setState({ status: "idle" }), []);
  const fields = state.status === "failed" ? state.fields : {};
  /** The refusal not tied to a field (409, 403, network…), or a 422 whose fields this form does not show. */
  const generalError = (shown: readonly string[]) =>
    state.status === "failed" && !shown.some((f) => f in state.fields) ? state.error : null;
  return { state, submit, reset, fields, generalError, pending: state.status === "pending" };
}
