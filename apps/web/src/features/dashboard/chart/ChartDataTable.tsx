import { periodLabel } from "@enquete/domain";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";
import { formatValue } from "../format.ts";
import { NoData } from "../NoData.tsx";
import type { Series } from "./series.ts";

type Props = { series: Series; unit: "nombre" | "%"; caption: string; targetShown: boolean };

const MONTH_HEADERS = { sum: "Valeur du mois", ratio: "Part du mois", level: "Part du mois" } as const;
const CUMULATIVE_HEADERS = { sum: "Cumul", ratio: "Part cumulée", level: null } as const;

/** The curve's numbers, month by month, with the reports each month counts: a month half reported is not a fall. */
export function ChartDataTable({ series, unit, caption, targetShown }: Props) {
  const cumulativeHeader = CUMULATIVE_HEADERS[series.kind];
  return (
    <ScrollTable caption={caption} className="fr-table--no-caption fr-mb-0">
      <thead>
        <tr>
          <th scope="col">Mois</th>
          <th scope="col">{MONTH_HEADERS[series.kind]}</th>
          {cumulativeHeader && <th scope="col">{cumulativeHeader}</th>}
          {targetShown && <th scope="col">{series.kind === "sum" ? "Trajectoire de la cible" : "Cible"}</th>}
          <th scope="col">Rapports comptés / attendus</th>
        </tr>
      </thead>
      <tbody>
        {series.points.map((p) => (
          <tr key={p.period}>
            <th scope="row">{periodLabel(p.period)}</th>
            <td>
              {p.noData && p.expected > 0 ? (
                <NoData explanation="aucun rapport compté ce mois : ce n'est pas zéro" />
              ) : p.month === null || p.noData ? (
                "–"
              ) : (
                formatValue(p.month, unit)
              )}
            </td>
            {cumulativeHeader && <td>{p.cumulative === null ? "–" : formatValue(p.cumulative, unit)}</td>}
            {targetShown && <td>{p.trajectory === null ? "–" : formatValue(p.trajectory, unit)}</td>}
            <td>
              {p.included.toLocaleString("fr-FR")} / {p.expected.toLocaleString("fr-FR")}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
