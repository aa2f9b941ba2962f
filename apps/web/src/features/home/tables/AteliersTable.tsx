import type { TAtelier } from "@enquete/contract";
import { compareAtelierCodes } from "@enquete/domain";
import { LabelStatusBadge } from "../../../shared/LabelStatusBadge.tsx";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";

type Props = {
  ateliers: readonly TAtelier[];
  caption: string;
  /** Names of the territories by code: given, a "Direction territoriale" column is shown. */
  territoryNames?: ReadonlyMap<string, string>;
};

/** Ateliers in the order people read département codes (01…19, 2A, 2B, 21…). */
export function AteliersTable({ ateliers, caption, territoryNames }: Props) {
  const sorted = [...ateliers].sort((a, b) => compareAtelierCodes(a.code, b.code));
  const headers = territoryNames
    ? ["Code", "Atelier", "Direction territoriale", "Labellisation"]
    : ["Code", "Atelier", "Département", "Labellisation"];

  // ScrollTable, not react-dsfr's <Table>: on a phone the frame scrolls and must be reachable with the keyboard.
  return (
    <ScrollTable caption={caption} className="fr-table--no-caption">
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((a) => (
          <tr key={a.code}>
            <td>{a.code}</td>
            <td>{a.name}</td>
            <td>
              {territoryNames
                ? a.territoryCode === null
                  ? "Aucune"
                  : (territoryNames.get(a.territoryCode) ?? a.territoryCode)
                : a.departement}
            </td>
            <td>
              <LabelStatusBadge status={a.labelStatus} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
