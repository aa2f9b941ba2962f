/**
 * The report's history, page by page from the latest change, loaded only once
 * the person opens it (a report edited all month has hundreds of events, and
 * autosave must not carry them). Loaded again from the top when the report
 * gets a new version while it is open.
 */
import type { TReportEvent } from "@enquete/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { isAbort } from "../../../api/ApiError.ts";
import { reportsApi } from "../../../api/reports.ts";

export const HISTORY_PAGE_SIZE = 20;

export type HistoryState =
  | { status: "closed" }
  | { status: "loading"; items: TReportEvent[]; total: number | null }
  | { status: "ready"; items: TReportEvent[]; total: number }
  | { status: "error"; error: unknown; items: TReportEvent[]; total: number | null };

/** A line's identity across pages: a move keeps the version it found, so the version alone is not enough. */
export const lineKey = (e: Pick<TReportEvent, "version" | "action" | "at">) => `${e.version}|${e.action}|${e.at}`;

/** Pages fetched with an offset overlap when changes were made meanwhile: each line appears once. */
function merge(older: TReportEvent[], more: TReportEvent[]): TReportEvent[] {
  const seen = new Set(older.map(lineKey));
  return [...older, ...more.filter((e) => !seen.has(lineKey(e)))];
}

export function useReportHistory(atelier: string, period: string, version: number, open: boolean) {
  const [state, setState] = useState<HistoryState>({ status: "closed" });
  const page = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    (next: number, keep: TReportEvent[], total: number | null) => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setState({ status: "loading", items: keep, total });
      reportsApi
        .history(atelier, period, next, HISTORY_PAGE_SIZE, c.signal)
        .then((res) => {
          page.current = next;
          setState({ status: "ready", items: merge(keep, res.items), total: res.total });
        })
        .catch((error: unknown) => {
          if (!isAbort(error)) setState({ status: "error", error, items: keep, total });
        });
    },
    [atelier, period],
  );

  // Opened, or a new version while open: from the latest change again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger of a new load
  useEffect(() => {
    if (!open) return;
    load(1, [], null);
    return () => controller.current?.abort();
  }, [open, version, load]);

  const more = useCallback(() => {
    if (state.status !== "ready") return;
    load(page.current + 1, state.items, state.total);
  }, [state, load]);

  /** After a failure: the page that failed, keeping what is shown. */
  const retry = useCallback(() => {
    if (state.status !== "error") return;
    load(state.items.length === 0 ? 1 : page.current + 1, state.items, state.total);
  }, [state, load]);

  return { state, more, retry };
}
