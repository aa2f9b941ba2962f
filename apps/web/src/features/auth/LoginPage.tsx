import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { LoginForm } from "./LoginForm.tsx";
import { returnPathFrom } from "./returnPath.ts";

// DSFR colour token; its utility classes are not part of the stylesheets the app loads.
const ALT_BACKGROUND = { backgroundColor: "var(--background-alt-grey)" };

export function LoginPage() {
  useDocumentTitle("Connexion");
  const { user, signIn } = useSession();
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const returnTo = returnPathFrom(search);
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;

  if (user) return <Navigate to={returnTo} replace />;

  return (
    <div className="fr-container fr-container--fluid fr-mb-md-14v">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <div className="fr-container fr-px-md-0 fr-py-10v fr-py-md-14v fr-mt-4w" style={ALT_BACKGROUND}>
            <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--center">
              <div className="fr-col-12 fr-col-md-9 fr-col-lg-8">
                <PageHeading>Connexion à Enquête atelier</PageHeading>
                {expired && (
                  <Alert
                    className="fr-mb-4w"
                    severity="info"
                    small
                    description="Votre session a expiré. Reconnectez-vous pour reprendre là où vous en étiez."
                  />
                )}
                <LoginForm
                  onSignIn={async (body) => {
                    await signIn(body);
                    navigate(returnTo, { replace: true });
                  }}
                />
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
