import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TFormVersionSummary } from "@enquete/contract";
import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { errorMessage } from "../../api/ApiError.ts";
import { formatDateTime, plural } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { SETTINGS_PATH } from "../settings/paths.ts";
import { createDraft, fetchVersions } from "./formsApi.ts";
import { QUESTIONNAIRE_TITLE, questionnaireVersionPath } from "./paths.ts";
import { STATE_SEVERITY, stateText, versionState } from "./versionText.ts";

/** What the version page tells this one when it leaves it (a discarded draft). */
export type VersionsNotice = { deleted: number };

/** /parametres/questionnaire: every version of the questionnaire, the month each applies from, and the draft being prepared. */
export function VersionsPage() {
  useDocumentTitle(QUESTIONNAIRE_TITLE);
  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb
        currentPageLabel={QUESTIONNAIRE_TITLE}
        segments={[
          { label: "Tableau de bord", linkProps: { to: "/" } },
          { label: "Paramètres de la campagne", linkProps: { to: SETTINGS_PATH } },
        ]}
      />
      <PageHeading>{QUESTIONNAIRE_TITLE}</PageHeading>
      <RoleOnly
        forRole="national"
        reason="Seule la direction de l'ingénierie des services (DIS) prépare et publie les versions du questionnaire."
      >
        <VersionsContent />
      </RoleOnly>
    </div>
  );
}

function VersionsContent() {
  const { state, retry } = useApiData((signal) => fetchVersions(signal), []);
  return (
    <div aria-busy={state.status === "loading"}>
      <p>
        Le questionnaire mensuel change au fil des contrats : chaque version s'applique à partir d'un mois. Un rapport garde la version avec
        laquelle il a été commencé ; un champ retiré reste lisible dans les rapports des versions précédentes, et son code ne sert jamais à
        autre chose.
      </p>
      <DeletedNotice />
      {state.status === "loading" && <Loading label="Chargement des versions du questionnaire…" />}
      {state.status === "error" && <LoadError as="h2" title="Impossible de charger les versions" error={state.error} onRetry={retry} />}
      {state.status === "success" && <Versions versions={state.data} onStale={retry} />}
    </div>
  );
}

/** After a draft was discarded on its page: said here, and focused, since the page the person was on is gone. */
function DeletedNotice() {
  const location = useLocation();
  const navigate = useNavigate();
  const deleted = (location.state as VersionsNotice | null)?.deleted;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (deleted !== undefined) ref.current?.focus();
  }, [deleted]);
  if (deleted === undefined) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
      <p>
        Le brouillon de la version {deleted} est supprimé.{" "}
        <Button priority="tertiary no outline" size="small" onClick={() => navigate(".", { replace: true, state: null })}>
          Masquer ce message
        </Button>
      </p>
    </div>
  );
}

/** The latest published version: the one a new draft starts from. */
function latestPublished(versions: readonly TFormVersionSummary[]): TFormVersionSummary | undefined {
  return versions
    .filter((v) => v.status === "published" && v.validFrom !== null)
    .reduce<TFormVersionSummary | undefined>((a, v) => (!a || (v.validFrom as string) > (a.validFrom as string) ? v : a), undefined);
}

function Versions({ versions, onStale }: { versions: TFormVersionSummary[]; onStale: () => void }) {
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const draft = versions.find((v) => v.status === "draft");
  const base = latestPublished(versions);
  const sorted = [...versions].sort((a, b) => b.version - a.version);

  const prepare = async () => {
    if (!base) return;
    setPending(true);
    setError(null);
    try {
      const created = await createDraft(base.version);
      navigate(questionnaireVersionPath(created.version));
    } catch (e) {
      setError(e);
      setPending(false);
      // Another national user may have started a draft meanwhile: the list shows it.
      onStale();
    }
  };

  return (
    <>
      <div className="fr-mb-3w">
        {draft ? (
          <Button iconId="fr-icon-edit-line" linkProps={{ to: questionnaireVersionPath(draft.version) }}>
            Reprendre le brouillon (version {draft.version})
          </Button>
        ) : (
          base && (
            <>
              <Button
                iconId="fr-icon-add-line"
                disabled={pending}
                onClick={() => void prepare()}
                nativeButtonProps={{ "aria-describedby": "prepare-hint" }}
              >
                {pending ? "Préparation…" : "Préparer une nouvelle version"}
              </Button>
              <p id="prepare-hint" className="fr-hint-text fr-mt-1w">
                Un brouillon part de la version {base.version}, la plus récente publiée ; rien ne change pour les ateliers avant sa
                publication.
              </p>
            </>
          )
        )}
        {error !== null && <Alert small severity="error" className="fr-mt-2w" description={errorMessage(error)} />}
      </div>
      <ScrollTable caption="Versions du questionnaire, de la plus récente à la plus ancienne" focusable className="fr-table--bordered">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">État</th>
            <th scope="col">Champs</th>
            <th scope="col">Modifications</th>
            <th scope="col">Publication</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((v) => (
            <VersionRow key={v.version} v={v} />
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

function VersionRow({ v }: { v: TFormVersionSummary }) {
  const state = versionState(v);
  return (
    <tr>
      <th scope="row">
        <Link to={questionnaireVersionPath(v.version)}>Version {v.version}</Link>
      </th>
      <td>
        <Badge as="span" small noIcon severity={STATE_SEVERITY[state.kind]}>
          {stateText(state)}
        </Badge>
      </td>
      <td>{plural(v.fields, "champ")}</td>
      <td>
        {v.basedOn === null
          ? "Version d'origine"
          : v.changes === 0
            ? `Aucune modification de la version ${v.basedOn}`
            : `${plural(v.changes, "modification")} de la version ${v.basedOn}`}
      </td>
      <td>
        {v.basedOn === null ? (
          "Questionnaire d'origine de la plateforme"
        ) : v.publishedAt ? (
          <>
            Le {formatDateTime(v.publishedAt)}
            {v.publishedBy && <> par {v.publishedBy}</>}
          </>
        ) : v.status === "draft" ? (
          <>
            Non publiée ; modifiée le {formatDateTime(v.updatedAt)}
            {v.createdBy && <>, préparée par {v.createdBy}</>}
          </>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}
