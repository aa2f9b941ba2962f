import { canExportDashboard, canExportReports, type IndicatorScope } from "@enquete/domain";
import { Loading } from "../../shared/Loading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { SECTION_IDS } from "./anchors.ts";
import { BreakdownBars } from "./breakdown/BreakdownBars.tsx";
import { BreakdownTable } from "./breakdown/BreakdownTable.tsx";
import { CompletenessNotice } from "./CompletenessNotice.tsx";
import { IndicatorCard } from "./cards/IndicatorCard.tsx";
import { DashboardFilters } from "./DashboardFilters.tsx";
import { ExportLinks } from "./ExportLinks.tsx";
import { FiguresTable } from "./figures/FiguresTable.tsx";
import { loadDashboard } from "./loadDashboard.ts";
import { OnThisPage } from "./OnThisPage.tsx";
import { ScopeError } from "./ScopeError.tsx";
import type { BreakdownGroup, DashboardData } from "./types.ts";
import { useDashboardSettings } from "./useDashboardSettings.ts";
import { useGrants } from "./useGrants.ts";

export type DrillDown = {
  /** Header of the breakdown's first column: "Direction territoriale", "Atelier", "Mois". */
  groupHeader: string;
  /** Where a row leads, given the address's settings ("?annee=2025"); null: nowhere the reader may go. */
  linkOf: (group: BreakdownGroup, search: string) => string | null;
  linkHint?: string;
  /** Bars across the groups (territories, ateliers); the months already have their curves. */
  bars: boolean;
};

type Props = { scope: IndicatorScope; drillDown: DrillDown };

/** A scope's dashboard: the settings, then the indicators, the breakdown one level down, the other figures and the exports. */
export function Dashboard({ scope, drillDown }: Props) {
  const { settings, search, change } = useDashboardSettings();
  const scopeKey = scope.kind === "national" ? "national" : `${scope.kind}:${scope.code}`;
  const { state, retry } = useApiData(
    (signal) => loadDashboard(scope, settings, signal),
    [scopeKey, settings.year, settings.yearType, settings.basis],
  );

  return (
    <div aria-busy={state.status === "loading"}>
      <DashboardFilters settings={settings} onChange={change} />
      {state.status === "loading" && <Loading label="Calcul des indicateurs…" />}
      {state.status === "error" && <ScopeError error={state.error} onRetry={retry} />}
      {state.status === "success" && <DashboardBody data={state.data} drillDown={drillDown} search={search} />}
    </div>
  );
}

function DashboardBody({ data, drillDown, search }: { data: DashboardData; drillDown: DrillDown; search: string }) {
  const grants = useGrants();
  const exports = canExportReports(grants) || canExportDashboard(grants);
  const { indicators } = data;
  const groups = indicators.breakdown?.groups ?? [];
  const breakdownLabel = indicators.breakdown?.label ?? "Détail";
  return (
    <>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <CompletenessNotice indicators={indicators} />
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <OnThisPage breakdownLabel={breakdownLabel} exports={exports} />
        </div>
      </div>
      <section aria-labelledby={`${SECTION_IDS.indicators}-titre`} id={SECTION_IDS.indicators}>
        <h2 id={`${SECTION_IDS.indicators}-titre`}>Indicateurs du contrat d'objectifs et de performance</h2>
        {indicators.indicators.map((i) => (
          <IndicatorCard key={i.code} indicator={i} data={data} />
        ))}
      </section>
      <section aria-labelledby={`${SECTION_IDS.breakdown}-titre`} id={SECTION_IDS.breakdown} className="fr-mt-6w">
        <h2 id={`${SECTION_IDS.breakdown}-titre`}>{breakdownLabel}</h2>
        {drillDown.bars && groups.length > 1 && <BreakdownBars groups={groups} indicators={indicators.indicators} />}
        <BreakdownTable
          caption={`${breakdownLabel} – ${indicators.scopeLabel}, ${indicators.periodLabel}`}
          groupHeader={drillDown.groupHeader}
          groups={groups}
          indicators={indicators.indicators}
          linkOf={(g) => drillDown.linkOf(g, search)}
          {...(drillDown.linkHint ? { linkHint: drillDown.linkHint } : {})}
        />
      </section>
      <section aria-labelledby={`${SECTION_IDS.figures}-titre`} id={SECTION_IDS.figures} className="fr-mt-6w">
        <h2 id={`${SECTION_IDS.figures}-titre`}>Autres chiffres</h2>
        <FiguresTable indicators={indicators} caption={`Autres chiffres – ${indicators.scopeLabel}, ${indicators.periodLabel}`} />
      </section>
      {exports && <ExportLinks settings={data.settings} />}
    </>
  );
}
