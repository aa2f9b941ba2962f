import type { TOutboxEntry } from "@enquete/contract";
import { formatDateTime } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { kindLabel } from "./kindLabels.ts";
import { OutboxStatus } from "./OutboxStatus.tsx";

const wrap = { overflowWrap: "anywhere" } as const;

/**
 * One page of the outbox, newest first, in DSFR's table markup. Its
 * container scrolls sideways on a narrow screen: it takes the focus, named by
 * the caption, so that the keyboard can scroll it too (the react-dsfr Table
 * component gives no way to do that).
 */
export function OutboxTable({ items, caption }: { items: readonly TOutboxEntry[]; caption: string }) {
  return (
    <ScrollTable caption={caption} className="fr-table--bordered" focusable>
      <thead>
        <tr>
          <th scope="col" className="fr-col--sm">
            Écrit le
          </th>
          <th scope="col" className="fr-col--md">
            Destinataire
          </th>
          <th scope="col" className="fr-col--md">
            Objet
          </th>
          <th scope="col" className="fr-col--sm">
            Type
          </th>
          <th scope="col" className="fr-col--md">
            État
          </th>
          <th scope="col" className="fr-cell--right">
            Tentatives
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            <th scope="row" className="fr-col--sm">
              {formatDateTime(e.createdAt)}
            </th>
            <td className="fr-col--md" style={wrap}>
              {e.to}
            </td>
            <td className="fr-col--md">{e.subject}</td>
            <td className="fr-col--sm">{kindLabel(e.kind)}</td>
            <td className="fr-col--md fr-cell--multiline">
              <OutboxStatus entry={e} />
            </td>
            <td className="fr-cell--right">{e.attempts.toLocaleString("fr-FR")}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
