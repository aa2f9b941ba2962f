import type { TIndicators } from "@enquete/contract";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";
import { formatNumber, formatValue, hasNoData } from "../format.ts";
import { NoData } from "../NoData.tsx";
import type { FigureValue } from "../types.ts";

type Props = { indicators: TIndicators; caption: string };

function valueText(f: FigureValue, included: number) {
  if (hasNoData(f.value, included)) return <NoData />;
  const value = formatValue(f.value, f.unit);
  if (f.numerator === undefined || f.denominator === undefined) return value;
  return `${value} (${formatNumber(f.numerator)} sur ${formatNumber(f.denominator)})`;
}

/**
 * Every other figure of the period in one compact table, grouped like the
 * questionnaire, then the reporting figures. The group heads its rows from
 * the first column (scope rowgroup) and spans no column: one level of row
 * headers, each value tied to its figure and to "Valeur" (RGAA 5.7).
 */
export function FiguresTable({ indicators, caption }: Props) {
  const groups = indicators.figureGroups
    .map((g) => ({ ...g, figures: indicators.figures.filter((f) => f.group === g.code) }))
    .filter((g) => g.figures.length > 0);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9">
        <ScrollTable caption={caption} className="fr-table--bordered fr-table--no-caption">
          <thead>
            <tr>
              <th scope="col">Chiffre</th>
              <th scope="col">Valeur</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.code}>
              <tr>
                <th scope="rowgroup" className="fr-cell--multiline">
                  {g.label}
                </th>
                <td />
              </tr>
              {g.figures.map((f) => (
                <tr key={f.code}>
                  <th scope="row" className="fr-cell--multiline">
                    {f.label}
                  </th>
                  <td>{valueText(f, indicators.completeness.included)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </ScrollTable>
      </div>
    </div>
  );
}
