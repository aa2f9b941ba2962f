import { Link } from "react-router";
import { api } from "../../../api/client.ts";
import { plural } from "../../../shared/format.ts";
import { LoadError } from "../../../shared/LoadError.tsx";
import { Loading } from "../../../shared/Loading.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { CampaignView } from "../../campaign/CampaignView.tsx";
import { DASHBOARD_PATH } from "../../dashboard/paths.ts";
import { DISTANCE_LEARNING_PATH } from "../../distance-learning/paths.ts";
import { SETTINGS_PATH } from "../../settings/paths.ts";
import { TARGETS_PATH } from "../../targets/paths.ts";
import { labelSummary } from "../tables/labelSummary.ts";
import { TerritoriesTable } from "../tables/TerritoriesTable.tsx";
import { Section } from "./Section.tsx";

/** The whole network: for the DIS, and read-only for the tutelle (viewer). */
export function NationalSection({ readOnly }: { readOnly: boolean }) {
  const { state, retry } = useApiData(async (signal) => {
    const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({}, signal)]);
    return { territories, ateliers };
  }, []);

  return (
    <Section title={readOnly ? "Réseau national (consultation)" : "Réseau national"} state={state}>
      {state.status === "loading" && <Loading label="Chargement du réseau…" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} />}
      {state.status === "success" && (
        <>
          <p>
            {plural(state.data.territories.length, "direction territoriale", "directions territoriales")},{" "}
            {labelSummary(state.data.ateliers)}
          </p>
          {readOnly && <p className="fr-hint-text">Accès en consultation : les données ne peuvent pas être modifiées.</p>}
          <p>
            <Link className="fr-link fr-icon-line-chart-line fr-link--icon-left" to={DASHBOARD_PATH}>
              Indicateurs du contrat : réseau national, par direction territoriale et par atelier
            </Link>
          </p>
          <p>
            <Link className="fr-link fr-icon-focus-3-line fr-link--icon-left" to={TARGETS_PATH}>
              {readOnly ? "Cibles des indicateurs du contrat, par année" : "Cibles des indicateurs du contrat : les fixer par année"}
            </Link>
          </p>
          <p>
            <Link className="fr-link fr-icon-computer-line fr-link--icon-left" to={DISTANCE_LEARNING_PATH}>
              {readOnly
                ? "Journées stagiaires de formation à distance (MOOC et M@gistère), mois par mois"
                : "Journées stagiaires de formation à distance (MOOC et M@gistère) : saisie et import"}
            </Link>
          </p>
          {!readOnly && (
            <p>
              <Link className="fr-link fr-icon-settings-5-line fr-link--icon-left" to={SETTINGS_PATH}>
                Paramètres de la campagne (jour d'échéance, clôture des années)
              </Link>
            </p>
          )}
          <h3 className="fr-h5 fr-mt-4w">Directions territoriales</h3>
          <TerritoriesTable territories={state.data.territories} />
        </>
      )}
      <CampaignView />
    </Section>
  );
}
