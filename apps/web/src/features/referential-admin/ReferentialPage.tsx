import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Link } from "react-router";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { AteliersList } from "./AteliersList.tsx";
import { OpenAtelierForm } from "./OpenAtelierForm.tsx";
import { REFERENTIAL_IMPORT_PATH } from "./paths.ts";
import { loadReferential } from "./referentialData.ts";
import { TerritoriesSection } from "./TerritoriesSection.tsx";
import { REFERENTIAL_TITLE } from "./titles.ts";
import { useKeptData } from "./useKeptData.ts";

/** The administrators' referential: every atelier and territory, and the changes that start from here. */
export function ReferentialPage() {
  useDocumentTitle(REFERENTIAL_TITLE);
  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb currentPageLabel={REFERENTIAL_TITLE} segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>{REFERENTIAL_TITLE}</PageHeading>
      <RoleOnly
        forRole="admin"
        reason="Seuls les administrateurs de la plateforme ouvrent, déplacent, renomment et ferment les ateliers et les directions territoriales."
      >
        <ReferentialContent />
      </RoleOnly>
    </div>
  );
}

function ReferentialContent() {
  const { state, data, reload, retry } = useKeptData(loadReferential, []);
  return (
    <div aria-busy={state.status === "loading"}>
      <p>
        Chaque changement prend effet à partir d'un mois : les rapports des mois précédents restent à la direction territoriale de leur
        mois, et les chiffres des territoires s'additionnent toujours à ceux du réseau national.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>{data && <OpenAtelierForm territories={data.territories} onOpened={reload} />}</li>
        <li>
          <Link className="fr-btn fr-btn--secondary fr-icon-upload-line" to={REFERENTIAL_IMPORT_PATH}>
            Importer un fichier du référentiel
          </Link>
        </li>
      </ul>
      {state.status === "error" && <LoadError as="h2" title="Impossible de charger le référentiel" error={state.error} onRetry={retry} />}
      {data === null ? (
        state.status === "loading" && <Loading label="Chargement du référentiel…" />
      ) : (
        <>
          <AteliersList data={data} />
          <TerritoriesSection territories={data.territories} onChanged={reload} />
        </>
      )}
    </div>
  );
}
