import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link } from "react-router";
import { plural } from "../../shared/format.ts";
import { actionLabel, type MonthView, overdueMonths, reportPath } from "./months.ts";

/** How many links the alert lists before pointing at the tables. */
const LISTED = 6;

/** The reports past their due date and still not submitted: hard to miss, each a link to fill it in. */
export function OverdueAlert({ atelierCode, months }: { atelierCode: string; months: readonly MonthView[] }) {
  const overdue = overdueMonths(months);
  if (overdue.length === 0) return null;
  const listed = overdue.slice(0, LISTED);
  const others = overdue.length - listed.length;
  return (
    <Alert
      className="fr-mb-4w"
      severity="error"
      as="h3"
      title={`${plural(overdue.length, "rapport", "rapports")} en retard`}
      description={
        <>
          <p className="fr-mb-1w">
            {overdue.length > 1
              ? "Ces rapports n'ont pas été soumis à la direction territoriale avant leur échéance."
              : "Ce rapport n'a pas été soumis à la direction territoriale avant son échéance."}
          </p>
          <ul className="fr-mb-0">
            {listed.map((m) => (
              <li key={m.period}>
                <Link to={reportPath(atelierCode, m.period)}>{actionLabel(m)}</Link>
              </li>
            ))}
          </ul>
          {others > 0 && (
            <p className="fr-mt-1w fr-mb-0">Et {plural(others, "autre mois", "autres mois")} : voir les tableaux ci-dessous.</p>
          )}
        </>
      }
    />
  );
}
