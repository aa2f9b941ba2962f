import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { parisDate } from "@enquete/domain";
import type { CSSProperties } from "react";
import { signalUnauthorized } from "../../../api/http.ts";
import type { SaveState } from "./DraftSaver.ts";

// Paris time, as everywhere in the app (the history of the report, the conflict's "saved at").
const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });
const dayAndTime = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** "Enregistré à 14:32" today, "Enregistré le 28 novembre à 14:32" before. */
export function savedAtText(at: Date | null, now = new Date()): string {
  if (!at) return "Enregistré";
  if (parisDate(at) === parisDate(now)) return `Enregistré à ${time.format(at)}`;
  return `Enregistré le ${dayAndTime.format(at)}`;
}

export function statusText(state: SaveState): string {
  switch (state.kind) {
    case "unsaved":
      return "Pas encore enregistré : l'enregistrement est automatique dès votre première saisie";
    case "saved":
      return savedAtText(state.at);
    case "pending":
      return "Modifications non enregistrées";
    case "invalid":
      return "Modifications non enregistrées : corrigez les champs signalés (vos saisies sont conservées sur cet appareil)";
    case "saving":
      return "Enregistrement…";
    case "offline":
      return state.reason === "offline"
        ? "Hors ligne – vos saisies sont conservées sur cet appareil"
        : "Serveur injoignable – vos saisies sont conservées sur cet appareil, nouvel essai automatique";
    case "expired":
      return "Session expirée – vos saisies sont conservées sur cet appareil";
    case "conflict":
      return "Enregistrement suspendu : choisissez entre les deux versions";
    case "error":
      return "Échec de l'enregistrement – vos saisies sont conservées sur cet appareil";
  }
}

const ICONS: Record<SaveState["kind"], string> = {
  unsaved: "fr-icon-info-line",
  saved: "fr-icon-check-line",
  pending: "fr-icon-edit-line",
  invalid: "fr-icon-warning-line",
  saving: "fr-icon-refresh-line",
  offline: "ri-wifi-off-line",
  expired: "fr-icon-lock-line",
  conflict: "fr-icon-warning-line",
  error: "fr-icon-error-line",
};

// Stays in sight while the form scrolls: the state of the save is never out of view.
const STICKY: CSSProperties = {
  position: "sticky",
  top: 0,
  zIndex: 1,
  backgroundColor: "var(--background-default-grey)",
  borderBottom: "1px solid var(--border-default-grey)",
};

/** The state of the autosave, always visible and announced politely. */
export function SaveStatusLine({ state }: { state: SaveState }) {
  return (
    <div style={STICKY} className="fr-py-1w fr-mb-2w">
      <p className="fr-mb-0 fr-text--sm" role="status" aria-live="polite" data-testid="save-status">
        <span className={`${ICONS[state.kind]} fr-icon--sm fr-mr-1w`} aria-hidden="true" />
        {statusText(state)}
      </p>
    </div>
  );
}

/** A save that failed is loud: what happened, that nothing is lost, and what to do. */
/** After this many saves without an answer, the wait is no longer a passing hiccup: it is said loudly. */
const LOUD_AFTER = 3;

export function SaveProblem({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  if (state.kind === "offline" && state.reason === "unreachable" && state.attempts >= LOUD_AFTER) {
    return (
      <Alert
        className="fr-mb-3w"
        severity="error"
        as="h2"
        title="Le serveur ne répond pas : vos saisies ne sont pas encore enregistrées"
        description={
          <>
            <p className="fr-mb-2w">
              Elles sont conservées sur cet appareil et seront envoyées dès que le serveur répondra : gardez cette page ouverte, ou
              revenez-y plus tard depuis ce navigateur.
            </p>
            <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={onRetry}>
              Réessayer
            </Button>
          </>
        }
      />
    );
  }
  if (state.kind === "expired") {
    return (
      <Alert
        className="fr-mb-3w"
        severity="error"
        as="h2"
        title="Votre session a expiré : reconnectez-vous, vos saisies sont conservées"
        description={
          <>
            <p className="fr-mb-2w">
              Vos saisies sont gardées sur cet appareil. Après la connexion, vous reviendrez sur ce rapport et elles seront enregistrées.
            </p>
            <Button priority="primary" size="small" iconId="fr-icon-account-circle-line" onClick={signalUnauthorized}>
              Se reconnecter
            </Button>
          </>
        }
      />
    );
  }
  if (state.kind === "error") {
    return (
      <Alert
        className="fr-mb-3w"
        severity="error"
        as="h2"
        title="L'enregistrement a échoué"
        description={
          <>
            <p className="fr-mb-1w">{state.message}</p>
            <p className="fr-mb-2w">Vos saisies sont conservées sur cet appareil : rien n'est perdu.</p>
            {state.requestId && <p className="fr-text--xs fr-mb-2w">Numéro de requête : {state.requestId}</p>}
            <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={onRetry}>
              Réessayer
            </Button>
          </>
        }
      />
    );
  }
  return null;
}
