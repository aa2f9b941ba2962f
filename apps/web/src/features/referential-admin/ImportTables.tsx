import type { TReferentialImportResult } from "@enquete/contract";
import { ScrollTable } from "../../shared/ScrollTable.tsx";

const KIND_LABELS: Record<TReferentialImportResult["changes"][number]["kind"], string> = {
  "territory.created": "Direction territoriale créée",
  "territory.renamed": "Direction territoriale renommée",
  "atelier.opened": "Atelier ouvert",
  "atelier.renamed": "Atelier renommé",
  "atelier.moved": "Atelier rattaché",
  "atelier.closed": "Atelier fermé",
  "atelier.attributes": "Attributs changés",
};

export function RefusedLines({ refused }: { refused: TReferentialImportResult["refused"] }) {
  return (
    <ScrollTable caption={`Lignes refusées (${refused.length.toLocaleString("fr-FR")})`} className="fr-table--bordered">
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          <th scope="col">Raison</th>
        </tr>
      </thead>
      <tbody>
        {refused.map((r) => (
          <tr key={`${r.line}-${r.reason}`}>
            <th scope="row">{r.line.toLocaleString("fr-FR")}</th>
            <td className="fr-cell--multiline">{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function ChangesTable({ changes, caption }: { changes: TReferentialImportResult["changes"]; caption: string }) {
  return (
    <ScrollTable caption={caption} className="fr-table--bordered" focusable={changes.length > 20}>
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          <th scope="col">Changement</th>
          <th scope="col">Code</th>
          <th scope="col">Détail</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.line}-${c.kind}-${c.subject}-${c.description}`}>
            <th scope="row">{c.line.toLocaleString("fr-FR")}</th>
            <td>{KIND_LABELS[c.kind] ?? c.kind}</td>
            <td>{c.subject}</td>
            <td className="fr-cell--multiline">{c.description}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
