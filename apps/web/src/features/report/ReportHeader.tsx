import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { TReportState } from "@enquete/contract";
import { dayInFrench, isMonthOver, type ListedStatus, parisDate } from "@enquete/domain";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { ReportStatusBadge } from "../atelier-months/ReportStatusBadge.tsx";
import { ofMonth } from "./monthText.ts";

/** The month, the atelier, where the report stands against its deadline (the same words as the home and the queue). */
export function ReportHeader({ report, atelierName }: { report: TReportState; atelierName: string }) {
  const status = report.status as ListedStatus;
  return (
    <div className="fr-mb-4w">
      <PageHeading className="fr-mb-1w">Rapport d'activité {ofMonth(report.period)}</PageHeading>
      <p className="fr-text--lead fr-mb-2w">{atelierName}</p>
      <ul className="fr-badges-group" aria-label="État du rapport">
        <li>
          <ReportStatusBadge status={status} begun open={report.open} />
        </li>
        {report.late && (
          <li>
            <Badge as="span" small severity="error">
              En retard
            </Badge>
          </li>
        )}
      </ul>
      <p className="fr-mb-0">{report.timeliness.label}.</p>
      {report.open && report.status !== "submitted" && report.status !== "validated" && !isMonthOver(report.period, parisDate()) && (
        <p className="fr-mb-0">
          Le mois n'est pas terminé : ce rapport pourra être soumis à partir du {dayInFrench(report.submittableFrom, true)}.
        </p>
      )}
    </div>
  );
}
