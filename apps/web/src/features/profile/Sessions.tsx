import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TSessionInfo } from "@enquete/contract";
import { useEffect, useRef, useState } from "react";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { accountApi } from "../../api/account.ts";
import { formatDateTime, plural } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useSession } from "../session/useSession.ts";

/** A positioned table keeps its screen-reader-only texts (absolutely placed) inside the scrolling frame, instead of widening the page on a phone. */
const SR_ONLY_INSIDE = { position: "relative" } as const;

type Outcome = { status: "done"; message: string; count: number } | { status: "failed"; error: unknown } | null;

const METHOD_LABELS: Record<TSessionInfo["method"], string> = { password: "par mot de passe", oidc: "par ProConnect" };

/**
 * "Sessions ouvertes": where the person is signed in (device, address, when),
 * so that a forgotten computer or a session they do not recognise can be
 * ended from here.
 */
export function Sessions({ version }: { version: number }) {
  const { signOut } = useSession();
  const [attempt, setAttempt] = useState(0);
  const { state, retry } = useApiData((signal) => accountApi.sessions(signal), [version, attempt]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, setPending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The list stays on screen while it reloads after an action, so that the page does not jump.
  const [shown, setShown] = useState<TSessionInfo[] | null>(null);
  useEffect(() => {
    if (state.status === "success") setShown(state.data);
  }, [state]);

  const act = async (action: () => Promise<void>, message: string) => {
    setPending(true);
    setOutcome(null);
    try {
      await action();
      setOutcome((previous) => ({ status: "done", message, count: (previous?.status === "done" ? previous.count : 0) + 1 }));
    } catch (error) {
      // Already gone (ended elsewhere, or expired): the list says so once reloaded.
      if (!(error instanceof ApiError && error.status === 404)) setOutcome({ status: "failed", error });
    } finally {
      setPending(false);
      setAttempt((n) => n + 1);
      // The button pressed may be gone with its row: the focus goes back to the section's title.
      headingRef.current?.focus();
    }
  };

  const signOutEverywhere = async () => {
    setPending(true);
    setOutcome(null);
    try {
      await signOut({ allDevices: true });
    } catch (error) {
      setOutcome({ status: "failed", error });
      setPending(false);
    }
  };

  const sessions = state.status === "success" ? state.data : (shown ?? []);
  const listed = state.status === "success" || shown !== null;
  const others = sessions.filter((s) => !s.current);

  return (
    <section aria-labelledby="sessions" className="fr-mt-6w" aria-busy={state.status === "loading"}>
      <h2 id="sessions" ref={headingRef} tabIndex={-1} className="fr-h4">
        Sessions ouvertes
      </h2>
      <p>
        Les appareils et navigateurs où vous êtes connecté·e. Si vous n'en reconnaissez pas un, terminez sa session et changez votre mot de
        passe.
      </p>
      {/* The live region is always in the page, so that each new message in it is announced. */}
      <div role="status" aria-live="polite">
        {outcome?.status === "done" && (
          <div key={outcome.count} className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
            <p>{outcome.message}</p>
          </div>
        )}
      </div>
      {outcome?.status === "failed" && (
        <Alert className="fr-mb-3w" role="alert" small severity="error" description={errorMessage(outcome.error)} />
      )}
      {state.status === "loading" && !listed && <Loading label="Chargement de vos sessions…" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} title="Impossible de charger vos sessions" />}
      {listed && (
        <ScrollTable caption="Vos sessions ouvertes" className="fr-table--no-caption" tableStyle={SR_ONLY_INSIDE} focusable>
          <thead>
            <tr>
              <th scope="col">Appareil</th>
              <th scope="col">Adresse</th>
              <th scope="col">Ouverte le</th>
              <th scope="col">Dernière activité</th>
              <th scope="col">
                <span className="fr-sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.device}
                  <br />
                  <span className="fr-hint-text">{`Connexion ${METHOD_LABELS[s.method]}`}</span>
                </td>
                <td>{s.address ?? "Inconnue"}</td>
                <td>{formatDateTime(s.startedAt)}</td>
                <td>{formatDateTime(s.lastUsedAt)}</td>
                <td>
                  {s.current ? (
                    <Badge as="span" small severity="info" noIcon>
                      Cette session
                    </Badge>
                  ) : (
                    <Button
                      priority="tertiary"
                      size="small"
                      disabled={pending}
                      onClick={() => void act(() => accountApi.endSession(s.id), `La session ${s.device} est terminée.`)}
                    >
                      Terminer
                      <span className="fr-sr-only">{` la session ${s.device} ouverte le ${formatDateTime(s.startedAt)}`}</span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {listed && others.length === 0 && <p className="fr-hint-text">Aucune autre session n'est ouverte.</p>}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--left">
        {others.length > 0 && (
          <li>
            <Button
              priority="secondary"
              disabled={pending}
              onClick={() =>
                void act(
                  () => accountApi.endOtherSessions(),
                  others.length > 1
                    ? `Vos ${plural(others.length, "autre session", "autres sessions")} sont terminées.`
                    : "Votre autre session est terminée.",
                )
              }
            >
              Terminer toutes les autres sessions
            </Button>
          </li>
        )}
        <li>
          <Button priority="secondary" iconId="fr-icon-logout-box-r-line" disabled={pending} onClick={() => void signOutEverywhere()}>
            Se déconnecter de tous les appareils
          </Button>
        </li>
      </ul>
    </section>
  );
}
