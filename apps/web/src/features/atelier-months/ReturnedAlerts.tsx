import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link } from "react-router";
import { formatDateTime } from "../../shared/format.ts";
import type { ReturnedReport } from "./loadAtelierMonths.ts";
import { ofMonth, reportPath } from "./months.ts";

/** One warning per report sent back to the atelier, with the comment that says what to correct. */
export function ReturnedAlerts({ atelierCode, returned }: { atelierCode: string; returned: readonly ReturnedReport[] }) {
  if (returned.length === 0) return null;
  return (
    <ul className="fr-raw-list fr-mb-4w">
      {returned.map((r) => (
        <li key={r.month.period} className="fr-mb-2w">
          <ReturnedAlert atelierCode={atelierCode} report={r} />
        </li>
      ))}
    </ul>
  );
}

function ReturnedAlert({ atelierCode, report }: { atelierCode: string; report: ReturnedReport }) {
  const { month, comment, event } = report;
  const reopened = event?.action === "reopen";
  const title = reopened
    ? `Rapport ${ofMonth(month.period)} rouvert par la direction nationale`
    : `Rapport ${ofMonth(month.period)} renvoyé par la direction territoriale`;
  return (
    <Alert
      severity="warning"
      as="h3"
      title={title}
      description={
        <>
          {event && (
            <p className="fr-text--sm fr-mb-1w">
              {reopened ? "Rouvert" : "Renvoyé"} le {formatDateTime(event.at)} par {event.actor}.
            </p>
          )}
          {comment ? (
            <>
              <p className="fr-mb-0">{reopened ? "Motif :" : "Commentaire :"}</p>
              <blockquote className="fr-mt-0 fr-mb-2w fr-mx-0" style={QUOTE}>
                {comment}
              </blockquote>
            </>
          ) : (
            <p className="fr-mb-2w">Aucun commentaire n'accompagne ce renvoi.</p>
          )}
          <p className="fr-mb-0">
            <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={reportPath(atelierCode, month.period)}>
              Corriger le rapport<span className="fr-sr-only"> {ofMonth(month.period)}</span>
            </Link>
          </p>
        </>
      }
    />
  );
}

// The comment keeps its line breaks, set off by a rule like a quotation.
const QUOTE = { whiteSpace: "pre-line", borderLeft: "4px solid var(--border-default-grey)", paddingLeft: "1rem" } as const;
