import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TCampaign } from "@enquete/contract";
import { formatPeriod, periodOfDate } from "@enquete/domain";
import { useId, useMemo } from "react";
import { useSearchParams } from "react-router";
import { fetchCampaign } from "../../api/campaign.ts";
import { formatDayNumber } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { CampaignGrid } from "./CampaignGrid.tsx";
import { CampaignLegend } from "./CampaignLegend.tsx";
import { LateReports } from "./LateReports.tsx";
import { RatesTable } from "./RatesTable.tsx";
import { campaignYear, campaignYears, YEAR_PARAM } from "./years.ts";

type Props = {
  territoryCode?: string;
  /** Changes when reports changed elsewhere on the page (a batch validation): the grid is loaded again. */
  refreshKey?: number;
};

/**
 * The campaign of a year: reporting rates, the grid of every atelier by month,
 * and the late reports. For the whole network, or one territory when given.
 */
export function CampaignView({ territoryCode, refreshKey = 0 }: Props) {
  const headingId = useId();
  const [search, setSearch] = useSearchParams();
  const years = useMemo(() => campaignYears(), []);
  const year = campaignYear(search.get(YEAR_PARAM), years);
  const { state, retry } = useApiData(
    async (signal) => byName(await fetchCampaign(year, territoryCode, signal)),
    [year, territoryCode, refreshKey],
  );

  const onYearChange = (value: string) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(YEAR_PARAM, value);
        return next;
      },
      { replace: true },
    );

  return (
    <section aria-labelledby={headingId} aria-busy={state.status === "loading"} className="fr-mt-6w">
      <h3 id={headingId} className="fr-h4">
        Suivi de la campagne
      </h3>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <Select label="Année" nativeSelectProps={{ value: String(year), onChange: (e) => onYearChange(e.target.value) }}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {state.status === "loading" && <Loading label="Chargement du suivi de la campagne…" />}
      {state.status === "error" && (
        <LoadError as="h4" title="Impossible de charger le suivi de la campagne" error={state.error} onRetry={retry} />
      )}
      {state.status === "success" && <CampaignBody campaign={state.data} national={territoryCode === undefined} />}
    </section>
  );
}

/** Territories in French alphabetical order ("Île-de-France" among the I's), as everywhere in the app. */
function byName(campaign: TCampaign): TCampaign {
  return { ...campaign, territories: [...campaign.territories].sort((a, b) => a.name.localeCompare(b.name, "fr")) };
}

function CampaignBody({ campaign, national }: { campaign: TCampaign; national: boolean }) {
  const currentPeriod = formatPeriod(periodOfDate(campaign.today));
  const territoryNames = useMemo(() => new Map(campaign.territories.map((t) => [t.code, t.name])), [campaign]);
  return (
    <>
      <h4 className="fr-h5 fr-mt-4w">Taux de réponse</h4>
      <p className="fr-hint-text">
        Un mois est attendu une fois terminé ; son rapport est dû le {formatDayNumber(campaign.dueDay)} du mois suivant.
      </p>
      <RatesTable campaign={campaign} showNation={national} />
      <h4 className="fr-h5 fr-mt-4w">Rapports par atelier et par mois</h4>
      <CampaignLegend />
      <CampaignGrid campaign={campaign} currentPeriod={currentPeriod} />
      <h4 className="fr-h5 fr-mt-4w">Rapports en retard</h4>
      <LateReports campaign={campaign} territoryNames={national ? territoryNames : null} />
    </>
  );
}
