import type { TDistanceLearningImportResult } from "@enquete/contract";
import { periodLabel } from "@enquete/domain";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { formatNumber } from "../dashboard/format.ts";

type Line = TDistanceLearningImportResult["lines"][number];

function changeText(line: Line): string {
  if (line.change === "create") return "nouveau mois";
  if (line.change === "unchanged") return "inchangé";
  const before = line.previous;
  return before
    ? `modifié (avant : MOOC ${formatNumber(before.moocTraineeDays)}, M@gistère ${formatNumber(before.magistereTraineeDays)})`
    : "modifié";
}

/** What an import would write, line by line, and every refused line with its reason. */
export function ImportPreview({ result }: { result: TDistanceLearningImportResult }) {
  return (
    <>
      {result.rejected.length > 0 && (
        <ScrollTable caption="Lignes refusées, avec leur motif" className="fr-table--bordered">
          <thead>
            <tr>
              <th scope="col">Ligne du fichier</th>
              <th scope="col">Motif du refus</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.line}</th>
                <td className="fr-cell--multiline">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {result.lines.length > 0 && (
        <ScrollTable
          caption={result.written ? "Lignes enregistrées" : "Lignes lisibles : ce qu'elles écriraient"}
          className="fr-table--bordered"
        >
          <thead>
            <tr>
              <th scope="col">Ligne du fichier</th>
              <th scope="col">Mois</th>
              <th scope="col">Journées MOOC</th>
              <th scope="col">Journées M@gistère</th>
              <th scope="col">Changement</th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((l) => (
              <tr key={l.line}>
                <th scope="row">{l.line}</th>
                <td>{periodLabel(l.period)}</td>
                <td>{formatNumber(l.moocTraineeDays)}</td>
                <td>{formatNumber(l.magistereTraineeDays)}</td>
                <td className="fr-cell--multiline">{changeText(l)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
