import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link } from "react-router";
import { ApiError } from "../../api/ApiError.ts";
import { LoadError } from "../../shared/LoadError.tsx";

/** A scope out of reach or unknown says so plainly (retrying will not help); any other failure offers a retry. */
export function ScopeError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return (
      <Alert
        className="fr-my-4w"
        severity="error"
        as="h2"
        title={error.status === 403 ? "Accès refusé" : "Périmètre introuvable"}
        description={
          <>
            <p className="fr-mb-2w">{error.message}</p>
            <Link to="/">Revenir au tableau de bord</Link>
          </>
        }
      />
    );
  }
  return <LoadError as="h2" title="Impossible de charger les indicateurs" error={error} onRetry={onRetry} />;
}
