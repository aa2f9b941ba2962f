import { Table } from "@codegouvfr/react-dsfr/Table";
import type { TTerritory } from "@enquete/contract";

/** The directions territoriales, alphabetically, with their number of ateliers. */
export function TerritoriesTable({ territories }: { territories: readonly TTerritory[] }) {
  const sorted = [...territories].sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return (
    <Table
      noCaption
      caption="Directions territoriales et nombre d'ateliers rattachés"
      headers={["Direction territoriale", "Ateliers"]}
      data={sorted.map((t) => [t.name, t.atelierCount.toLocaleString("fr-FR")])}
    />
  );
}
