import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Download } from "@codegouvfr/react-dsfr/Download";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { OPEN_DATA_LICENCE, type TOpenDataIndicators } from "@enquete/contract";
import { useSearchParams } from "react-router";
import { fetchOpenData, OPEN_DATA_CSV_URL, OPEN_DATA_JSON_URL, OPEN_DATA_SCHEMA_URL } from "../../api/openData.ts";
import { formatDateTime, plural } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { IndicatorsTable } from "./IndicatorsTable.tsx";
import { scopesOf } from "./scopes.ts";

export const NOTHING_PUBLISHED = "Aucune année n'est encore close : les données seront publiées à la clôture de la première année.";

/** The open data of the closed years, for anyone, signed in or not: what is published, under which licence, the files, the figures. */
export function OpenDataPage() {
  useDocumentTitle("Données ouvertes");
  const { state, retry } = useApiData((signal) => fetchOpenData(signal), []);
  return (
    <div className="fr-container fr-my-4w">
      <PageHeading>Données ouvertes</PageHeading>
      <p className="fr-text--lead">
        Chaque année close par la direction nationale, les indicateurs du contrat d'objectifs et de performance de Réseau Canopé établis à
        partir de l'enquête mensuelle des ateliers sont publiés ici, au niveau national et pour chaque direction territoriale, avec leurs
        cibles.
      </p>

      <h2>Ce qui est publié, et quand</h2>
      <p>
        Pour chaque année civile close : la valeur des six indicateurs du contrat, calculée sur les seuls rapports validés par les
        directions territoriales (chiffres officiels), la cible de l'année, la valeur de référence et la complétude (rapports attendus et
        validés). Rien n'est publié avant la clôture d'une année : tant qu'elle est ouverte, ses chiffres peuvent encore changer.
      </p>
      {state.status === "loading" && <Loading label="Chargement des données publiées…" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} as="h3" />}
      {state.status === "success" && <PublishedYears data={state.data} />}

      <h2>Licence</h2>
      <p>
        Ces données sont publiées sous la{" "}
        <a href={OPEN_DATA_LICENCE.url} target="_blank" rel="noopener noreferrer" title={`${OPEN_DATA_LICENCE.name} – nouvelle fenêtre`}>
          {OPEN_DATA_LICENCE.name}
        </a>{" "}
        (Etalab 2.0) : vous pouvez les réutiliser librement, y compris à des fins commerciales, en mentionnant leur source (« Réseau Canopé,
        Enquête atelier ») et la date de leur dernière mise à jour.
      </p>

      <h2>Télécharger les données</h2>
      {/* Files of the API, not pages of the app: the browser fetches them itself (reloadDocument), never the router. */}
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <div className="fr-col-12 fr-col-md-4">
          <Download
            label="Indicateurs (CSV)"
            details="CSV – UTF-8, séparateur virgule, point décimal"
            linkProps={{ to: OPEN_DATA_CSV_URL, reloadDocument: true, download: "indicateurs-enquete-atelier.csv" }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Download
            label="Indicateurs (JSON)"
            details="JSON – les mêmes lignes, avec la licence"
            linkProps={{ to: OPEN_DATA_JSON_URL, reloadDocument: true, download: "indicateurs-enquete-atelier.json" }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Download
            label="Schéma des données"
            details="JSON – Table Schema : chaque colonne décrite"
            linkProps={{ to: OPEN_DATA_SCHEMA_URL, reloadDocument: true, download: "schema-indicateurs-enquete-atelier.json" }}
          />
        </div>
      </div>

      {state.status === "success" && state.data.years.length > 0 && <Figures data={state.data} />}
    </div>
  );
}

function PublishedYears({ data }: { data: TOpenDataIndicators }) {
  if (data.years.length === 0) {
    return <Alert severity="info" small description={NOTHING_PUBLISHED} className="fr-mb-3w" />;
  }
  return (
    <>
      <p className="fr-mb-1w">Années publiées :</p>
      <ul className="fr-mb-3w">
        {[...data.years].reverse().map((y) => (
          <li key={y.year}>
            {y.year} (janvier à décembre) : publiée à sa clôture, le {formatDateTime(y.closedAt)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The national and territorial tables of one closed year (the latest unless the reader chose another, kept in the address). */
function Figures({ data }: { data: TOpenDataIndicators }) {
  const [search, setSearch] = useSearchParams();
  const years = data.years.map((y) => y.year).sort((a, b) => b - a);
  const asked = Number(search.get("annee"));
  const year = years.includes(asked) ? asked : (years[0] as number);
  const { national, territories } = scopesOf(data.rows, year);
  const askedTerritory = search.get("territoire");
  const territory = territories.find((t) => t.code === askedTerritory) ?? territories[0];

  const choose = (key: string, value: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <h2>Les chiffres publiés</h2>
      {years.length > 1 && (
        <Select
          label="Année"
          className="fr-mb-3w"
          nativeSelectProps={{ value: String(year), onChange: (e) => choose("annee", e.target.value) }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
      )}

      <h3>Indicateurs nationaux {year}</h3>
      {national.length > 0 && (
        <>
          <IndicatorsTable rows={national} year={year} caption={`Indicateurs nationaux ${year} : chiffres officiels (rapports validés)`} />
          <p className="fr-text--sm">{completeness(national[0])}</p>
        </>
      )}

      <h3>Indicateurs par direction territoriale {year}</h3>
      {territory ? (
        <>
          <Select
            label="Direction territoriale"
            className="fr-mb-3w"
            nativeSelectProps={{ value: territory.code, onChange: (e) => choose("territoire", e.target.value) }}
          >
            {territories.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </Select>
          <IndicatorsTable
            rows={territory.rows}
            year={year}
            caption={`Indicateurs ${year} de la direction territoriale ${territory.name} : chiffres officiels (rapports validés)`}
          />
          <p className="fr-text--sm">{completeness(territory.rows[0])}</p>
          <p className="fr-text--sm">
            Les cibles des nombres sont fixées pour le réseau entier ; celles des parts (%) valent pour chaque direction territoriale.
          </p>
        </>
      ) : (
        <p>Aucune direction territoriale n'est publiée pour {year}.</p>
      )}
    </>
  );
}

function completeness(row: { completenessExpected: number; completenessValidated: number } | undefined): string {
  if (!row) return "";
  return `Établis sur ${plural(row.completenessValidated, "rapport validé", "rapports validés")} sur ${plural(row.completenessExpected, "rapport attendu", "rapports attendus")}.`;
}
