import { Link } from "react-router";
import { fetchAudit } from "../../api/audit.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { AuditTable } from "../audit/AuditTable.tsx";
import { auditPathFor } from "../audit/paths.ts";
import type { ScopeNames } from "../profile/roleLines.ts";
import { useLatestData } from "./useLatestData.ts";

const SHOWN = 10;

/** The last actions on one account; `revision` changes after each change made on the page, which brings its own line. */
export function AccountJournal({ userId, revision, names }: { userId: string; revision: number; names: ScopeNames | undefined }) {
  const subject = `user:${userId}`;
  const { state, data, retry } = useLatestData((signal) => fetchAudit({ subject, limit: SHOWN }, signal), [subject, revision]);
  return (
    <section aria-labelledby="journal-du-compte" className="fr-mt-6w" aria-busy={state.status === "loading"}>
      <h2 id="journal-du-compte" className="fr-h4">
        Journal du compte
      </h2>
      {state.status === "error" && (
        <LoadError as="h3" title="Impossible de charger le journal du compte" error={state.error} onRetry={retry} />
      )}
      {data === null ? (
        state.status === "loading" && <Loading label="Chargement du journal du compte…" />
      ) : data.total === 0 ? (
        <p>Aucune action n'est encore inscrite au journal pour ce compte.</p>
      ) : (
        <>
          <AuditTable
            events={data.items}
            names={names}
            showSubject={false}
            caption={
              data.total > data.items.length
                ? `Les ${data.items.length} dernières actions sur ce compte, sur ${data.total}, la plus récente d'abord`
                : "Actions sur ce compte, la plus récente d'abord"
            }
          />
          {data.total > data.items.length && (
            <p>
              <Link to={auditPathFor(subject)}>Voir les {data.total.toLocaleString("fr-FR")} actions sur ce compte dans le journal</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
