import { Summary } from "@codegouvfr/react-dsfr/Summary";
import { SECTION_IDS } from "./anchors.ts";

type Props = { breakdownLabel: string; exports: boolean };

/** A long page: its summary lets a keyboard reach a section without tabbing through the ones before. */
export function OnThisPage({ breakdownLabel, exports }: Props) {
  const links = [
    { text: "Indicateurs du contrat", linkProps: { href: `#${SECTION_IDS.indicators}` } },
    { text: breakdownLabel, linkProps: { href: `#${SECTION_IDS.breakdown}` } },
    { text: "Autres chiffres", linkProps: { href: `#${SECTION_IDS.figures}` } },
    ...(exports ? [{ text: "Exports", linkProps: { href: `#${SECTION_IDS.exports}` } }] : []),
  ];
  return <Summary className="fr-my-3w" title="Sur cette page" links={links} />;
}
