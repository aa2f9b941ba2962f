import { api } from "../../../api/client.ts";
import { plural } from "../../../shared/format.ts";
import { LoadError } from "../../../shared/LoadError.tsx";
import { Loading } from "../../../shared/Loading.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { AteliersTable } from "../tables/AteliersTable.tsx";
import { labelSummary } from "../tables/labelSummary.ts";
import { TerritoriesTable } from "../tables/TerritoriesTable.tsx";
import { Section } from "./Section.tsx";

/** The whole network: for the DIS, and read-only for the tutelle (viewer). */
export function NationalSection({ readOnly }: { readOnly: boolean }) {
  const { state, retry } = useApiData(async (signal) => {
    const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({}, signal)]);
    return { territories, ateliers, territoryNames: new Map(territories.map((t) => [t.code, t.name])) };
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
          <h3 className="fr-h5 fr-mt-4w">Directions territoriales</h3>
          <TerritoriesTable territories={state.data.territories} />
          <h3 className="fr-h5 fr-mt-4w">Ateliers du réseau</h3>
          <AteliersTable
            ateliers={state.data.ateliers}
            territoryNames={state.data.territoryNames}
            caption={`Ateliers du réseau (${state.data.ateliers.length})`}
          />
        </>
      )}
    </Section>
  );
}
