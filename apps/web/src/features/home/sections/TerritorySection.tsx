import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../../api/client.ts";
import { LoadError } from "../../../shared/LoadError.tsx";
import { Loading } from "../../../shared/Loading.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { CampaignView } from "../../campaign/CampaignView.tsx";
import { territoryDashboardPath } from "../../dashboard/paths.ts";
import { ReviewQueue } from "../../review-queue/ReviewQueue.tsx";
import { AteliersTable } from "../tables/AteliersTable.tsx";
import { labelSummary } from "../tables/labelSummary.ts";
import { Section } from "./Section.tsx";

/** A territorial director's work: the month's reports to review, the campaign of the territory, and its ateliers. */
export function TerritorySection({ territoryCode }: { territoryCode: string }) {
  const { state, retry } = useApiData(
    async (signal) => {
      const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({ territory: territoryCode }, signal)]);
      return { territory: territories.find((t) => t.code === territoryCode) ?? null, ateliers };
    },
    [territoryCode],
  );
  const [validations, setValidations] = useState(0);
  const title = state.status === "success" && state.data.territory ? state.data.territory.name : "Ma direction territoriale";

  return (
    <Section title={title} state={state}>
      {state.status === "success" && <p>{labelSummary(state.data.ateliers)}</p>}
      <p>
        <Link className="fr-link fr-icon-line-chart-line fr-link--icon-left" to={territoryDashboardPath(territoryCode)}>
          Indicateurs du contrat de la direction territoriale, par atelier
        </Link>
      </p>
      <ReviewQueue territoryCode={territoryCode} onValidated={() => setValidations((n) => n + 1)} />
      <CampaignView territoryCode={territoryCode} refreshKey={validations} />
      <h3 className="fr-h4 fr-mt-6w">Ateliers de la direction territoriale</h3>
      {state.status === "loading" && <Loading label="Chargement de votre direction territoriale…" />}
      {state.status === "error" && <LoadError as="h4" error={state.error} onRetry={retry} />}
      {state.status === "success" &&
        (state.data.ateliers.length === 0 ? (
          <p>Aucun atelier n'est rattaché aujourd'hui à cette direction territoriale.</p>
        ) : (
          <AteliersTable ateliers={state.data.ateliers} caption={`Ateliers rattachés à ${title} (${state.data.ateliers.length})`} />
        ))}
    </Section>
  );
}
