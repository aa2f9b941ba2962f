import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import type { IndicatorValue } from "../types.ts";

const ROWS = [
  ["contractTitle", "Intitulé dans le contrat"],
  ["signification", "Signification"],
  ["perimetre", "Périmètre"],
  ["modeDeCalcul", "Mode de calcul"],
  ["source", "Source"],
] as const;

/** The contract's "fiche indicateur", folded beside the figure it explains. */
export function IndicatorFiche({ indicator }: { indicator: IndicatorValue }) {
  return (
    <Accordion label={`Fiche de l'indicateur ${indicator.code}`} titleAs="h4">
      <dl className="fr-text--sm fr-mb-0">
        {ROWS.map(([key, term]) => (
          <div key={key} className="fr-mb-2w">
            <dt className="fr-text--bold">{term}</dt>
            <dd className="fr-m-0">{indicator.fiche[key]}</dd>
          </div>
        ))}
      </dl>
    </Accordion>
  );
}
