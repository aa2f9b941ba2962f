import type { TReviewBatchResult } from "@enquete/contract";
import { useState } from "react";
import { plural } from "../../shared/format.ts";
import { ofMonth } from "../atelier-months/months.ts";
import { BatchValidation } from "./BatchValidation.tsx";
import { QueueTable } from "./QueueTable.tsx";
import { type QueueRow, rowKey } from "./queue.ts";

type Props = {
  /** The month shown; null: every month. */
  period: string | null;
  rows: readonly QueueRow[];
  onValidated: (result: TReviewBatchResult, names: ReadonlyMap<string, string>) => void;
};

/** The reports shown (of a month, or all), the table, and the validation of the selected ones. */
export function QueueMonth({ period, rows, onValidated }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A report hidden by the filter is not validated without being seen.
  const chosen = rows.filter((r) => selected.has(rowKey(r)));

  const toggle = (key: string, checked: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (checked) next.add(key);
      else next.delete(key);
      return next;
    });
  const toggleAll = (checked: boolean) => setSelected(checked ? new Set(rows.map(rowKey)) : new Set());

  if (rows.length === 0) return <p>Aucun rapport soumis n'attend votre examen.</p>;
  const caption = `Rapports à examiner${period ? ` ${ofMonth(period)}` : ", tous mois confondus"} (${plural(rows.length, "rapport")})`;
  return (
    <>
      <p className="fr-hint-text fr-mb-1w">
        Ouvrez un rapport par le nom de son atelier pour l'examiner, ou cochez-en plusieurs pour les valider ensemble.
      </p>
      <QueueTable caption={caption} rows={rows} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
      <BatchValidation
        selected={chosen}
        onDone={(result) => {
          setSelected(new Set());
          onValidated(result, new Map(rows.map((r) => [r.atelierCode, r.atelierName])));
        }}
      />
    </>
  );
}
