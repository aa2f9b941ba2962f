import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import type { TReportEvent } from "@enquete/contract";
import { type FormDefinition, formFields, STATUS_LABELS } from "@enquete/domain";
import { formatDateTime } from "../../../shared/format.ts";
import { ACTION_LABELS } from "../labels.ts";
import { displayValue } from "../valueText.ts";

type Props = { history: TReportEvent[]; form: FormDefinition };

function statusChange(e: TReportEvent): string | null {
  if (e.fromStatus === e.toStatus) return null;
  const to = STATUS_LABELS[e.toStatus];
  return e.fromStatus ? `${STATUS_LABELS[e.fromStatus]} → ${to}` : to;
}

/** Who did what, when, with each changed value and each comment; the latest first. */
export function ReportHistory({ history, form }: Props) {
  const labels = new Map(formFields(form).map((f) => [f.code, f.label]));
  const events = [...history].reverse();
  return (
    <Accordion label="Historique" titleAs="h2" className="fr-mt-6w">
      {events.length === 0 ? (
        <p>Aucun événement : ce rapport n'a pas encore été enregistré.</p>
      ) : (
        <ol className="fr-raw-list">
          {events.map((e) => {
            const change = statusChange(e);
            return (
              <li key={`${e.version}-${e.at}`} className="fr-mb-3w">
                <p className="fr-mb-1v">
                  <strong>{ACTION_LABELS[e.action]}</strong> le {formatDateTime(e.at)}, par {e.actor}
                </p>
                {change && <p className="fr-mb-1v fr-text--sm">Statut : {change}</p>}
                {e.comment && (
                  <p className="fr-mb-1v fr-text--sm" style={{ whiteSpace: "pre-line" }}>
                    Commentaire : {e.comment}
                  </p>
                )}
                {e.changes.length > 0 && (
                  <ul className="fr-text--sm fr-mb-0">
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        {labels.get(c.field) ?? c.field} : {displayValue(c.from)} → {displayValue(c.to)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Accordion>
  );
}
