import type { TReviewBatchResult } from "@enquete/contract";
import { useId, useState } from "react";
import { useSearchParams } from "react-router";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { BatchResult } from "./BatchResult.tsx";
import { loadQueue } from "./loadQueue.ts";
import { QueueFilters } from "./QueueFilters.tsx";
import { QueueMonth } from "./QueueMonth.tsx";
import { MONTH_PARAM, type QueueData, queueMonth, queueSummary } from "./queue.ts";

type Outcome = { result: TReviewBatchResult; names: ReadonlyMap<string, string> };

type Props = {
  territoryCode: string;
  /** Told after a batch validation, so that other views of the same reports load again. */
  onValidated?: () => void;
};

/**
 * The territorial director's review queue: every report of the territory
 * waiting for review, all months together, oldest first, how many wait in
 * all, a month as a filter, and the validation of several at once.
 */
export function ReviewQueue({ territoryCode, onValidated }: Props) {
  const headingId = useId();
  const [search, setSearch] = useSearchParams();
  const { state, retry } = useApiData((signal) => loadQueue(territoryCode, signal), [territoryCode]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // Other parameters of the address (the role tab, the campaign's year) are kept.
  const setMonth = (value: string | null) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null) next.delete(MONTH_PARAM);
        else next.set(MONTH_PARAM, value);
        return next;
      },
      { replace: true },
    );

  const onDone = (result: TReviewBatchResult, names: ReadonlyMap<string, string>) => {
    setOutcome({ result, names });
    retry();
    onValidated?.();
  };

  return (
    <section aria-labelledby={headingId} aria-busy={state.status === "loading"} className="fr-mb-6w">
      <h3 id={headingId} className="fr-h4">
        Rapports à examiner
      </h3>
      {outcome && <BatchResult result={outcome.result} names={outcome.names} onClose={() => setOutcome(null)} />}
      {state.status === "loading" && <Loading label="Chargement des rapports à examiner…" />}
      {state.status === "error" && (
        <LoadError as="h4" title="Impossible de charger les rapports à examiner" error={state.error} onRetry={retry} />
      )}
      {state.status === "success" && (
        <Queue
          data={state.data}
          period={queueMonth(search.get(MONTH_PARAM), state.data.months)}
          onPeriodChange={(p) => {
            setOutcome(null);
            setMonth(p);
          }}
          onValidated={onDone}
        />
      )}
    </section>
  );
}

function Queue(props: {
  data: QueueData;
  period: string | null;
  onPeriodChange: (period: string | null) => void;
  onValidated: (result: TReviewBatchResult, names: ReadonlyMap<string, string>) => void;
}) {
  const { data, period, onPeriodChange, onValidated } = props;
  const rows = period ? data.rows.filter((r) => r.period === period) : data.rows;
  return (
    <>
      <p className="fr-text--lg fr-text--bold fr-mb-2w" role="status">
        {queueSummary(data.total, data.months)}
      </p>
      {data.total > 0 && <QueueFilters total={data.total} months={data.months} period={period} onPeriodChange={onPeriodChange} />}
      {/* A new month shown is a new selection: nothing hidden stays selected. */}
      <QueueMonth key={period ?? "all"} period={period} rows={rows} onValidated={onValidated} />
    </>
  );
}
