import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TReviewQueue } from "@enquete/contract";
import { monthTitle } from "./queue.ts";

type Props = {
  total: number;
  months: TReviewQueue["months"];
  /** null: every month. */
  period: string | null;
  onPeriodChange: (period: string | null) => void;
};

/** The month to show, with how many reports wait in each; it lives in the address. */
export function QueueFilters({ total, months, period, onPeriodChange }: Props) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-sm-6 fr-col-md-4">
        <Select label="Mois" nativeSelectProps={{ value: period ?? "", onChange: (e) => onPeriodChange(e.target.value || null) }}>
          <option value="">Tous les mois ({total})</option>
          {months.map((m) => (
            <option key={m.period} value={m.period}>
              {monthTitle(m.period)} ({m.count})
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
