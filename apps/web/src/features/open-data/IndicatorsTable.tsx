import type { TOpenDataRow } from "@enquete/contract";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { figureText, formatValue } from "../dashboard/format.ts";

type Props = {
  /** The six rows of one scope and one year. */
  rows: readonly TOpenDataRow[];
  caption: string;
  year: number;
};

/** What an empty target cell means: a count's target is set for the whole network, a share's for every scope. */
function targetText(row: TOpenDataRow): string {
  if (row.target !== null) return formatValue(row.target, row.unit);
  return row.scopeType === "territoire" && row.unit === "nombre" ? "Cible nationale seulement" : "Aucune cible";
}

function reachedText(row: TOpenDataRow): string {
  if (row.targetReached === null) return row.target === null ? "Sans objet" : "Non calculable";
  return formatValue(row.targetReached, "%");
}

function baselineText(row: TOpenDataRow): string {
  if (row.baseline === null) return "Aucune";
  const value = formatValue(row.baseline, row.unit);
  return row.baselineYear === null ? value : `${value} (${row.baselineYear})`;
}

/** The contract's six indicators of one scope: one row each, its header the indicator. */
export function IndicatorsTable({ rows, caption, year }: Props) {
  return (
    <ScrollTable caption={caption} focusable className="fr-table--bordered">
      <thead>
        <tr>
          <th scope="col">Indicateur</th>
          <th scope="col">Valeur {year}</th>
          <th scope="col">Cible {year}</th>
          <th scope="col">Part de la cible atteinte</th>
          <th scope="col">Valeur de référence</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.indicatorCode}>
            <th scope="row">
              {row.indicatorCode} – {row.indicatorLabel}
            </th>
            <td>{figureText(row.value, row.unit, row.completenessValidated)}</td>
            <td>{targetText(row)}</td>
            <td>{reachedText(row)}</td>
            <td>{baselineText(row)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
