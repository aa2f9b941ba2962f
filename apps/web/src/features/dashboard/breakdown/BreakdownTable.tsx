import { Link } from "react-router";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";
import { indicatorAnchor } from "../anchors.ts";
import { definitionsSummary } from "../cards/definitionsText.ts";
import { formatValue } from "../format.ts";
import { NoData } from "../NoData.tsx";
import type { BreakdownGroup, IndicatorValue } from "../types.ts";

type Props = {
  caption: string;
  /** Header of the first column: "Direction territoriale", "Atelier", "Mois". */
  groupHeader: string;
  groups: readonly BreakdownGroup[];
  indicators: readonly IndicatorValue[];
  /** Where a row leads one level down, or null when it leads nowhere the reader may go. */
  linkOf: (group: BreakdownGroup) => string | null;
  /** Added to each link for screen readers: "– voir le rapport". */
  linkHint?: string;
};

// The visually hidden texts stay inside the scrolling area, or they would widen the page on a phone.
const CONTAINED = { position: "relative" } as const;

/** The six indicators of each group, one row per group, each row leading down to the group's own dashboard. */
export function BreakdownTable({ caption, groupHeader, groups, indicators, linkOf, linkHint }: Props) {
  const named = indicators.filter((i) => (i.definitions?.length ?? 0) > 0);
  return (
    <>
      <ScrollTable caption={caption} className="fr-table--bordered fr-table--no-caption" tableStyle={CONTAINED}>
        <thead>
          <tr>
            <th scope="col" className="fr-cell--fixed">
              {groupHeader}
            </th>
            {indicators.map((i) => (
              <th key={i.code} scope="col">
                {i.code}
                <span className="fr-sr-only"> – {i.label}</span>
                <span className="fr-hint-text">{i.unit === "%" ? "en %" : "nombre"}</span>
              </th>
            ))}
            <th scope="col">Rapports comptés / attendus</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const to = linkOf(g);
            return (
              <tr key={g.key}>
                <th scope="row" className="fr-cell--fixed fr-cell--multiline">
                  {to ? (
                    <Link to={to}>
                      {g.label}
                      {linkHint && <span className="fr-sr-only"> {linkHint}</span>}
                    </Link>
                  ) : (
                    g.label
                  )}
                </th>
                {indicators.map((i) =>
                  g.completeness.included === 0 ? (
                    <td key={i.code}>
                      <NoData explanation="aucun rapport compté : ce n'est pas zéro" />
                    </td>
                  ) : (
                    <td key={i.code}>{formatValue(g.indicators.find((v) => v.code === i.code)?.value, i.unit)}</td>
                  ),
                )}
                <td>
                  {g.completeness.included.toLocaleString("fr-FR")} / {g.completeness.expected.toLocaleString("fr-FR")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
      {named.map((i) => (
        <DefinitionsNote key={i.code} indicator={i} />
      ))}
    </>
  );
}

/**
 * Under the table, for an indicator whose formula depends on the
 * questionnaire version: every row, like the whole, counts each report by
 * its own version. The figures of each definition are under its card.
 */
function DefinitionsNote({ indicator }: { indicator: IndicatorValue }) {
  const definitions = indicator.definitions ?? [];
  if (definitions.length < 2) {
    return (
      <p className="fr-text--sm fr-mb-1w">
        {indicator.code} – {definitionsSummary(definitions)}
      </p>
    );
  }
  return (
    <p className="fr-text--sm fr-mb-1w">
      {indicator.code} – {definitionsSummary(definitions)} Il en va de même dans chaque ligne.{" "}
      <a href={`#${indicatorAnchor(indicator.code)}`}>
        Définitions employées et leurs chiffres<span className="fr-sr-only"> (indicateur {indicator.code})</span>
      </a>
    </p>
  );
}
