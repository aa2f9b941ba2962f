import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { accountApi } from "../../api/account.ts";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { AuthPanel } from "./AuthPanel.tsx";
import { LoginForm } from "./LoginForm.tsx";
import { returnPathFrom } from "./returnPath.ts";

/** Why the single sign-on sent the person back here (`?sso=`), as the API's callback says it. */
const SSO_FAILURES: Record<string, { title: string; description: string }> = {
  inconnu: {
    title: "Aucun compte pour cette adresse",
    description:
      "Aucun compte actif ne correspond à votre adresse ProConnect. Demandez à l'administration de la plateforme de vous ouvrir un compte.",
  },
  erreur: {
    title: "Connexion avec ProConnect impossible",
    description:
      "La connexion avec ProConnect n'a pas abouti. Réessayez dans un instant, ou connectez-vous avec votre adresse électronique et votre mot de passe.",
  },
};

type LoginState = { expired?: boolean; passwordSet?: boolean } | null;

export function LoginPage() {
  useDocumentTitle("Connexion");
  const { user, signIn } = useSession();
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const returnTo = returnPathFrom(search);
  const state = location.state as LoginState;
  const ssoFailure = SSO_FAILURES[search.get("sso") ?? ""];
  // The form never waits for this: the button appears when the answer comes, and not at all if it fails.
  const { state: options } = useApiData((signal) => accountApi.options(signal), []);
  const sso = options.status === "success" && options.data.oidc.enabled;

  if (user) return <Navigate to={returnTo} replace />;

  return (
    <AuthPanel>
      <PageHeading>Connexion à Enquête atelier</PageHeading>
      {state?.passwordSet === true && (
        <Alert
          className="fr-mb-4w"
          severity="success"
          as="h2"
          title="Votre mot de passe est enregistré"
          description="Connectez-vous avec votre adresse électronique et ce nouveau mot de passe."
        />
      )}
      {state?.expired === true && (
        <Alert
          className="fr-mb-4w"
          severity="info"
          small
          description="Votre session a expiré. Reconnectez-vous pour reprendre là où vous en étiez."
        />
      )}
      {ssoFailure && <Alert className="fr-mb-4w" severity="error" as="h2" title={ssoFailure.title} description={ssoFailure.description} />}
      {sso && (
        <section aria-label="Se connecter avec ProConnect" className="fr-mb-4w">
          <ProConnectButton url={`/api/auth/oidc/login?${new URLSearchParams({ returnTo })}`} />
          <p className="fr-hr-or fr-mt-2w">ou</p>
        </section>
      )}
      <LoginForm
        onSignIn={async (body) => {
          await signIn(body);
          navigate(returnTo, { replace: true });
        }}
      />
    </AuthPanel>
  );
}
