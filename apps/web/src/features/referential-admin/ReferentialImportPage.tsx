import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import type { TReferentialImportResult } from "@enquete/contract";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { referentialApi } from "../../api/referential.ts";
import { plural } from "../../shared/format.ts";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { ImportFormat } from "./ImportFormat.tsx";
import { ChangesTable, RefusedLines } from "./ImportTables.tsx";
import { REFERENTIAL_PATH } from "./paths.ts";
import { REFERENTIAL_TITLE } from "./titles.ts";

const TITLE = "Importer un fichier du référentiel";
/** The file is read in the browser and sent as text: a referential of a few hundred lines is a few kilobytes. */
const MAX_BYTES = 2 * 1024 * 1024;

export function ReferentialImportPage() {
  useDocumentTitle(TITLE);
  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb
        currentPageLabel={TITLE}
        segments={[
          { label: "Tableau de bord", linkProps: { to: "/" } },
          { label: REFERENTIAL_TITLE, linkProps: { to: REFERENTIAL_PATH } },
        ]}
      />
      <PageHeading>{TITLE}</PageHeading>
      <RoleOnly
        forRole="admin"
        reason="Seuls les administrateurs de la plateforme ouvrent, déplacent, renomment et ferment les ateliers et les directions territoriales."
      >
        <ImportContent />
      </RoleOnly>
    </div>
  );
}

type Step =
  | { kind: "choose" }
  | { kind: "previewing" }
  | { kind: "preview"; csv: string; fileName: string; result: TReferentialImportResult }
  | { kind: "applying"; csv: string; fileName: string; result: TReferentialImportResult }
  | { kind: "applied"; fileName: string; result: TReferentialImportResult };

/** A refusal that carries the preview (an apply blocked by a refused line). */
function previewOf(error: unknown): TReferentialImportResult | null {
  if (!(error instanceof ApiError)) return null;
  const body = error.body as Partial<TReferentialImportResult> | undefined;
  return body && Array.isArray(body.changes) && Array.isArray(body.refused) ? (body as TReferentialImportResult) : null;
}

function ImportContent() {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [error, setError] = useState<unknown>(null);
  const outcome = useRef<HTMLDivElement>(null);

  // The preview, and then the result, take the focus: they replace the button that asked for them.
  useEffect(() => {
    if (step.kind === "preview" || step.kind === "applied") outcome.current?.focus();
  }, [step.kind]);

  const preview = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setFileError("Choisissez un fichier CSV du référentiel.");
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError("Le fichier dépasse 2 Mo : un fichier du référentiel compte quelques centaines de lignes.");
      return;
    }
    setFileError(null);
    setStep({ kind: "previewing" });
    try {
      const csv = await file.text();
      const result = await referentialApi.importFile(csv, true);
      setStep({ kind: "preview", csv, fileName: file.name, result });
    } catch (err) {
      // A preview refused whole still lists its lines when the API sends them.
      const shown = previewOf(err);
      if (shown) setStep({ kind: "preview", csv: await file.text(), fileName: file.name, result: shown });
      else {
        setStep({ kind: "choose" });
        setError(err);
      }
    }
  };

  const apply = async () => {
    if (step.kind !== "preview") return;
    setError(null);
    setStep({ ...step, kind: "applying" });
    try {
      const result = await referentialApi.importFile(step.csv, false);
      setStep({ kind: "applied", fileName: step.fileName, result });
    } catch (err) {
      const refused = previewOf(err);
      setStep({ kind: "preview", csv: step.csv, fileName: step.fileName, result: refused ?? step.result });
      setError(err);
    }
  };

  const busy = step.kind === "previewing" || step.kind === "applying";

  return (
    <div aria-busy={busy}>
      <p>
        Le fichier décrit des changements du référentiel, chacun à partir d'un mois : directions territoriales créées ou renommées, ateliers
        ouverts, renommés, rattachés, fermés, attributs changés. Un aperçu montre d'abord chaque changement et chaque ligne refusée, sans
        rien écrire ; l'import s'applique ensuite en entier, ou pas du tout.
      </p>
      <ImportFormat />
      {step.kind === "applied" ? (
        <div ref={outcome} tabIndex={-1}>
          <Alert
            severity="success"
            as="h2"
            title="Import appliqué"
            description={`${step.fileName} : ${plural(step.result.changes.length, "changement")} enregistré${step.result.changes.length > 1 ? "s" : ""}, sur ${plural(step.result.lines, "ligne")} lue${step.result.lines > 1 ? "s" : ""}.`}
          />
          {step.result.changes.length > 0 && <ChangesTable changes={step.result.changes} caption="Changements enregistrés" />}
          <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
            <li>
              <Link className="fr-btn" to={REFERENTIAL_PATH}>
                Retour au référentiel
              </Link>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setStep({ kind: "choose" })}>
                Importer un autre fichier
              </Button>
            </li>
          </ul>
        </div>
      ) : (
        <>
          <form noValidate onSubmit={(e) => void preview(e)}>
            <Upload
              label="Fichier CSV du référentiel"
              hint="Un fichier .csv encodé en UTF-8, avec sa ligne d'en-tête, séparateur « ; » ou « , »."
              state={fileError ? "error" : "default"}
              stateRelatedMessage={fileError ?? undefined}
              nativeInputProps={{
                accept: ".csv,text/csv",
                onChange: (e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setFileError(null);
                  if (step.kind === "preview") setStep({ kind: "choose" });
                },
              }}
            />
            <Button type="submit" priority="secondary" iconId="fr-icon-eye-line" className="fr-mt-2w" disabled={busy}>
              {step.kind === "previewing" ? "Lecture du fichier…" : "Voir l'aperçu"}
            </Button>
          </form>
          {error !== null && <Alert severity="error" small className="fr-mt-3w" title="Import refusé" description={errorMessage(error)} />}
          {(step.kind === "preview" || step.kind === "applying") && (
            <div ref={outcome} tabIndex={-1} className="fr-mt-4w">
              <Preview fileName={step.fileName} result={step.result} />
              <Button
                iconId="fr-icon-check-line"
                onClick={() => void apply()}
                disabled={step.result.refused.length > 0 || step.result.changes.length === 0 || step.kind === "applying"}
              >
                {step.kind === "applying" ? "Import en cours…" : "Appliquer l'import"}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function Preview({ fileName, result }: { fileName: string; result: TReferentialImportResult }) {
  const refused = result.refused.length;
  return (
    <>
      <h2 className="fr-h4">Aperçu de {fileName}</h2>
      <p role="status">
        {plural(result.lines, "ligne")} lue{result.lines > 1 ? "s" : ""} : {plural(result.changes.length, "changement")},{" "}
        {refused === 0 ? "aucune ligne refusée" : plural(refused, "ligne refusée", "lignes refusées")}. Rien n'est encore écrit.
      </p>
      {refused > 0 && (
        <>
          <Alert
            severity="warning"
            small
            className="fr-mb-2w"
            description={`L'import ne peut pas s'appliquer tant qu'une ligne est refusée : corrigez ${refused > 1 ? "ces lignes" : "cette ligne"} dans le fichier, puis choisissez-le à nouveau.`}
          />
          <RefusedLines refused={result.refused} />
        </>
      )}
      {result.changes.length === 0 ? (
        <p>Le fichier ne change rien au référentiel.</p>
      ) : (
        <ChangesTable
          changes={result.changes}
          caption={`Changements qui seront appliqués (${result.changes.length.toLocaleString("fr-FR")})`}
        />
      )}
    </>
  );
}
