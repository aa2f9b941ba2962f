import { parisDate } from "@enquete/domain";
import { Link } from "react-router";
import { formatDay } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { LatenessCell } from "../atelier-months/LatenessCell.tsx";
import { reportPath } from "../atelier-months/months.ts";
import { monthTitle, type QueueRow, rowKey } from "./queue.ts";

type Props = {
  caption: string;
  rows: readonly QueueRow[];
  selected: ReadonlySet<string>;
  onToggle: (key: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
};

// Keeps the visually hidden texts inside the table's scrolling area (they would widen the page on a phone).
const CONTAINED = { position: "relative" } as const;

/**
 * The reports waiting for review, oldest month first, in DSFR's table markup
 * with DSFR's selectable rows: a checkbox per report, its label naming the
 * atelier and the month for screen readers (DSFR hides it visually in the
 * fixed first column). The atelier's name, right after it, is the link that
 * opens the report to examine it: on a 360 px phone it is in view without
 * scrolling sideways, where a last "Examiner" column was not.
 */
export function QueueTable({ caption, rows, selected, onToggle, onToggleAll }: Props) {
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(rowKey(r)));
  return (
    <ScrollTable caption={caption} className="fr-table--no-caption" tableStyle={CONTAINED}>
      <thead>
        <tr>
          <th scope="col" className="fr-cell--fixed">
            <div className="fr-checkbox-group fr-checkbox-group--sm">
              <input id="queue-select-all" type="checkbox" checked={allSelected} onChange={(e) => onToggleAll(e.target.checked)} />
              <label className="fr-label" htmlFor="queue-select-all">
                Sélectionner tous les rapports affichés
              </label>
            </div>
          </th>
          <th scope="col">Atelier</th>
          <th scope="col">Mois</th>
          <th scope="col">Soumis le</th>
          <th scope="col">Délai</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <QueueTableRow key={rowKey(row)} row={row} checked={selected.has(rowKey(row))} onToggle={onToggle} />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function QueueTableRow({ row, checked, onToggle }: { row: QueueRow; checked: boolean; onToggle: Props["onToggle"] }) {
  const key = rowKey(row);
  const id = `queue-select-${row.atelierCode}-${row.period}`;
  const month = monthTitle(row.period);
  return (
    <tr>
      <td className="fr-cell--fixed">
        <div className="fr-checkbox-group fr-checkbox-group--sm">
          <input id={id} name="row-select" type="checkbox" checked={checked} onChange={(e) => onToggle(key, e.target.checked)} />
          <label className="fr-label" htmlFor={id}>
            Sélectionner {row.atelierName}, {month}
          </label>
        </div>
      </td>
      <th scope="row" className="fr-cell--multiline">
        {/* Its name says what it does and contains what it shows (WCAG 2.5.3), as read before the name became the link. */}
        <Link to={reportPath(row.atelierCode, row.period)} aria-label={`Examiner le rapport – ${row.atelierName}, ${month}`}>
          {row.atelierName}
        </Link>
      </th>
      <td>{month}</td>
      <td>{row.submittedAt ? formatDay(parisDate(new Date(row.submittedAt))) : "–"}</td>
      <td>
        <LatenessCell timeliness={row.timeliness} />
      </td>
    </tr>
  );
}
