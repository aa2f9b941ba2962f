import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../api/ApiError.ts";

type Props = {
  error: unknown;
  onRetry: () => void;
  title?: string;
  /** Heading level of the alert's title, to fit the page's outline. */
  as?: "h2" | "h3" | "h4";
};

/**
 * Would the same request, made again, possibly succeed? Yes when the server
 * could not be reached (0), failed (5xx), timed out or asked to wait; no when
 * it answered for good (a refusal, a page that does not exist, a gone link).
 * An error that is not the API's is unexpected: a retry may help.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
}

/**
 * A failed load, in DSFR style, with its French explanation. A failure that
 * may pass offers "Réessayer"; a refusal (403) or an unknown page (404) does
 * not, since trying again gives the same answer: it offers the way back home.
 */
export function LoadError({ error, onRetry, title = "Chargement impossible", as = "h3" }: Props) {
  const retryable = isRetryable(error);
  const refused = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      className="fr-my-4w"
      severity="error"
      as={as}
      title={refused ? "Accès refusé" : title}
      description={
        <>
          <p className="fr-mb-2w">{errorMessage(error)}</p>
          {refused && (
            <p className="fr-mb-2w">
              Votre compte n'ouvre pas cette page. Si vous pensez devoir y accéder, demandez-le à l'administration de la plateforme : voir
              la page <Link to="/contact">Contact</Link>.
            </p>
          )}
          {error instanceof ApiError && error.requestId && <p className="fr-text--xs fr-mb-2w">Numéro de requête : {error.requestId}</p>}
          {retryable ? (
            <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={onRetry}>
              Réessayer
            </Button>
          ) : (
            <Button priority="secondary" size="small" iconId="fr-icon-home-4-line" linkProps={{ to: "/" }}>
              Retour à l'accueil
            </Button>
          )}
        </>
      }
    />
  );
}
