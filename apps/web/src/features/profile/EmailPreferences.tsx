import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TNotificationPreference } from "@enquete/contract";
import { useId } from "react";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { fetchNotificationPreferences } from "../../api/notifications.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { PreferenceSwitches } from "./PreferenceSwitches.tsx";
import { type SaveState, usePreferenceSaver } from "./usePreferenceSaver.ts";

/** "Courriels": the emails that concern the person's roles, each on or off. */
export function EmailPreferences({ email }: { email: string }) {
  const headingId = useId();
  const { state, retry } = useApiData((signal) => fetchNotificationPreferences(signal), []);

  return (
    <section aria-labelledby={headingId} className="fr-mt-6w" aria-busy={state.status === "loading"}>
      <h2 id={headingId} className="fr-h4">
        Courriels
      </h2>
      {state.status === "loading" && <Loading label="Chargement de vos préférences de courriels…" />}
      {state.status === "error" && (
        <LoadError error={state.error} onRetry={retry} title="Impossible de charger vos préférences de courriels" />
      )}
      {state.status === "success" && <PreferencesForm initial={state.data.preferences} email={email} />}
    </section>
  );
}

function PreferencesForm({ initial, email }: { initial: TNotificationPreference[]; email: string }) {
  const { preferences, save, change } = usePreferenceSaver(initial);
  if (preferences.length === 0) {
    return <p>Aucun courriel de la plateforme ne concerne vos rôles : vous n'en recevez pas.</p>;
  }
  return (
    <>
      <p>
        La plateforme vous écrit à <span style={{ overflowWrap: "anywhere" }}>{email}</span>. Chaque changement est enregistré aussitôt ;
        les courriels indispensables ne peuvent pas être désactivés.
      </p>
      <PreferenceSwitches preferences={preferences} onChange={(kind, enabled) => void change(kind, enabled)} />
      <SaveOutcome save={save} />
    </>
  );
}

/** The live region is always in the page, so that each new message in it is announced. */
function SaveOutcome({ save }: { save: SaveState }) {
  return (
    <>
      <div role="status" aria-live="polite">
        {save.status === "saving" && <p className="fr-hint-text">Enregistrement…</p>}
        {save.status === "saved" && (
          // DSFR's alert markup without the component, which would add a second live region inside this one.
          <div key={save.count} className="fr-alert fr-alert--success fr-alert--sm">
            <p>Préférences enregistrées.</p>
          </div>
        )}
      </div>
      {save.status === "failed" && (
        <Alert
          role="alert"
          severity="error"
          as="h3"
          title="Préférences non enregistrées"
          description={<FailureText error={save.error} />}
        />
      )}
    </>
  );
}

function FailureText({ error }: { error: unknown }) {
  const details = error instanceof ApiError ? error.fieldErrors.map((f) => f.message) : [];
  return (
    <>
      <p className="fr-mb-1w">{errorMessage(error)}</p>
      {details.length > 0 && (
        <ul className="fr-mb-0">
          {details.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
