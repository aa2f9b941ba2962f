import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import type { TIndicators } from "@enquete/contract";
import { plural } from "../../shared/format.ts";
import { completenessSentence, formatShare } from "./format.ts";

/** What the figures are made of, first: a period half reported must not be read as a fall. */
export function CompletenessNotice({ indicators }: { indicators: TIndicators }) {
  const c = indicators.completeness;
  const share = formatShare(c.included, c.expected);
  const missing = c.expected - c.included;
  const waiting = c.submitted - c.validated;
  return (
    <CallOut
      className="fr-my-3w"
      title={
        indicators.basis === "official" ? "Chiffres officiels : rapports validés" : "Chiffres provisoires : rapports soumis et validés"
      }
      titleAs="p"
    >
      {completenessSentence(c, indicators.basis)}
      {share && ` (${share})`}, {indicators.periodLabel}.
      {missing > 0 &&
        ` ${plural(missing, "rapport attendu manque", "rapports attendus manquent")} : une période incomplète n'est pas une baisse d'activité.`}
      {indicators.basis === "official" && waiting > 0 && ` ${waitingSentence(waiting)}`}
    </CallOut>
  );
}

function waitingSentence(count: number): string {
  return count === 1
    ? "1 rapport soumis attend sa validation : les chiffres provisoires le comptent déjà."
    : `${count.toLocaleString("fr-FR")} rapports soumis attendent leur validation : les chiffres provisoires les comptent déjà.`;
}
