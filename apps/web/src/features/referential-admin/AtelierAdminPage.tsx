import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { TAtelierHistory, TTerritory } from "@enquete/contract";
import { isAtelierCode } from "@enquete/domain";
import { useId } from "react";
import { useParams } from "react-router";
import { api } from "../../api/client.ts";
import { referentialApi } from "../../api/referential.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { AtelierSummary, AttributesOverTime, ChangesList, TerritoriesOverTime } from "./AtelierHistoryView.tsx";
import { AttributesForm } from "./AttributesForm.tsx";
import { CloseAtelierForm } from "./CloseAtelierForm.tsx";
import { MoveAtelierForm } from "./MoveAtelierForm.tsx";
import { REFERENTIAL_PATH } from "./paths.ts";
import { RenameAtelierForm } from "./RenameAtelierForm.tsx";
import { REFERENTIAL_TITLE } from "./titles.ts";
import { useKeptData } from "./useKeptData.ts";

type Data = { history: TAtelierHistory; territories: TTerritory[] };

/** One atelier of the referential: its history over time, and the changes an administrator makes from a month. */
export function AtelierAdminPage() {
  const { code = "" } = useParams();
  return (
    <div className="fr-container fr-mb-4w">
      <RoleOnly
        forRole="admin"
        reason="Seuls les administrateurs de la plateforme ouvrent, déplacent, renomment et ferment les ateliers et les directions territoriales."
      >
        <AtelierContent key={code} code={code} />
      </RoleOnly>
    </div>
  );
}

function AtelierContent({ code }: { code: string }) {
  const { state, data, reload, retry } = useKeptData<Data>(
    async (signal) => {
      const [history, territories] = await Promise.all([referentialApi.history(code, signal), api.territories(signal)]);
      return { history, territories: [...territories].sort((a, b) => a.name.localeCompare(b.name, "fr")) };
    },
    [code],
  );
  const title = data ? data.history.name : `Atelier ${code}`;
  useDocumentTitle(`${title} – ${REFERENTIAL_TITLE}`);

  return (
    <div aria-busy={state.status === "loading"}>
      <Breadcrumb
        currentPageLabel={title}
        segments={[
          { label: "Tableau de bord", linkProps: { to: "/" } },
          { label: REFERENTIAL_TITLE, linkProps: { to: REFERENTIAL_PATH } },
        ]}
      />
      <PageHeading>{title}</PageHeading>
      {!isAtelierCode(code) && <p>Ce code d'atelier n'existe pas (un code de département : 86, 2A, 971).</p>}
      {state.status === "error" && (
        <LoadError as="h2" title="Impossible de charger l'historique de l'atelier" error={state.error} onRetry={retry} />
      )}
      {data === null ? (
        state.status === "loading" && <Loading label="Chargement de l'historique de l'atelier…" />
      ) : (
        <AtelierView data={data} reload={reload} />
      )}
    </div>
  );
}

function AtelierView({ data, reload }: { data: Data; reload: () => void }) {
  const actionsId = useId();
  const { history, territories } = data;
  return (
    <>
      <AtelierSummary history={history} />
      <TerritoriesOverTime history={history} />
      <AttributesOverTime history={history} />
      <section aria-labelledby={actionsId} className="fr-mt-6w">
        <h2 id={actionsId} className="fr-h4">
          Modifier l'atelier
        </h2>
        <p className="fr-text--sm">Chaque changement est daté du mois dont il part ; les mois précédents restent tels qu'ils étaient.</p>
        <MoveAtelierForm history={history} territories={territories} onChanged={reload} />
        <AttributesForm history={history} onChanged={reload} />
        <RenameAtelierForm history={history} onChanged={reload} />
        <CloseAtelierForm history={history} onChanged={reload} />
      </section>
      <ChangesList history={history} />
    </>
  );
}
