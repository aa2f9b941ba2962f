import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import type { TDistanceLearningImportResult } from "@enquete/contract";
import { type ChangeEvent, useId, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { importDistanceLearningCsv, refusedPreview } from "../../api/distanceLearning.ts";
import { plural } from "../../shared/format.ts";
import { CSV_EXAMPLE, CSV_TEMPLATE_HREF } from "./csvFormat.ts";
import { ImportPreview } from "./ImportPreview.tsx";

type Chosen = { name: string; text: string };
type Step =
  | { kind: "idle" }
  | { kind: "busy"; what: "preview" | "apply" }
  | { kind: "preview"; result: TDistanceLearningImportResult }
  | { kind: "applied"; result: TDistanceLearningImportResult }
  | { kind: "failed"; message: string; result?: TDistanceLearningImportResult };

/** A file of the biggest import the API takes (256 kB) is far beyond ten years of months. */
const MAX_BYTES = 256 * 1024;

/**
 * The import of a CSV file: first its preview (what each line would write,
 * every refused line with its reason), then, only when no line is refused,
 * its application in one go. What is applied is the very text previewed.
 */
export function CsvImport({ onApplied }: { onApplied: () => void }) {
  const headingId = useId();
  const [file, setFile] = useState<Chosen | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: "idle" });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const chosen = input.files?.[0];
    // Emptied once read, so that the same file, corrected, can be chosen again.
    input.value = "";
    setStep({ kind: "idle" });
    setFile(null);
    setFileProblem(null);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setFileProblem(`Le fichier « ${chosen.name} » est trop lourd : 256 ko au plus.`);
      return;
    }
    try {
      setFile({ name: chosen.name, text: await chosen.text() });
    } catch {
      setFileProblem(`Le fichier « ${chosen.name} » ne peut pas être lu : choisissez-le à nouveau.`);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) {
      setFileProblem("Choisissez d'abord le fichier CSV à importer.");
      return;
    }
    setStep({ kind: "busy", what: dryRun ? "preview" : "apply" });
    try {
      const result = await importDistanceLearningCsv(file.text, dryRun);
      setStep(result.written ? { kind: "applied", result } : { kind: "preview", result });
      if (result.written) onApplied();
    } catch (error) {
      const preview = refusedPreview(error);
      setStep({ kind: "failed", message: errorMessage(error), ...(preview ? { result: preview } : {}) });
    }
  };

  const preview = step.kind === "preview" ? step.result : null;
  const applicable = preview !== null && preview.rejected.length === 0 && preview.lines.some((l) => l.change !== "unchanged");
  const changed = preview ? preview.lines.filter((l) => l.change !== "unchanged").length : 0;

  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId}>Importer un fichier CSV</h2>
      <p>
        Une ligne d'en-tête, puis une ligne par mois : le mois (AAAA-MM), les journées stagiaires MOOC, les journées stagiaires M@gistère.
        Séparateur point-virgule (ou virgule) ; les nombres s'écrivent à la française (« 1 250,5 »), deux décimales au plus. Un mois déjà
        saisi est remplacé. L'import se fait en deux temps : un aperçu d'abord, où rien n'est enregistré ; puis l'import, tout ou rien,
        possible seulement quand aucune ligne n'est refusée.
      </p>
      <p className="fr-mb-1w">Exemple de fichier :</p>
      <pre className="fr-p-2w fr-background-alt--grey" style={{ overflowX: "auto" }}>
        <code>{CSV_EXAMPLE}</code>
      </pre>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={CSV_TEMPLATE_HREF} download="journees-foad-modele.csv">
          Télécharger ce modèle (CSV)
        </a>
      </p>
      <Upload
        label="Fichier CSV des journées MOOC et M@gistère"
        hint="Format .csv, 256 ko au plus."
        state={fileProblem ? "error" : "default"}
        stateRelatedMessage={fileProblem ?? undefined}
        nativeInputProps={{ accept: ".csv,text/csv,text/plain", onChange: (e) => void choose(e) }}
      />
      <p className="fr-text--sm fr-mt-1w" aria-live="polite">
        {file ? `Fichier choisi : ${file.name}.` : "Aucun fichier choisi."}
      </p>
      <div className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <Button priority="secondary" onClick={() => void run(true)} disabled={step.kind === "busy"}>
          {step.kind === "busy" && step.what === "preview" ? "Lecture du fichier…" : "Prévisualiser l'import"}
        </Button>
        {applicable && (
          <Button onClick={() => void run(false)} disabled={step.kind === "busy"}>
            Importer {plural(changed, "mois", "mois")}
          </Button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {step.kind === "busy" && step.what === "apply" && <p>Import en cours…</p>}
        {preview && (
          <Alert
            className="fr-mb-2w"
            severity={preview.rejected.length > 0 ? "error" : "info"}
            small
            description={
              preview.rejected.length > 0
                ? `${preview.message} L'import n'est pas possible : corrigez ces lignes dans le fichier « ${file?.name ?? ""} », puis choisissez-le à nouveau.`
                : applicable
                  ? preview.message
                  : `${preview.message} Le fichier n'apporte aucun changement.`
            }
          />
        )}
        {step.kind === "applied" && <Alert className="fr-mb-2w" severity="success" small description={step.result.message} />}
        {step.kind === "failed" && <Alert className="fr-mb-2w" severity="error" small description={step.message} />}
      </div>
      {preview && <ImportPreview result={preview} />}
      {step.kind === "applied" && <ImportPreview result={step.result} />}
      {step.kind === "failed" && step.result && <ImportPreview result={step.result} />}
    </section>
  );
}
