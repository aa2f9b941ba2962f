import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { IndicatorBasis } from "@enquete/domain";
import { useId } from "react";
import { ChartDataTable } from "./ChartDataTable.tsx";
import { ChartSvg } from "./ChartSvg.tsx";
import { CURVE_LEGENDS, CURVE_TITLES, curveSummary, THIN_WARNING, thinLastMonth, trajectoryLegend } from "./chartText.ts";
import type { Series } from "./series.ts";
import { useElementWidth } from "./useElementWidth.ts";

type Props = {
  series: Series;
  unit: "nombre" | "%";
  /** "Sessions de co-design, 2025": names the figure and its table. */
  subject: string;
  /** What the figures count: the completeness of a thin month says it. */
  basis: IndicatorBasis;
};

const SWATCH = { width: 28, height: 10 };

/**
 * The curve of the year against the target, as a figure: a title, the
 * drawing, a legend in words and line styles (not colour alone), a sentence
 * with where it ends, and the same numbers as a table.
 */
export function CumulativeChart({ series, unit, subject, basis }: Props) {
  const captionId = useId();
  const summaryId = useId();
  const [ref, width] = useElementWidth<HTMLDivElement>(560);
  const targetShown = series.points.some((p) => p.trajectory !== null);
  const title = `${CURVE_TITLES[series.kind]} – ${subject}`;

  return (
    <figure className="fr-m-0" aria-labelledby={captionId} aria-describedby={summaryId}>
      <figcaption id={captionId} className="fr-text--bold fr-mb-1w">
        {title}
      </figcaption>
      <div ref={ref} style={{ width: "100%", overflow: "hidden" }}>
        <ChartSvg series={series} width={width} unit={unit} />
      </div>
      <ul className="fr-raw-list fr-text--sm fr-mt-1w fr-mb-1w">
        <li>
          <svg {...SWATCH} aria-hidden="true" focusable="false" className="fr-mr-1w">
            <line x1={0} x2={28} y1={5} y2={5} style={{ stroke: "var(--text-action-high-blue-france)" }} strokeWidth={2.5} />
            <circle cx={14} cy={5} r={3.5} style={{ fill: "var(--text-action-high-blue-france)" }} />
          </svg>
          {CURVE_LEGENDS[series.kind]}
        </li>
        {targetShown && (
          <li>
            <svg {...SWATCH} aria-hidden="true" focusable="false" className="fr-mr-1w">
              <line x1={0} x2={28} y1={5} y2={5} style={{ stroke: "var(--text-default-error)" }} strokeWidth={2} strokeDasharray="6 4" />
            </svg>
            {trajectoryLegend(series.kind)}
          </li>
        )}
      </ul>
      <p id={summaryId} className="fr-text--sm fr-mb-1w">
        {curveSummary(series, unit, basis)}
        {thinLastMonth(series) && (
          <>
            {" "}
            <Badge as="span" severity="warning" small>
              {THIN_WARNING}
            </Badge>
          </>
        )}
      </p>
      <Accordion label="Données du graphique (tableau)" titleAs="h4">
        <ChartDataTable series={series} unit={unit} caption={title} targetShown={targetShown} />
      </Accordion>
    </figure>
  );
}
