import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ListedStatus } from "@enquete/domain";
import { monthTitle, STATUS_FILTERS } from "./queue.ts";

type Props = {
  months: readonly string[];
  period: string;
  status: ListedStatus | null;
  /** Reports per status this month, once loaded: shown beside each filter. */
  counts: ReadonlyMap<ListedStatus, number> | null;
  onPeriodChange: (period: string) => void;
  onStatusChange: (status: ListedStatus | null) => void;
};

/** The month to review and the status to show; both live in the address. */
export function QueueFilters({ months, period, status, counts, onPeriodChange, onStatusChange }: Props) {
  const withCount = (label: string, s: ListedStatus) => (counts ? `${label} (${counts.get(s) ?? 0})` : label);
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-sm-6 fr-col-md-4">
        <Select label="Mois" nativeSelectProps={{ value: period, onChange: (e) => onPeriodChange(e.target.value) }}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthTitle(m)}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-sm-6 fr-col-md-4">
        <Select
          label="Statut"
          nativeSelectProps={{
            value: status ?? "",
            onChange: (e) => onStatusChange(STATUS_FILTERS.find((f) => f.status === e.target.value)?.status ?? null),
          }}
        >
          <option value="">Tous les statuts</option>
          {STATUS_FILTERS.map((f) => (
            <option key={f.status} value={f.status}>
              {withCount(f.label, f.status)}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
