import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ApiError, errorMessage } from "../api/ApiError.ts";

type Props = {
  error: unknown;
  onRetry: () => void;
  title?: string;
  /** Heading level of the alert's title, to fit the page's outline. */
  as?: "h2" | "h3" | "h4";
};

/** A failed load, in DSFR style, with its French explanation and a retry button. */
export function LoadError({ error, onRetry, title = "Chargement impossible", as = "h3" }: Props) {
  return (
    <Alert
      className="fr-my-4w"
      severity="error"
      as={as}
      title={title}
      description={
        <>
          <p className="fr-mb-2w">{errorMessage(error)}</p>
          {error instanceof ApiError && error.requestId && <p className="fr-text--xs fr-mb-2w">Numéro de requête : {error.requestId}</p>}
          <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={onRetry}>
            Réessayer
          </Button>
        </>
      }
    />
  );
}
