import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { type AtelierMonthsData, loadAtelierMonths } from "./loadAtelierMonths.ts";
import { MonthActions } from "./MonthActions.tsx";
import { MonthsTable } from "./MonthsTable.tsx";
import { monthsOfYear } from "./months.ts";
import { OverdueAlert } from "./OverdueAlert.tsx";
import { ReturnedAlerts } from "./ReturnedAlerts.tsx";

/**
 * The atelier's monthly reports on its home page: returned reports first, then
 * the oldest report due (and this month's draft), what is overdue, and the
 * months of this year and last year.
 */
export function AtelierMonths({ atelierCode }: { atelierCode: string }) {
  const { state, retry } = useApiData((signal) => loadAtelierMonths(atelierCode, signal), [atelierCode]);
  return (
    <div aria-busy={state.status === "loading"}>
      {state.status === "loading" && <Loading label="Chargement de vos rapports mensuels…" />}
      {state.status === "error" && <LoadError title="Impossible de charger vos rapports mensuels" error={state.error} onRetry={retry} />}
      {state.status === "success" && <MonthsOverview atelierCode={atelierCode} data={state.data} />}
    </div>
  );
}

function MonthsOverview({ atelierCode, data }: { atelierCode: string; data: AtelierMonthsData }) {
  const years = [data.currentYear, data.currentYear - 1];
  return (
    <>
      <ReturnedAlerts atelierCode={atelierCode} returned={data.returned} />
      <h3 className="fr-h4">Rapports mensuels</h3>
      <MonthActions atelierCode={atelierCode} months={data.months} />
      <OverdueAlert atelierCode={atelierCode} months={data.months} />
      {years.map((year) => (
        <MonthsTable key={year} atelierCode={atelierCode} year={year} months={monthsOfYear(data.months, year)} />
      ))}
    </>
  );
}
