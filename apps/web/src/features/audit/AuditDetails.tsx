import type { TAuditEvent } from "@enquete/contract";
import type { ScopeNames } from "../profile/roleLines.ts";
import { changeRows } from "./changeRows.ts";

/**
 * What an event changed, behind a native disclosure (keyboard and screen
 * readers know it): one definition per field, before and after in words.
 */
export function AuditDetails({ event, names }: { event: TAuditEvent; names?: ScopeNames }) {
  const rows = changeRows(event, names);
  if (rows.length === 0) return <>—</>;
  return (
    // Positioned: the summary's hidden words stay inside the table's scrolling frame instead of widening the page.
    <details style={{ position: "relative" }}>
      <summary>
        Détails<span className="fr-sr-only"> : {event.actionLabel}</span>
      </summary>
      <dl className="fr-mt-1w fr-mb-0">
        {rows.map((r) => (
          <div key={r.label} className="fr-mb-1w">
            <dt className="fr-text--bold fr-mb-0">{r.label}</dt>
            <dd className="fr-ml-0">
              {r.value !== undefined ? (
                r.value
              ) : (
                <>
                  Avant : {r.before ?? "—"}
                  {r.after !== undefined && (
                    <>
                      <br />
                      Après : {r.after}
                    </>
                  )}
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
