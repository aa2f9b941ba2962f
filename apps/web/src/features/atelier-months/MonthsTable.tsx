import { Link } from "react-router";
import { formatDay } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { LatenessCell } from "./LatenessCell.tsx";
import { type MonthView, reportPath } from "./months.ts";
import { ReportStatusBadge } from "./ReportStatusBadge.tsx";

type Props = { atelierCode: string; year: number; months: readonly MonthView[] };

/**
 * One year of reports, in DSFR's table markup (its wrapper scrolls sideways on
 * a narrow screen, the month staying in view); each month is the header of its row.
 */
export function MonthsTable({ atelierCode, year, months }: Props) {
  return (
    <ScrollTable caption={<>Année {year}</>}>
      <thead>
        <tr>
          <th scope="col" className="fr-cell--fixed">
            Mois
          </th>
          <th scope="col">Statut</th>
          <th scope="col">Échéance</th>
          <th scope="col">Délai</th>
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.period}>
            <th scope="row" className="fr-cell--fixed">
              {m.begun && (m.open || m.status !== "not_started") ? <Link to={reportPath(atelierCode, m.period)}>{m.label}</Link> : m.label}
              {m.isCurrent && <span className="fr-hint-text">Mois en cours</span>}
            </th>
            <td>
              <ReportStatusBadge status={m.status} begun={m.begun} open={m.open} />
            </td>
            <td>{formatDay(m.dueDate)}</td>
            <td>
              <LatenessCell timeliness={m.timeliness} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
