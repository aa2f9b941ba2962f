import type { Warning } from "@enquete/domain";
import { createContext, useContext } from "react";

/** The soft warnings of what is on screen now, computed once for the whole form. */
export const LiveWarningsContext = createContext<Warning[]>([]);

export function useLiveWarnings(): Warning[] {
  return useContext(LiveWarningsContext);
}

/** A warning is shown under the last of its fields (for the publics: under "dont autres publics"). */
export function warningsAfter(warnings: Warning[], code: string): Warning[] {
  return warnings.filter((w) => w.fields[w.fields.length - 1] === code);
}
