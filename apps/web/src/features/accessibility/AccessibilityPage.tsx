import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { ContactAddress } from "../legal/ContactAddress.tsx";
import { usePublicContact } from "../legal/publicContact.ts";

/** The accessibility statement: honest about the absence of an audit so far. */
export function AccessibilityPage() {
  useDocumentTitle("Déclaration d'accessibilité");
  const { state, retry } = usePublicContact();
  return (
    <div className="fr-container fr-my-4w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <PageHeading>Déclaration d'accessibilité</PageHeading>
          <p>
            Réseau Canopé s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11
            février 2005.
          </p>
          <h2>État de conformité</h2>
          <p>
            Enquête atelier est <strong>non conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA) : aucun
            audit n'a encore été mené. Le service est construit avec le système de design de l'État, et chaque écran est vérifié au clavier
            et à 360 pixels de large.
          </p>
          <h2>Retour d'information et contact</h2>
          <p>
            Si vous ne parvenez pas à accéder à un contenu ou à une fonction, signalez-le à l'équipe nationale de la plateforme : elle vous
            proposera une autre façon d'y accéder ou d'obtenir l'information.
          </p>
          <ContactAddress state={state} retry={retry} lead="Écrivez à" />
          <h2>Voie de recours</h2>
          <p>
            Si vous nous avez signalé un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au Défenseur des
            droits ou contacter son délégué dans votre région.
          </p>
        </div>
      </div>
    </div>
  );
}
