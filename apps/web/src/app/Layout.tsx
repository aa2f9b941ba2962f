import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Suspense, useState } from "react";
import { Outlet } from "react-router";
import { errorMessage } from "../api/ApiError.ts";
import { useSession } from "../features/session/useSession.ts";
import { LoadError } from "../shared/LoadError.tsx";
import { Loading } from "../shared/Loading.tsx";
import { AppFooter } from "./AppFooter.tsx";
import { AppHeader } from "./AppHeader.tsx";

export function Layout() {
  const { state, signOut, reload } = useSession();
  const [signOutError, setSignOutError] = useState<unknown>(null);

  const onSignOut = () => {
    setSignOutError(null);
    signOut().catch(setSignOutError);
  };

  return (
    <>
      <SkipLinks
        links={[
          { label: "Contenu", anchor: "#contenu" },
          { label: "Pied de page", anchor: "#pied-de-page" },
        ]}
      />
      <AppHeader onSignOut={onSignOut} />
      <main id="contenu" tabIndex={-1} className="fr-pb-8w">
        {signOutError !== null && (
          <div className="fr-container fr-mt-4w">
            <Alert
              severity="error"
              title="Déconnexion impossible"
              description={errorMessage(signOutError)}
              closable
              onClose={() => setSignOutError(null)}
            />
          </div>
        )}
        {state.status === "loading" && (
          <div className="fr-container">
            <Loading label="Vérification de votre session…" />
          </div>
        )}
        {state.status === "error" && (
          <div className="fr-container">
            <LoadError as="h2" title="Impossible de vérifier votre session" error={state.error} onRetry={reload} />
          </div>
        )}
        {state.status === "ready" && (
          <Suspense
            fallback={
              <div className="fr-container">
                <Loading />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        )}
      </main>
      <AppFooter />
    </>
  );
}
