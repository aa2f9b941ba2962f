import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { brandTop, homeLinkProps } from "./brand.tsx";

export function AppFooter() {
  return (
    <Footer
      id="pied-de-page"
      brandTop={brandTop}
      homeLinkProps={homeLinkProps}
      accessibility="non compliant"
      accessibilityLinkProps={{ to: "/accessibilite" }}
      contentDescription="Enquête atelier est la plateforme de Réseau Canopé où les directions d'atelier déclarent chaque mois leur activité, que les directions territoriales valident et dont la direction de l'ingénierie des services tire les indicateurs du contrat d'objectifs et de performance."
      domains={["reseau-canope.fr", "education.gouv.fr", "service-public.gouv.fr", "data.gouv.fr"]}
    />
  );
}
