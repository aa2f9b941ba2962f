import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { brandTop, homeLinkProps, operatorLogo } from "./brand.tsx";

/**
 * The pages a public service owes, reachable from every page. This version of
 * react-dsfr has a prop for the legal notice only: personal data and cookies
 * are bottom items, in the order the DSFR gives them.
 */
export function AppFooter() {
  return (
    <Footer
      id="pied-de-page"
      brandTop={brandTop}
      homeLinkProps={homeLinkProps}
      operatorLogo={operatorLogo}
      accessibility="non compliant"
      accessibilityLinkProps={{ to: "/accessibilite" }}
      termsLinkProps={{ to: "/mentions-legales" }}
      bottomItems={[
        { text: "Données personnelles", linkProps: { to: "/donnees-personnelles" } },
        { text: "Gestion des cookies", linkProps: { to: "/gestion-des-cookies" } },
        { text: "Aide", linkProps: { to: "/aide" } },
        { text: "Contact", linkProps: { to: "/contact" } },
        { text: "Données ouvertes", linkProps: { to: "/donnees-ouvertes" } },
        // Opens the DSFR display settings (light, dark or system theme) that the Header provides.
        headerFooterDisplayItem,
      ]}
      contentDescription="Enquête atelier est la plateforme de Réseau Canopé où les directions d'atelier déclarent chaque mois leur activité, que les directions territoriales valident et dont la direction de l'ingénierie des services tire les indicateurs du contrat d'objectifs et de performance."
      domains={["reseau-canope.fr", "education.gouv.fr", "service-public.gouv.fr", "data.gouv.fr"]}
    />
  );
}
