import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TFormVersionDetail } from "@enquete/contract";
import { describeChange, describeChanges, type FormDefinition, ofPeriod, periodLabel } from "@enquete/domain";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useParams } from "react-router";
import { isAbort } from "../../api/ApiError.ts";
import { formatDateTime } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { SETTINGS_PATH } from "../settings/paths.ts";
import { ChangeList } from "./ChangeList.tsx";
import { DeleteDraftModal, deleteModal } from "./DeleteDraftModal.tsx";
import { DraftEditor } from "./DraftEditor.tsx";
import { FormOutline } from "./FormOutline.tsx";
import { FormPreview } from "./FormPreview.tsx";
import { fetchVersion } from "./formsApi.ts";
import { PublishModal, publishModal } from "./PublishModal.tsx";
import { QUESTIONNAIRE_PATH, QUESTIONNAIRE_TITLE } from "./paths.ts";
import { STATE_SEVERITY, stateText, versionState } from "./versionText.ts";

type Loaded = { detail: TFormVersionDetail; base: FormDefinition | null };

/** The version and the one it is based on (to describe each change with the labels it was made on). */
async function loadVersion(version: number, signal: AbortSignal): Promise<Loaded> {
  const detail = await fetchVersion(version, signal);
  if (detail.basedOn === null) return { detail, base: null };
  try {
    return { detail, base: (await fetchVersion(detail.basedOn, signal)).form as FormDefinition };
  } catch (error) {
    // Without its base, each change is described with the draft's own labels.
    if (isAbort(error)) throw error;
    return { detail, base: null };
  }
}

/** /parametres/questionnaire/:version: a version's questionnaire and changes; for a draft, its editing, preview and publication. */
export function VersionPage() {
  const { version: param } = useParams();
  const version = Number(param);
  const valid = Number.isInteger(version) && version > 0;
  const title = valid ? `Version ${version} du questionnaire` : "Version du questionnaire";
  useDocumentTitle(title);
  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb
        currentPageLabel={valid ? `Version ${version}` : "Version"}
        segments={[
          { label: "Tableau de bord", linkProps: { to: "/" } },
          { label: "Paramètres de la campagne", linkProps: { to: SETTINGS_PATH } },
          { label: QUESTIONNAIRE_TITLE, linkProps: { to: QUESTIONNAIRE_PATH } },
        ]}
      />
      <PageHeading>{title}</PageHeading>
      <RoleOnly
        forRole="national"
        reason="Seule la direction de l'ingénierie des services (DIS) prépare et publie les versions du questionnaire."
      >
        {valid ? (
          <VersionContent key={version} version={version} />
        ) : (
          <Alert
            severity="error"
            as="h2"
            title="Version introuvable"
            description="Cette adresse ne désigne aucune version du questionnaire."
          />
        )}
      </RoleOnly>
    </div>
  );
}

function VersionContent({ version }: { version: number }) {
  const { state, retry } = useApiData((signal) => loadVersion(version, signal), [version]);
  return (
    <div aria-busy={state.status === "loading"}>
      {state.status === "loading" && <Loading label="Chargement de la version…" />}
      {state.status === "error" && <LoadError as="h2" title="Impossible de charger cette version" error={state.error} onRetry={retry} />}
      {state.status === "success" && <VersionView initial={state.data.detail} base={state.data.base} />}
    </div>
  );
}

function VersionView({ initial, base }: { initial: TFormVersionDetail; base: FormDefinition | null }) {
  const [detail, setDetail] = useState(initial);
  const [justPublished, setJustPublished] = useState(false);
  const [changedMeanwhile, setChangedMeanwhile] = useState<{ id: number; message: string } | null>(null);
  const form = detail.form as FormDefinition;
  const draft = detail.status === "draft";
  const state = versionState(detail);
  const descriptions = useMemo(
    () =>
      base
        ? describeChanges(base, detail.changeList, { version: detail.version, known: [] })
        : detail.changeList.map((c) => describeChange(c, form)),
    [base, detail.changeList, detail.version, form],
  );
  const previewId = useId();
  const outlineId = useId();

  /** A publication or deletion refused because someone saved the draft since: the page shows their draft, and why. */
  const draftChanged = async (message: string) => {
    let reread = true;
    try {
      setDetail(await fetchVersion(detail.version));
    } catch {
      reread = false;
    }
    setChangedMeanwhile((prev) => ({
      id: (prev?.id ?? 0) + 1,
      message: reread ? message : `${message} Il n'a pas pu être relu : rechargez la page.`,
    }));
  };

  return (
    <>
      <p>
        <Badge as="span" noIcon severity={STATE_SEVERITY[state.kind]}>
          {stateText(state)}
        </Badge>
      </p>
      {justPublished && detail.validFrom && <PublishedNotice version={detail.version} from={detail.validFrom} />}
      {changedMeanwhile && draft && (
        <Alert key={changedMeanwhile.id} small severity="warning" className="fr-mb-3w" description={changedMeanwhile.message} />
      )}
      <VersionFacts detail={detail} />
      {draft && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
          <li>
            <Button iconId="fr-icon-send-plane-line" nativeButtonProps={publishModal.buttonProps}>
              Publier la version {detail.version}
            </Button>
          </li>
          <li>
            <Button priority="secondary" iconId="fr-icon-delete-line" nativeButtonProps={deleteModal.buttonProps}>
              Supprimer le brouillon
            </Button>
          </li>
        </ul>
      )}
      {draft ? (
        <DraftEditor detail={detail} descriptions={descriptions} onSaved={setDetail} />
      ) : (
        <section aria-labelledby={`${outlineId}-changes`} className="fr-mt-4w">
          <h2 id={`${outlineId}-changes`} className="fr-h4">
            {detail.basedOn === null ? "Modifications" : `Modifications par rapport à la version ${detail.basedOn}`}
          </h2>
          {detail.basedOn === null ? (
            <p>Version d'origine du questionnaire : elle ne modifie aucune version.</p>
          ) : (
            <ChangeList changes={detail.changeList} descriptions={descriptions} />
          )}
        </section>
      )}
      <section aria-labelledby={previewId} className="fr-mt-6w">
        <h2 id={previewId} className="fr-h4">
          Aperçu
        </h2>
        <p>
          Le formulaire tel que les directions d'atelier le verront pour un mois couvert par cette version, avec ses règles vérifiées
          pendant la saisie. Rien de ce que vous saisissez ici n'est enregistré.
        </p>
        <div className="fr-p-2w fr-p-md-3w fr-mb-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
          <FormPreview form={form} />
        </div>
      </section>
      <section aria-labelledby={outlineId} className="fr-mt-6w">
        <h2 id={outlineId} className="fr-h4">
          Détail des champs et des règles
        </h2>
        <FormOutline form={form} />
      </section>
      {draft && (
        <>
          <PublishModal
            version={detail.version}
            updatedAt={detail.updatedAt}
            onPublished={(published) => {
              setDetail(published);
              setChangedMeanwhile(null);
              setJustPublished(true);
            }}
            onDraftChanged={(message) => void draftChanged(message)}
          />
          <DeleteDraftModal
            version={detail.version}
            changes={detail.changeList.length}
            updatedAt={detail.updatedAt}
            onDraftChanged={(message) => void draftChanged(message)}
          />
        </>
      )}
    </>
  );
}

/** Who prepared the version and when, and the months it covers. */
function VersionFacts({ detail }: { detail: TFormVersionDetail }) {
  if (detail.status === "draft") {
    return (
      <p>
        Brouillon préparé à partir de la version {detail.basedOn}, le {formatDateTime(detail.createdAt)}
        {detail.createdBy && <> par {detail.createdBy}</>} ; dernière modification le {formatDateTime(detail.updatedAt)}. Il ne s'applique à
        aucun rapport tant qu'il n'est pas publié.
      </p>
    );
  }
  return (
    <>
      <p>
        {detail.validFrom &&
          (detail.validTo
            ? `S'applique aux rapports ${ofPeriod(detail.validFrom)} à ${periodLabel(detail.validTo)}.`
            : `S'applique aux rapports à partir de ${periodLabel(detail.validFrom)}.`)}{" "}
        {detail.basedOn === null
          ? "Version d'origine du questionnaire."
          : detail.publishedAt && (
              <>
                Publiée le {formatDateTime(detail.publishedAt)}
                {detail.publishedBy && <> par {detail.publishedBy}</>}.
              </>
            )}
      </p>
      <p className="fr-text--sm">Une version publiée ne se modifie plus : une correction passe par une nouvelle version.</p>
    </>
  );
}

/** Takes the focus when it appears: the button that opened the dialog is gone with the draft. */
function PublishedNotice({ version, from }: { version: number; from: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--success fr-mb-3w">
      <h2 className="fr-alert__title">La version {version} est publiée</h2>
      <p>
        Elle s'applique aux rapports à partir de {periodLabel(from)}. Les rapports des mois précédents gardent leur version ; un brouillon
        d'un mois couvert se verra proposer la nouvelle version.
      </p>
    </div>
  );
}
