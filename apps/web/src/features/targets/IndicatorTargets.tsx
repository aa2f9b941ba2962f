import type { TTarget } from "@enquete/contract";
import { type IndicatorDef, reachedRate } from "@enquete/domain";
import { useId } from "react";
import { Link } from "react-router";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { formatIndicatorValue, formatPercent, hasNoData } from "../dashboard/format.ts";
import { NoData } from "../dashboard/NoData.tsx";
import { DASHBOARD_PATH } from "../dashboard/paths.ts";
import type { YearValues } from "./loadTargets.ts";
import { TargetEditor } from "./TargetEditor.tsx";

type Props = {
  indicator: IndicatorDef;
  years: readonly number[];
  targets: readonly TTarget[];
  values: YearValues;
  currentYear: number;
  editable: boolean;
  onSaved: (target: TTarget) => void;
};

/** One indicator: a row per year, its target (or reference value) beside the national value of that year. */
export function IndicatorTargets({ indicator, years, targets, values, currentYear, editable, onSaved }: Props) {
  const headingId = useId();
  const own = targets.filter((t) => t.indicatorCode === indicator.code);
  return (
    <section aria-labelledby={headingId} className="fr-mt-5w">
      <h2 id={headingId} className="fr-h4">
        {indicator.code} – {indicator.label}
      </h2>
      <p className="fr-text--sm fr-mb-1w">
        {indicator.unit === "%" ? "Indicateur en % : cibles et valeurs sont des pourcentages." : "Indicateur en nombre."}
      </p>
      <ScrollTable
        caption={`${indicator.code} : cibles et valeurs nationales par année`}
        className="fr-table--bordered fr-table--no-caption"
      >
        <thead>
          <tr>
            <th scope="col">Année</th>
            <th scope="col">Cible ou valeur de référence</th>
            <th scope="col">Valeur nationale (chiffres officiels)</th>
            <th scope="col">Part de la cible atteinte</th>
          </tr>
        </thead>
        <tbody>
          {years.map((year) => {
            const saved = own.find((t) => t.year === year);
            const figures = values.get(year);
            const value = figures?.indicators.find((i) => i.code === indicator.code)?.value;
            const included = figures?.completeness.included ?? 0;
            const reached = year < currentYear && saved && !saved.isBaseline ? reachedRate(value ?? null, saved.value) : null;
            return (
              <tr key={year}>
                <th scope="row">
                  {year}
                  {saved?.isBaseline && <span className="fr-hint-text">référence</span>}
                  {year === currentYear && <span className="fr-hint-text">année en cours</span>}
                </th>
                <td>
                  {editable ? (
                    <TargetEditor indicator={indicator} year={year} saved={saved} onSaved={onSaved} />
                  ) : saved ? (
                    `${saved.isBaseline ? "Référence : " : ""}${formatIndicatorValue(indicator.code, saved.value, indicator.unit)}`
                  ) : (
                    "aucune"
                  )}
                </td>
                <td>
                  {year > currentYear ? (
                    "année à venir"
                  ) : figures === undefined ? (
                    <Link to={`${DASHBOARD_PATH}?annee=${year}`}>
                      Voir le tableau de bord {year}
                      <span className="fr-sr-only"> (indicateur {indicator.code})</span>
                    </Link>
                  ) : hasNoData(value, included) ? (
                    <NoData explanation={`aucun rapport validé n'est compté pour ${year} : ce n'est pas zéro`} />
                  ) : (
                    <>
                      {formatIndicatorValue(indicator.code, value, indicator.unit)}
                      {year === currentYear && <span className="fr-hint-text">à ce jour</span>}
                    </>
                  )}
                </td>
                <td>{reached === null ? "–" : formatPercent(reached)}</td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
    </section>
  );
}
