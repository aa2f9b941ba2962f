import { useCallback, useEffect, useState } from "react";
import { useApiData } from "../../shared/useApiData.ts";

/**
 * Data loaded from the API and loaded again after each change, the last
 * answer kept on screen meanwhile: the page, its forms and their messages
 * stay where they are while the new state arrives.
 */
export function useKeptData<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]) {
  const [revision, setRevision] = useState(0);
  const { state, retry } = useApiData(load, [...deps, revision]);
  const [kept, setKept] = useState<T | null>(null);
  useEffect(() => {
    if (state.status === "success") setKept(state.data);
  }, [state]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of subject starts from nothing
  useEffect(() => setKept(null), deps);
  const reload = useCallback(() => setRevision((n) => n + 1), []);
  const data = state.status === "success" ? state.data : kept;
  return { state, data, reload, retry };
}
