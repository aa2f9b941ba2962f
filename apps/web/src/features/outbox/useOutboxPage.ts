import type { TOutboxPage } from "@enquete/contract";
import { useEffect, useState } from "react";
import { fetchOutbox } from "../../api/notifications.ts";
import { useApiData } from "../../shared/useApiData.ts";
import { OUTBOX_PAGE_SIZE } from "./paths.ts";

/**
 * One page of the outbox. While the next page loads, the last one stays on
 * screen (with the pagination that has the focus), marked busy.
 */
export function useOutboxPage(page: number) {
  const { state, retry } = useApiData(
    (signal) => fetchOutbox({ limit: OUTBOX_PAGE_SIZE, offset: (page - 1) * OUTBOX_PAGE_SIZE }, signal),
    [page],
  );
  const [shown, setShown] = useState<TOutboxPage | null>(null);
  useEffect(() => {
    if (state.status === "success") setShown(state.data);
  }, [state]);
  const current = state.status === "success" ? state.data : shown;
  return { state, current, retry };
}
