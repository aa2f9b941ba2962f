import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { TReportState } from "@enquete/contract";
import type { ListedStatus } from "@enquete/domain";
import { formatDay } from "../../shared/format.ts";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { ReportStatusBadge } from "../atelier-months/ReportStatusBadge.tsx";
import { ofMonth } from "./monthText.ts";

/** The month, the atelier, where the report stands and when it is due. */
export function ReportHeader({ report, atelierName }: { report: TReportState; atelierName: string }) {
  const status = report.status as ListedStatus;
  return (
    <div className="fr-mb-4w">
      <PageHeading className="fr-mb-1w">Rapport d'activité {ofMonth(report.period)}</PageHeading>
      <p className="fr-text--lead fr-mb-2w">{atelierName}</p>
      <ul className="fr-badges-group" aria-label="État du rapport">
        <li>
          <ReportStatusBadge status={status} begun />
        </li>
        {report.late && (
          <li>
            <Badge as="span" small severity="error">
              En retard
            </Badge>
          </li>
        )}
      </ul>
      <p className="fr-mb-0">À remettre au plus tard le {formatDay(report.dueDate)}.</p>
    </div>
  );
}
