import type { TReportState, TSavedDraft } from "@enquete/contract";
import { useCallback, useEffect, useState } from "react";
import { isAbort } from "../../api/ApiError.ts";
import { api } from "../../api/client.ts";
import { reportsApi } from "../../api/reports.ts";

export type ReportLoad = { status: "loading" } | { status: "error"; error: unknown } | { status: "success"; report: TReportState };

/** The report from the server, replaced by each newer answer (a save, the submission, a decision). */
export function useReport(atelier: string, period: string) {
  const [state, setState] = useState<ReportLoad>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger of a new load
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    reportsApi
      .get(atelier, period, controller.signal)
      .then((report) => setState({ status: "success", report }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [atelier, period, attempt]);

  const update = useCallback((report: TReportState) => setState({ status: "success", report }), []);
  /** A draft save's small answer: what it wrote replaces those parts of the report; the rest (reference values…) stays. */
  const saved = useCallback(
    (s: TSavedDraft) =>
      setState((prev) =>
        prev.status === "success"
          ? {
              status: "success",
              report: {
                ...prev.report,
                status: s.status,
                version: s.version,
                formVersion: s.formVersion,
                values: s.values,
                notes: s.notes ?? prev.report.notes,
                warnings: s.warnings,
                editable: s.editable,
                updatedAt: s.savedAt,
              },
            }
          : prev,
      ),
    [],
  );
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  /** Loads it again while the page stays as it is (no loading state): what is on screen is replaced once the answer is in. */
  const refresh = useCallback(() => {
    reportsApi
      .get(atelier, period)
      .then((report) => setState({ status: "success", report }))
      .catch((error: unknown) => setState({ status: "error", error }));
  }, [atelier, period]);
  return { state, update, saved, retry, refresh };
}

/** The atelier's name for the title; its code while it loads or if it cannot be read. */
export function useAtelierName(code: string): string {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setName(null);
    api
      .atelier(code, controller.signal)
      .then((a) => setName(a.name))
      .catch(() => undefined);
    return () => controller.abort();
  }, [code]);
  return name ?? `Atelier Canopé ${code}`;
}
