/** A refused save of a draft's changes, sorted into what belongs to one change's inputs and what is about the request. */
import { ApiError, errorMessage } from "../../../api/ApiError.ts";

export type Refusal = {
  /** Inputs of the change at `index`, by their path in it (`field.code`). */
  fields: { path: string; message: string }[];
  /** Every sentence to show above the form (the field messages too, for those who read the summary first). */
  messages: string[];
};

/**
 * The server names a change's input `changes.3.field.code`: the change at `index` gets `field.code`.
 * `shown` gives the number people see for a position of the list sent (a removal shifts them).
 */
export function refusalOf(error: unknown, index: number, shown: (position: number) => number = (p) => p + 1): Refusal {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return { fields: [], messages: [errorMessage(error)] };
  const prefix = `changes.${index}.`;
  const fields = error.fieldErrors
    .filter((f) => f.field.startsWith(prefix))
    .map((f) => ({ path: f.field.slice(prefix.length), message: f.message }));
  const messages = error.fieldErrors.map((f) => {
    const other = /^changes\.(\d+)/.exec(f.field);
    // A problem of another change (one the draft already had) is said with its number.
    return other && Number(other[1]) !== index ? `Modification ${shown(Number(other[1]))} : ${f.message}` : f.message;
  });
  return { fields, messages: [...new Set(messages)] };
}
