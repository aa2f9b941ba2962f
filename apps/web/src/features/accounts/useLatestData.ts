import { type DependencyList, useCallback, useEffect, useState } from "react";
import { useApiData } from "../../shared/useApiData.ts";

/**
 * Data loaded again when the query changes or after a change, the last
 * answer kept on screen meanwhile (marked busy): the list does not blink at
 * each keystroke of a search, and the focus stays where it was.
 */
export function useLatestData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [revision, setRevision] = useState(0);
  const { state, retry } = useApiData(load, [...deps, revision]);
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    if (state.status === "success") setShown(state.data);
  }, [state]);
  const reload = useCallback(() => setRevision((n) => n + 1), []);
  return { state, data: state.status === "success" ? state.data : shown, reload, retry };
}
