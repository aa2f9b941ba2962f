import type { TBatchValidateResult } from "@enquete/contract";
import type { ListedStatus } from "@enquete/domain";
import { useState } from "react";
import { plural } from "../../shared/format.ts";
import { ofMonth } from "../atelier-months/months.ts";
import { BatchValidation } from "./BatchValidation.tsx";
import { QueueTable } from "./QueueTable.tsx";
import { countByStatus, isSelectable, monthTitle, type QueueRow, STATUS_FILTERS } from "./queue.ts";

type Props = {
  period: string;
  rows: readonly QueueRow[];
  /** Only this status is shown; null: all. */
  status: ListedStatus | null;
  onValidated: (result: TBatchValidateResult, names: ReadonlyMap<string, string>) => void;
};

/** One month of the queue: what waits, the table, and the validation of the selected reports. */
export function QueueMonth({ period, rows, status, onValidated }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = status === null ? rows : rows.filter((r) => r.status === status);
  // A report hidden by the filter is not validated without being seen.
  const chosen = shown.filter((r) => isSelectable(r) && selected.has(r.atelierCode));
  const waiting = countByStatus(rows, "submitted");
  const filterLabel = STATUS_FILTERS.find((f) => f.status === status)?.label.toLowerCase();

  const toggle = (code: string, checked: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (checked) next.add(code);
      else next.delete(code);
      return next;
    });
  const toggleAll = (checked: boolean) => setSelected(checked ? new Set(shown.filter(isSelectable).map((r) => r.atelierCode)) : new Set());

  return (
    <>
      <p className="fr-text--lg fr-text--bold fr-mt-2w fr-mb-2w">
        {monthTitle(period)} : {waiting === 0 ? "aucun rapport à examiner" : `${plural(waiting, "rapport")} à examiner`}
      </p>
      {rows.length === 0 ? (
        <p>Aucun atelier n'était rattaché à votre direction territoriale ce mois-là.</p>
      ) : shown.length === 0 ? (
        <p>Aucun atelier n'a ce statut ce mois-là. Choisissez « Tous les statuts » pour voir tous les ateliers.</p>
      ) : (
        <QueueTable
          caption={`Rapports ${ofMonth(period)}${filterLabel ? ` : ${filterLabel}` : ""} (${plural(shown.length, "atelier")})`}
          rows={shown}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
        />
      )}
      {waiting > 0 && (
        <BatchValidation
          period={period}
          selected={chosen}
          onDone={(result) => {
            setSelected(new Set());
            onValidated(result, new Map(rows.map((r) => [r.atelierCode, r.atelierName])));
          }}
        />
      )}
    </>
  );
}
