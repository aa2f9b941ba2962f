import type { TAuditEvent } from "@enquete/contract";
import { formatDateTime } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import type { ScopeNames } from "../profile/roleLines.ts";
import { AuditDetails } from "./AuditDetails.tsx";

type Props = {
  events: readonly TAuditEvent[];
  caption: string;
  names?: ScopeNames;
  /** The journal of one account names its subject once, above: no column for it. */
  showSubject?: boolean;
};

/** Journal events, the most recent first: when (Paris time), who, what, on what, and the details. */
export function AuditTable({ events, caption, names, showSubject = true }: Props) {
  return (
    <ScrollTable caption={caption} className="fr-table--bordered" focusable>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Par</th>
          <th scope="col">Action</th>
          {showSubject && <th scope="col">Sur</th>}
          <th scope="col">Détails</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <th scope="row">{formatDateTime(e.at)}</th>
            <td className="fr-cell--multiline">{e.actor.label}</td>
            <td>{e.actionLabel}</td>
            {showSubject && <td className="fr-cell--multiline">{e.subjectLabel}</td>}
            <td className="fr-cell--multiline">
              <AuditDetails event={e} names={names} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
