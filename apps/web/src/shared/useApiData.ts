import { type DependencyList, useCallback, useEffect, useState } from "react";
import { isAbort } from "../api/ApiError.ts";

export type LoadState<T> = { status: "loading" } | { status: "error"; error: unknown } | { status: "success"; data: T };

/**
 * Loads data from the API when the component appears or its dependencies change,
 * cancels a request that is no longer needed, and offers a retry.
 */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): { state: LoadState<T>; retry: () => void } {
  const [state, setState] = useState<LoadState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal)
      .then((data) => setState({ status: "success", data }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
