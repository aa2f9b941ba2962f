import { Button } from "@codegouvfr/react-dsfr/Button";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";

/** DSFR's "page not found" pattern, for any address the app does not know. */
export function NotFoundPage() {
  useDocumentTitle("Page non trouvée");
  return (
    <div className="fr-container">
      <div className="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
        <div className="fr-py-0 fr-col-12 fr-col-md-6">
          <PageHeading>Page non trouvée</PageHeading>
          <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
          <p className="fr-text--lead fr-mb-3w">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
          <p className="fr-text--sm fr-mb-5w">
            Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus disponible.
            <br />
            Dans ce cas, pour continuer votre visite vous pouvez consulter notre page d'accueil.
          </p>
          <Button linkProps={{ to: "/" }}>Page d'accueil</Button>
        </div>
      </div>
    </div>
  );
}
