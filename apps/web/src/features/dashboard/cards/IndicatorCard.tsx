import { useId } from "react";
import { indicatorAnchor } from "../anchors.ts";
import { CumulativeChart } from "../chart/CumulativeChart.tsx";
import { thinLastMonth } from "../chart/chartText.ts";
import { buildSeries } from "../chart/series.ts";
import { yearName } from "../settings.ts";
import type { DashboardData, IndicatorValue } from "../types.ts";
import { IndicatorFiche } from "./IndicatorFiche.tsx";
import { IndicatorFigures } from "./IndicatorFigures.tsx";

type Props = { indicator: IndicatorValue; data: DashboardData };

/** One contract indicator, as a DSFR card: its figures and its fiche beside the curve of its year. */
export function IndicatorCard({ indicator, data }: Props) {
  const headingId = useId();
  const { scope, settings, indicators, months, distanceLearning } = data;
  const series = buildSeries({
    code: indicator.code,
    settings,
    months: months.groups,
    ...(indicator.target === undefined ? {} : { target: indicator.target }),
    ...(indicator.parts ? { extra: distanceLearning } : {}),
  });
  const thinMonth = thinLastMonth(series);

  return (
    <article id={indicatorAnchor(indicator.code)} className="fr-card fr-card--no-arrow fr-mb-3w" aria-labelledby={headingId}>
      <div className="fr-card__body">
        <div className="fr-card__content fr-pb-3w">
          <h3 id={headingId} className="fr-h5 fr-mb-0">
            {indicator.code} – {indicator.label}
          </h3>
          <div className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
            <div className="fr-col-12 fr-col-lg-5">
              <IndicatorFigures
                indicator={indicator}
                scope={scope}
                settings={settings}
                periodLabel={indicators.periodLabel}
                completeness={indicators.completeness}
                distanceLearning={indicators.distanceLearning}
                distanceLearningMonths={distanceLearning}
                thinMonth={thinMonth}
              />
              <IndicatorFiche indicator={indicator} />
            </div>
            <div className="fr-col-12 fr-col-lg-7">
              <CumulativeChart
                series={series}
                unit={indicator.unit}
                subject={`${indicator.code}, ${yearName(settings.year, settings.yearType)}`}
                basis={settings.basis}
              />
            </div>
          </div>
        </div>
      </div>
    </article>
  );
}
