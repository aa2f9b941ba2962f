/**
 * One decision sent to the API from its modal: the modal closes on success;
 * a 409 (another person or tab decided first) closes it too and the page says
 * why and reloads; a 422 is shown at the field; anything else in the modal.
 */
import type { TReportState } from "@enquete/contract";
import { useRef, useState } from "react";
import { ApiError, errorMessage } from "../../../api/ApiError.ts";

type Options = {
  /** The body's field whose 422 message belongs to the textarea ("comment", "reason"). */
  field?: string;
  close: () => void;
  onDecided: (report: TReportState) => void;
  onRefused: (message: string) => void;
};

export function useDecision(run: () => Promise<TReportState>, { field, close, onDecided, onRefused }: Options) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const running = useRef(false);

  const reset = () => {
    setError(null);
    setFieldError(null);
  };

  /** Resolves to false when the answer is an error to show in the modal. */
  const submit = async (): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setPending(true);
    reset();
    try {
      const report = await run();
      close();
      onDecided(report);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        close();
        onRefused(e.message);
        return true;
      }
      const atField = e instanceof ApiError && e.status === 422 ? e.fieldErrors.find((f) => f.field === field) : undefined;
      if (atField) setFieldError(atField.message);
      else setError(errorMessage(e));
      return false;
    } finally {
      running.current = false;
      setPending(false);
    }
  };

  return { pending, error, fieldError, submit, reset };
}
