import type { TBatchValidateResult } from "@enquete/contract";
import { useId, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { BatchResult } from "./BatchResult.tsx";
import { loadQueue } from "./loadQueue.ts";
import { QueueFilters } from "./QueueFilters.tsx";
import { QueueMonth } from "./QueueMonth.tsx";
import { countByStatus, MONTH_PARAM, queueMonth, queueMonths, STATUS_FILTERS, STATUS_PARAM, statusFromParam, statusSlug } from "./queue.ts";

type Outcome = { period: string; result: TBatchValidateResult; names: ReadonlyMap<string, string> };

type Props = {
  territoryCode: string;
  /** Told after a batch validation, so that other views of the same reports load again. */
  onValidated?: () => void;
};

/**
 * The territorial director's review queue: every atelier of the territory for
 * a month, what waits for review, and the validation of several at once.
 */
export function ReviewQueue({ territoryCode, onValidated }: Props) {
  const headingId = useId();
  const [search, setSearch] = useSearchParams();
  const months = useMemo(() => queueMonths(), []);
  const period = queueMonth(search.get(MONTH_PARAM), months);
  const status = statusFromParam(search.get(STATUS_PARAM));
  const { state, retry } = useApiData((signal) => loadQueue(territoryCode, period, signal), [territoryCode, period]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // Other parameters of the address (the role tab, the campaign's year) are kept.
  const setParam = (name: string, value: string | null) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  const counts = state.status === "success" ? new Map(STATUS_FILTERS.map((f) => [f.status, countByStatus(state.data, f.status)])) : null;

  const onDone = (result: TBatchValidateResult, names: ReadonlyMap<string, string>) => {
    setOutcome({ period, result, names });
    retry();
    onValidated?.();
  };

  return (
    <section aria-labelledby={headingId} aria-busy={state.status === "loading"} className="fr-mb-6w">
      <h3 id={headingId} className="fr-h4">
        Rapports à examiner
      </h3>
      <QueueFilters
        months={months}
        period={period}
        status={status}
        counts={counts}
        onPeriodChange={(p) => {
          setOutcome(null);
          setParam(MONTH_PARAM, p);
        }}
        onStatusChange={(s) => setParam(STATUS_PARAM, statusSlug(s))}
      />
      {outcome && <BatchResult period={outcome.period} result={outcome.result} names={outcome.names} onClose={() => setOutcome(null)} />}
      {state.status === "loading" && <Loading label="Chargement des rapports du mois…" />}
      {state.status === "error" && (
        <LoadError as="h4" title="Impossible de charger les rapports du mois" error={state.error} onRetry={retry} />
      )}
      {state.status === "success" && <QueueMonth key={period} period={period} rows={state.data} status={status} onValidated={onDone} />}
    </section>
  );
}
