import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { parisDate } from "@enquete/domain";
import { Link } from "react-router";
import { formatDay } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { reportPath } from "../atelier-months/months.ts";
import { ReportStatusBadge } from "../atelier-months/ReportStatusBadge.tsx";
import { isSelectable, type QueueRow } from "./queue.ts";

type Props = {
  caption: string;
  rows: readonly QueueRow[];
  selected: ReadonlySet<string>;
  onToggle: (atelierCode: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
};

// Keeps the visually hidden texts inside the table's scrolling area (they would widen the page on a phone).
const CONTAINED = { position: "relative" } as const;

/**
 * The month's reports in DSFR's table markup, with DSFR's selectable rows:
 * a checkbox per submitted report, its label naming the atelier for screen
 * readers (DSFR hides it visually in the fixed first column).
 */
export function QueueTable({ caption, rows, selected, onToggle, onToggleAll }: Props) {
  const selectable = rows.filter(isSelectable);
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(r.atelierCode));
  return (
    <ScrollTable caption={caption} className="fr-table--no-caption" tableStyle={CONTAINED}>
      <thead>
        <tr>
          <th scope="col" className="fr-cell--fixed">
            {selectable.length > 0 ? (
              <div className="fr-checkbox-group fr-checkbox-group--sm">
                <input id="queue-select-all" type="checkbox" checked={allSelected} onChange={(e) => onToggleAll(e.target.checked)} />
                <label className="fr-label" htmlFor="queue-select-all">
                  Sélectionner tous les rapports soumis affichés
                </label>
              </div>
            ) : (
              <span className="fr-sr-only">Sélection</span>
            )}
          </th>
          <th scope="col">Atelier</th>
          <th scope="col">Statut</th>
          <th scope="col">Soumis le</th>
          <th scope="col">Délai</th>
          <th scope="col">Rapport</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <QueueTableRow key={row.atelierCode} row={row} checked={selected.has(row.atelierCode)} onToggle={onToggle} />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function QueueTableRow({ row, checked, onToggle }: { row: QueueRow; checked: boolean; onToggle: Props["onToggle"] }) {
  const id = `queue-select-${row.atelierCode}`;
  return (
    <tr>
      <td className="fr-cell--fixed">
        {isSelectable(row) && (
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input
              id={id}
              name="row-select"
              type="checkbox"
              checked={checked}
              onChange={(e) => onToggle(row.atelierCode, e.target.checked)}
            />
            <label className="fr-label" htmlFor={id}>
              Sélectionner {row.atelierName}
            </label>
          </div>
        )}
      </td>
      <th scope="row">{row.atelierName}</th>
      <td>
        <ReportStatusBadge status={row.status} begun />
      </td>
      <td>{row.submittedAt ? formatDay(parisDate(new Date(row.submittedAt))) : <Dash text="Pas encore soumis" />}</td>
      <td>
        <Lateness row={row} />
      </td>
      <td>
        <ReportLink row={row} />
      </td>
    </tr>
  );
}

function Lateness({ row }: { row: QueueRow }) {
  if (row.late) {
    return (
      <Badge as="span" small severity="error">
        En retard
      </Badge>
    );
  }
  if (row.status === "submitted" || row.status === "validated") return <>À temps</>;
  return <>Attendu au plus tard le {formatDay(row.dueDate)}</>;
}

function ReportLink({ row }: { row: QueueRow }) {
  if (row.status === "not_started") return <Dash text="Aucun rapport" />;
  return (
    <Link to={reportPath(row.atelierCode, row.period)}>
      {row.status === "submitted" ? "Examiner" : "Voir"}
      <span className="fr-sr-only"> le rapport – {row.atelierName}</span>
    </Link>
  );
}

function Dash({ text }: { text: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="fr-sr-only">{text}</span>
    </>
  );
}
