import type { TReportState } from "@enquete/contract";
import { useCallback, useRef, useState } from "react";
import type { ReviewOutcome } from "./outcome.ts";
import type { ReviewAction } from "./reviewRights.ts";

type Options = {
  /** The report the API answered with, after the decision. */
  update: (report: TReportState) => void;
  /** Loads the report again, without leaving the page. */
  refresh: () => void;
};

/** The page's side of a decision: the report on screen and the message that says what happened. */
export function useReviewOutcome({ update, refresh }: Options) {
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const next = useRef(0);

  const onDecided = useCallback(
    (report: TReportState, action: ReviewAction) => {
      update(report);
      setOutcome({ id: ++next.current, kind: "done", action });
    },
    [update],
  );

  const onRefused = useCallback(
    (message: string) => {
      setOutcome({ id: ++next.current, kind: "refused", message });
      refresh();
    },
    [refresh],
  );

  return { outcome, onDecided, onRefused };
}
