import { api } from "../../../api/client.ts";
import { LoadError } from "../../../shared/LoadError.tsx";
import { Loading } from "../../../shared/Loading.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { AteliersTable } from "../tables/AteliersTable.tsx";
import { labelSummary } from "../tables/labelSummary.ts";
import { Section } from "./Section.tsx";

/** A territorial director's territory and its ateliers. */
export function TerritorySection({ territoryCode }: { territoryCode: string }) {
  const { state, retry } = useApiData(
    async (signal) => {
      const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({ territory: territoryCode }, signal)]);
      return { territory: territories.find((t) => t.code === territoryCode) ?? null, ateliers };
    },
    [territoryCode],
  );
  const title = state.status === "success" && state.data.territory ? state.data.territory.name : "Ma direction territoriale";

  return (
    <Section title={title} state={state}>
      {state.status === "loading" && <Loading label="Chargement de votre direction territoriale…" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} />}
      {state.status === "success" && (
        <>
          <p>{labelSummary(state.data.ateliers)}</p>
          <h3 className="fr-h5">Ateliers de la direction territoriale</h3>
          {state.data.ateliers.length === 0 ? (
            <p>Aucun atelier n'est rattaché aujourd'hui à cette direction territoriale.</p>
          ) : (
            <AteliersTable ateliers={state.data.ateliers} caption={`Ateliers rattachés à ${title} (${state.data.ateliers.length})`} />
          )}
        </>
      )}
    </Section>
  );
}
