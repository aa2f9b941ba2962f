import { Table } from "@codegouvfr/react-dsfr/Table";
import type { TAtelierDetail } from "@enquete/contract";
import type { ReactNode } from "react";
import { api } from "../../../api/client.ts";
import { dayBefore, formatDay, yesNo } from "../../../shared/format.ts";
import { LabelStatusBadge } from "../../../shared/LabelStatusBadge.tsx";
import { LoadError } from "../../../shared/LoadError.tsx";
import { Loading } from "../../../shared/Loading.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { Section } from "./Section.tsx";

/** "Mon atelier": what the platform knows of the director's atelier. */
export function AtelierSection({ atelierCode }: { atelierCode: string }) {
  const { state, retry } = useApiData((signal) => api.atelier(atelierCode, signal), [atelierCode]);
  const title = state.status === "success" ? state.data.name : `Mon atelier (${atelierCode})`;

  return (
    <Section title={title} state={state}>
      {state.status === "loading" && <Loading label="Chargement de votre atelier…" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} />}
      {state.status === "success" && <AtelierDetail atelier={state.data} />}
    </Section>
  );
}

function AtelierDetail({ atelier }: { atelier: TAtelierDetail }) {
  return (
    <>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <h3 className="fr-h5">Identité</h3>
          <dl className="fr-raw-list">
            <Fact term="Ville">{atelier.city}</Fact>
            <Fact term="Département">
              {atelier.departement} ({atelier.code})
            </Fact>
            <Fact term="Direction territoriale">{atelier.territoryName ?? "Aucune aujourd'hui"}</Fact>
          </dl>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <h3 className="fr-h5">Caractéristiques</h3>
          <dl className="fr-raw-list">
            <Fact term="Labellisation">
              <LabelStatusBadge status={atelier.labelStatus} />
            </Fact>
            <Fact term="Laboratoire des usages">{yesNo(atelier.hasLab)}</Fact>
            <Fact term="Implanté dans une ESPE/INSPÉ">{yesNo(atelier.inEspe)}</Fact>
          </dl>
        </div>
      </div>

      <h3 className="fr-h5 fr-mt-2w">Équipe</h3>
      {atelier.team.length === 0 ? (
        <p>Personne ne dirige encore cet atelier sur la plateforme.</p>
      ) : (
        <ul>
          {atelier.team.map((person) => (
            <li key={person.email}>
              {person.displayName} – <a href={`mailto:${person.email}`}>{person.email}</a>
            </li>
          ))}
        </ul>
      )}

      {atelier.territoryHistory.length > 1 && (
        <>
          <h3 className="fr-h5 fr-mt-4w">Rattachements successifs</h3>
          <Table
            noCaption
            caption="Rattachements successifs de l'atelier à une direction territoriale"
            headers={["Direction territoriale", "Du", "Au"]}
            data={atelier.territoryHistory.map((h) => [
              h.territoryName,
              formatDay(h.from),
              h.to === null ? "Aujourd'hui" : formatDay(dayBefore(h.to)),
            ])}
          />
        </>
      )}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold">{term}</dt>
      <dd className="fr-mb-2w">{children}</dd>
    </>
  );
}
