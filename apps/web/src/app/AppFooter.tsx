import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
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
      // Opens the DSFR display settings (light, dark or system theme) that the Header provides.
      bottomItems={[headerFooterDisplayItem]}
      contentDescription="Enquête atelier est la plateforme de Réseau Canopé où les directions d'atelier déclarent chaque mois leur activité, que les directions territoriales valident et dont la direction de l'ingénierie des services tire les indicateurs du contrat d'objectifs et de performance."
      domains={["reseau-canope.fr", "education.gouv.fr", "service-public.gouv.fr", "data.gouv.fr"]}
    />
  );
}
