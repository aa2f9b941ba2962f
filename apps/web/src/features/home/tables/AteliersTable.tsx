import { Table } from "@codegouvfr/react-dsfr/Table";
import type { TAtelier } from "@enquete/contract";
import { compareAtelierCodes } from "@enquete/domain";
import { LabelStatusBadge } from "../../../shared/LabelStatusBadge.tsx";

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

  return (
    <Table
      noCaption
      caption={caption}
      headers={headers}
      data={sorted.map((a) => [
        a.code,
        a.name,
        territoryNames ? (a.territoryCode === null ? "Aucune" : (territoryNames.get(a.territoryCode) ?? a.territoryCode)) : a.departement,
        <LabelStatusBadge key="label" status={a.labelStatus} />,
      ])}
    />
  );
}
