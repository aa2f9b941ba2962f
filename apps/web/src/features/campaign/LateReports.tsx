import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TCampaign } from "@enquete/contract";
import { canReadAtelier } from "@enquete/domain";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { formatDay, plural } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { ofMonth, reportPath } from "../atelier-months/months.ts";
import { ReportStatusBadge } from "../atelier-months/ReportStatusBadge.tsx";
import { homeGrants } from "../home/grants.ts";
import { monthTitle } from "../review-queue/queue.ts";
import { useSession } from "../session/useSession.ts";

/** How many late reports are listed before a button shows the others. */
const LISTED = 50;

const CONTAINED = { position: "relative" } as const;

type Props = { campaign: TCampaign; territoryNames: ReadonlyMap<string, string> | null };

/**
 * The reports past their due date and still not submitted, oldest first. Each
 * is a link to its page for those who may open it (the server's own rule,
 * canReadAtelier, on the territory of the report's month); the tutelle reads
 * indicators, not reports, and sees the atelier's name as plain text.
 */
export function LateReports({ campaign, territoryNames }: Props) {
  const [showAll, setShowAll] = useState(false);
  const { user } = useSession();
  const grants = useMemo(() => homeGrants(user?.roles ?? []), [user]);
  const { late } = campaign;
  if (late.length === 0) return <p>Aucun rapport en retard en {campaign.year}.</p>;
  const listed = showAll ? late : late.slice(0, LISTED);
  return (
    <>
      <ScrollTable
        caption={
          <>
            Rapports en retard {campaign.year} ({late.length.toLocaleString("fr-FR")})
          </>
        }
        className="fr-table--no-caption"
        tableStyle={CONTAINED}
      >
        <thead>
          <tr>
            <th scope="col">Atelier</th>
            {territoryNames && <th scope="col">Direction territoriale</th>}
            <th scope="col">Mois</th>
            <th scope="col">Statut</th>
            <th scope="col">Échéance</th>
          </tr>
        </thead>
        <tbody>
          {listed.map((l) => (
            <tr key={`${l.atelierCode}-${l.period}`}>
              <th scope="row">
                {canReadAtelier(grants, l.atelierCode, l.territoryCode) ? (
                  <Link to={reportPath(l.atelierCode, l.period)}>
                    {l.atelierName}
                    <span className="fr-sr-only"> – rapport {ofMonth(l.period)}</span>
                  </Link>
                ) : (
                  l.atelierName
                )}
              </th>
              {territoryNames && <td className="fr-cell--multiline">{territoryNames.get(l.territoryCode) ?? l.territoryCode}</td>}
              <td>{monthTitle(l.period)}</td>
              <td>
                <ReportStatusBadge status={l.status} begun />
              </td>
              <td>{formatDay(l.dueDate)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {late.length > listed.length && (
        <Button priority="secondary" size="small" onClick={() => setShowAll(true)}>
          {showOthersText(late.length - listed.length)}
        </Button>
      )}
    </>
  );
}

/** "Afficher l'autre rapport en retard", "Afficher les 12 autres rapports en retard". */
function showOthersText(others: number): string {
  return others > 1 ? `Afficher les ${plural(others, "autre rapport", "autres rapports")} en retard` : "Afficher l'autre rapport en retard";
}
