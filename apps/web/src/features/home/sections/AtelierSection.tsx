import type { TAtelierDetail } from "@enquete/contract";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { api } from "../../../api/client.ts";
import { dayBefore, formatDay, yesNo } from "../../../shared/format.ts";
import { LabelStatusBadge } from "../../../shared/LabelStatusBadge.tsx";
import { LoadError } from "../../../shared/LoadError.tsx";
import { Loading } from "../../../shared/Loading.tsx";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { AtelierMonths } from "../../atelier-months/AtelierMonths.tsx";
import { atelierDashboardPath } from "../../dashboard/paths.ts";
import { Section } from "./Section.tsx";

/** "Mon atelier": the director's monthly reports first, then what the platform knows of the atelier. */
export function AtelierSection({ atelierCode }: { atelierCode: string }) {
  const { state, retry } = useApiData((signal) => api.atelier(atelierCode, signal), [atelierCode]);
  const title = state.status === "success" ? state.data.name : `Mon atelier (${atelierCode})`;

  return (
    <Section title={title} state={state}>
      {state.status === "success" && <AtelierSummary atelier={state.data} />}
      <p>
        <Link className="fr-link fr-icon-line-chart-line fr-link--icon-left" to={atelierDashboardPath(atelierCode)}>
          Indicateurs de l'atelier, mois par mois
        </Link>
      </p>
      <AtelierMonths atelierCode={atelierCode} />
      <h3 className="fr-h4 fr-mt-6w">L'atelier</h3>
      {state.status === "loading" && <Loading label="Chargement de votre atelier…" />}
      {state.status === "error" && <LoadError as="h4" error={state.error} onRetry={retry} />}
      {state.status === "success" && <AtelierDetail atelier={state.data} />}
    </Section>
  );
}

/** One line under the title: where the atelier is and which territory validates its reports. */
function AtelierSummary({ atelier }: { atelier: TAtelierDetail }) {
  return (
    <p className="fr-mb-4w">
      {atelier.city}, {atelier.departement} ({atelier.code}) ·{" "}
      {atelier.territoryName ? `Direction territoriale ${atelier.territoryName}` : "Aucune direction territoriale aujourd'hui"}
    </p>
  );
}

function AtelierDetail({ atelier }: { atelier: TAtelierDetail }) {
  return (
    <>
      <dl className="fr-raw-list fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Fact term="Direction territoriale">{atelier.territoryName ?? "Aucune aujourd'hui"}</Fact>
        <Fact term="Labellisation">
          <LabelStatusBadge status={atelier.labelStatus} />
        </Fact>
        <Fact term="Laboratoire des usages">{yesNo(atelier.hasLab)}</Fact>
        <Fact term="Implanté dans une ESPE/INSPÉ">{yesNo(atelier.inEspe)}</Fact>
        <Fact term="Équipe" wide>
          {atelier.team.length === 0 ? (
            "Personne ne dirige encore cet atelier sur la plateforme."
          ) : (
            <ul className="fr-raw-list">
              {atelier.team.map((person) => (
                <li key={person.email}>
                  {person.displayName} – <a href={`mailto:${person.email}`}>{person.email}</a>
                </li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>

      {atelier.territoryHistory.length > 1 && (
        // ScrollTable, not react-dsfr's <Table>: on a phone the frame scrolls and must be reachable with the keyboard.
        <ScrollTable caption="Rattachements successifs à une direction territoriale">
          <thead>
            <tr>
              <th scope="col">Direction territoriale</th>
              <th scope="col">Du</th>
              <th scope="col">Au</th>
            </tr>
          </thead>
          <tbody>
            {atelier.territoryHistory.map((h) => (
              <tr key={`${h.territoryCode}-${h.from}`}>
                <td>{h.territoryName}</td>
                <td>{formatDay(h.from)}</td>
                <td>{h.to === null ? "Aujourd'hui" : formatDay(dayBefore(h.to))}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}

function Fact({ term, wide = false, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "fr-col-12" : "fr-col-12 fr-col-sm-6 fr-col-lg-3"}>
      <dt className="fr-text--bold">{term}</dt>
      <dd className="fr-m-0">{children}</dd>
    </div>
  );
}
