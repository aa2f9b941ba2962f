import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { frenchDateFormatter, parisDate } from "@enquete/domain";
import { type CSSProperties, useState } from "react";
import { signalUnauthorized } from "../../../api/http.ts";
import { useIsPhone } from "../useIsPhone.ts";
import type { SaveState } from "./DraftSaver.ts";

// Paris time, as everywhere in the app (the history of the report, the conflict's "saved at"); the 1st written "1er".
const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });
const dayAndTime = frenchDateFormatter({ day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

/** "Enregistré à 14:32" today, "Enregistré le 28 novembre à 14:32" before. */
export function savedAtText(at: Date | null, now = new Date()): string {
  if (!at) return "Enregistré";
  if (parisDate(at) === parisDate(now)) return `Enregistré à ${time.format(at)}`;
  return `Enregistré le ${dayAndTime(at)}`;
}

/** The state in a few words (what a phone shows on one line), and what it means (the rest of the sentence). */
export function statusParts(state: SaveState): { short: string; detail: string | null } {
  switch (state.kind) {
    case "unsaved":
      return { short: "Pas encore enregistré", detail: "l'enregistrement est automatique dès votre première saisie" };
    case "saved":
      return { short: savedAtText(state.at), detail: null };
    case "pending":
      return { short: "Modifications non enregistrées", detail: null };
    case "invalid":
      return {
        short: "Modifications non enregistrées",
        detail: "corrigez les champs signalés (vos saisies sont conservées sur cet appareil)",
      };
    case "saving":
      return { short: "Enregistrement…", detail: null };
    case "offline":
      return state.reason === "offline"
        ? { short: "Hors ligne", detail: "vos saisies sont conservées sur cet appareil" }
        : { short: "Serveur injoignable", detail: "vos saisies sont conservées sur cet appareil, nouvel essai automatique" };
    case "expired":
      return { short: "Session expirée", detail: "vos saisies sont conservées sur cet appareil" };
    case "conflict":
      return { short: "Enregistrement suspendu", detail: "choisissez entre les deux versions" };
    case "error":
      return { short: "Échec de l'enregistrement", detail: "vos saisies sont conservées sur cet appareil" };
  }
}

/** The words between the two parts: a colon where the rest says what to do, a dash where it reassures. */
function separator(state: SaveState): string {
  return state.kind === "unsaved" || state.kind === "invalid" || state.kind === "conflict" ? " : " : " – ";
}

export function statusText(state: SaveState): string {
  const { short, detail } = statusParts(state);
  return detail ? `${short}${separator(state)}${detail}` : short;
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
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  const { short, detail } = statusParts(state);
  return (
    <div style={STICKY} className="fr-py-1w fr-mb-2w">
      <div style={{ display: "flex", alignItems: "center", gap: "0.5rem" }}>
        {/* One line on a phone: the rest of the sentence is still read out, and shown on request. */}
        <p className="fr-mb-0 fr-text--sm" role="status" aria-live="polite" data-testid="save-status" style={phone ? ONE_LINE : FLEX}>
          <span className={`${ICONS[state.kind]} fr-icon--sm fr-mr-1w`} aria-hidden="true" />
          {short}
          {detail && <span className={phone ? "fr-sr-only" : undefined}>{`${separator(state)}${detail}`}</span>}
        </p>
        {phone && detail && (
          <button
            type="button"
            className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
            style={{ flexShrink: 0 }}
            aria-expanded={open}
            aria-controls="save-status-details"
            onClick={() => setOpen((o) => !o)}
          >
            Détails<span className="fr-sr-only"> de l'enregistrement</span>
          </button>
        )}
      </div>
      {phone && detail && (
        <p id="save-status-details" className="fr-mb-0 fr-text--xs" hidden={!open}>
          {detail.replace(/^./, (c) => c.toUpperCase())}.
        </p>
      )}
    </div>
  );
}

const FLEX: CSSProperties = { flex: "1 1 auto", minWidth: 0 };
const ONE_LINE: CSSProperties = { ...FLEX, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" };

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
              Elles sont conservées sur cet appareil et seront enregistrées dès que le serveur répondra : gardez cette page ouverte, ou
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
