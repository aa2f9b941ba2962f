import type { TTerritory } from "@enquete/contract";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";

/** The directions territoriales, alphabetically, with their number of ateliers. */
export function TerritoriesTable({ territories }: { territories: readonly TTerritory[] }) {
  const sorted = [...territories].sort((a, b) => a.name.localeCompare(b.name, "fr"));
  // ScrollTable, not react-dsfr's <Table>: a frame too narrow for the table must be reachable with the keyboard.
  return (
    <ScrollTable caption="Directions territoriales et nombre d'ateliers rattachés" className="fr-table--no-caption">
      <thead>
        <tr>
          <th scope="col">Direction territoriale</th>
          <th scope="col">Ateliers</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((t) => (
          <tr key={t.code}>
            <td>{t.name}</td>
            <td>{t.atelierCount.toLocaleString("fr-FR")}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
