import { useCallback, useState } from "react";
import type { FieldError } from "../../api/ApiError.ts";
import { accountFieldErrors } from "./refusals.ts";

type ChangeState = { status: "idle" } | { status: "pending" } | { status: "failed"; error: unknown; fields: FieldError[] };

/**
 * One change of an account sent to the API: pending while it runs, then its
 * refusal, with the message of each field (roles.2.atelierCode…) kept whole.
 * What the person typed is the form's own state, never touched here.
 */
export function useChange<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [state, setState] = useState<ChangeState>({ status: "idle" });
  const submit = useCallback(
    async (...args: A): Promise<R | null> => {
      setState({ status: "pending" });
      try {
        const result = await run(...args);
        setState({ status: "idle" });
        return result;
      } catch (error) {
        setState({ status: "failed", error, fields: accountFieldErrors(error) });
        return null;
      }
    },
    [run],
  );
  const reset = useCallback(() => setState({ status: "idle" }), []);
  const fields = state.status === "failed" ? state.fields : [];
  return {
    submit,
    reset,
    pending: state.status === "pending",
    fields,
    /** The refusal, when no field of the form carries it (409, 403, network…). */
    error: state.status === "failed" && state.fields.length === 0 ? state.error : null,
  };
}
