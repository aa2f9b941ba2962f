import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TCompleteness, TIndicators } from "@enquete/contract";
import { hasRole, type IndicatorScope, periodLabel as monthLabel } from "@enquete/domain";
import { Link } from "react-router";
import { TARGETS_PATH } from "../../targets/paths.ts";
import { monthCompleteness, THIN_WARNING } from "../chart/chartText.ts";
import type { MonthPoint } from "../chart/series.ts";
import { DistanceLearningGap } from "../DistanceLearningGap.tsx";
import { completenessSentence, formatIndicatorValue, formatNumber, formatPercent, formatValue, hasNoData } from "../format.ts";
import { NO_DATA, NoData } from "../NoData.tsx";
import type { DashboardSettings } from "../settings.ts";
import type { IndicatorValue } from "../types.ts";
import { useGrants } from "../useGrants.ts";
import { termsOrigin } from "./definitionsText.ts";
import { IndicatorDefinitions } from "./IndicatorDefinitions.tsx";
import { noTargetReason, targetIsMissing, targetTerm } from "./targetText.ts";
import { yearBeforeLine } from "./yearBefore.ts";

type Props = {
  indicator: IndicatorValue;
  scope: IndicatorScope;
  settings: DashboardSettings;
  periodLabel: string;
  completeness: TCompleteness;
  distanceLearning: TIndicators["distanceLearning"];
  /** National FOAD totals per month entered (national scope only). */
  distanceLearningMonths: ReadonlyMap<string, number>;
  /** A snapshot's last month when it is thin (chartText.thinLastMonth): the headline warns of it. */
  thinMonth?: MonthPoint | null;
};

/** The value of the period, its target and baseline, the share of the target reached, and what it is made of. */
export function IndicatorFigures({
  indicator,
  scope,
  settings,
  periodLabel,
  completeness,
  distanceLearning,
  distanceLearningMonths,
  thinMonth,
}: Props) {
  const reason = noTargetReason(indicator, scope, settings);
  const national = hasRole(useGrants(), "national");
  const named = (indicator.definitions?.length ?? 0) > 0;
  return (
    <>
      <dl className="fr-mb-2w fr-pl-0">
        <div>
          <dt className="fr-text--sm fr-mb-0">Valeur, {periodLabel}</dt>
          <dd className={`fr-h2 fr-m-0 fr-pl-0 ${named ? "fr-mb-1w" : "fr-mb-2w"}`}>
            {hasNoData(indicator.value, completeness.included) ? (
              <NoData />
            ) : (
              formatIndicatorValue(indicator.code, indicator.value, indicator.unit)
            )}
          </dd>
          {thinMonth && thinMonth.cumulative !== null && (
            <dd className="fr-m-0 fr-mb-2w fr-pl-0">
              <Alert
                small
                severity="warning"
                description={
                  <>
                    <strong>{THIN_WARNING}.</strong> Dernier mois compté, {monthLabel(thinMonth.period)} :{" "}
                    {formatValue(thinMonth.cumulative, indicator.unit)} {monthCompleteness(thinMonth, settings.basis)}. La valeur de la
                    période reprend le dernier rapport compté de chaque atelier.
                  </>
                }
              />
            </dd>
          )}
          {/* A second description of the same term: what the value rests on, read right after it. */}
          {named && (
            <dd className="fr-m-0 fr-mb-2w fr-pl-0">
              <IndicatorDefinitions definitions={indicator.definitions} unit={indicator.unit} />
            </dd>
          )}
        </div>
        <YearBefore indicator={indicator} />
        {(indicator.target !== undefined || scope.kind === "national") && (
          <Term term={targetTerm(scope, settings.year)}>
            {indicator.target === undefined ? "aucune" : formatIndicatorValue(indicator.code, indicator.target, indicator.unit)}
          </Term>
        )}
        {indicator.baseline !== undefined && (
          <Term term={`Valeur de référence ${indicator.baselineYear ?? ""}`.trim()}>
            {formatIndicatorValue(indicator.code, indicator.baseline, indicator.unit)}
          </Term>
        )}
        {indicator.reached !== undefined && (
          <Term term={scope.kind === "national" ? "Part de la cible atteinte" : "Part de la cible nationale atteinte"}>
            {indicator.reached === null
              ? hasNoData(indicator.value, completeness.included)
                ? NO_DATA
                : "non calculable"
              : formatPercent(indicator.reached)}
          </Term>
        )}
      </dl>
      {reason && (
        <p className="fr-text--sm fr-hint-text">
          {reason}
          {national && targetIsMissing(indicator, scope, settings) && (
            <>
              {" "}
              <Link to={TARGETS_PATH}>
                Fixer les cibles<span className="fr-sr-only"> de {settings.year}</span>
              </Link>
            </>
          )}
        </p>
      )}
      {indicator.numerator !== undefined && indicator.denominator !== undefined && (
        <p className="fr-text--sm fr-mb-1w">
          Soit {formatNumber(indicator.numerator)} sur {formatNumber(indicator.denominator)} ({termsOrigin(indicator.definitions)}).
        </p>
      )}
      {indicator.parts && (
        <>
          <p className="fr-text--sm fr-mb-0">Dont :</p>
          <ul className="fr-text--sm fr-mb-1w">
            {indicator.parts.map((p) => (
              <li key={p.code}>
                {p.label} :{" "}
                {partHasNoData(p.code, completeness.included, distanceLearning?.months ?? 0) ? (
                  <NoData
                    explanation={
                      p.code === "ateliers" ? "aucun rapport compté : ce n'est pas zéro" : "aucun mois saisi : ce n'est pas zéro"
                    }
                  />
                ) : (
                  formatNumber(p.value)
                )}
              </li>
            ))}
          </ul>
          {distanceLearning && (
            <DistanceLearningGap
              entered={distanceLearning.months}
              months={distanceLearningMonths}
              settings={settings}
              canEnter={national}
            />
          )}
        </>
      )}
      <p className="fr-text--sm fr-mb-2w">{completenessSentence(completeness, settings.basis)}.</p>
    </>
  );
}

/** The ateliers' part without any report counted, or the FOAD parts without any month entered, are missing, not 0. */
function partHasNoData(code: string, included: number, foadMonths: number): boolean {
  return code === "ateliers" ? included === 0 : foadMonths === 0;
}

/** "Un an plus tôt : 2 345 en 2024 · +12,3 %", the signs said in words to a screen reader. */
function YearBefore({ indicator }: { indicator: IndicatorValue }) {
  const line = yearBeforeLine(indicator);
  if (!line) return null;
  const change = line.change;
  return (
    <div className="fr-text--sm fr-mb-1v">
      <dt style={{ display: "inline" }}>Un an plus tôt : </dt>
      <dd style={{ display: "inline" }} className="fr-m-0">
        <span className="fr-text--bold">{line.value}</span>
        {change &&
          ("none" in change ? (
            ` · ${change.none}`
          ) : (
            <>
              {" · "}
              <span aria-hidden="true" className="fr-text--bold">
                {change.shown}
              </span>
              <span className="fr-sr-only">{change.said}</span>
            </>
          ))}
      </dd>
    </div>
  );
}

function Term({ term, children }: { term: string; children: string }) {
  return (
    <div className="fr-text--sm fr-mb-1v">
      <dt style={{ display: "inline" }}>{term} : </dt>
      <dd style={{ display: "inline" }} className="fr-m-0 fr-text--bold">
        {children}
      </dd>
    </div>
  );
}
