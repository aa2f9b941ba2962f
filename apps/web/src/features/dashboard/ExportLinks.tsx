import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { canExportDashboard, canExportReports } from "@enquete/domain";
import { useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { indicatorsXlsxUrl, type ReportsExportStatus, reportsCsvUrl, reportsXlsxUrl } from "../../api/indicators.ts";
import { SECTION_IDS } from "./anchors.ts";
import { type DashboardSettings, yearName } from "./settings.ts";
import { useFileDownload } from "./useFileDownload.ts";
import { useGrants } from "./useGrants.ts";

/** The reports an export may keep, as the status filter of the API takes them; short, as a link's detail never wraps. */
const STATUS_CHOICES: { value: ReportsExportStatus; label: string }[] = [
  { value: "all", label: "Tous les rapports attendus, absents compris" },
  { value: "validated", label: "Rapports validés seulement" },
  { value: "submitted,validated", label: "Rapports soumis ou validés" },
  { value: "not_started", label: "Rapports absents (attendus, non commencés)" },
];
const isChoice = (value: string): value is ReportsExportStatus => STATUS_CHOICES.some((c) => c.value === value);

/**
 * The files of the year, downloaded under the names the API gives them: the
 * monthly reports for a spreadsheet (XLSX, typed) or for a script (CSV, with
 * the stable codes as headers), for the statuses chosen, and the dashboard
 * workbook. A refusal (too many calculations running, say) is shown here in
 * French. They hold the caller's whole scope, whatever page they are taken from.
 */
export function ExportLinks({ settings }: { settings: Pick<DashboardSettings, "year" | "yearType"> }) {
  const grants = useGrants();
  const reports = canExportReports(grants);
  const dashboard = canExportDashboard(grants);
  const download = useFileDownload();
  const [status, setStatus] = useState<ReportsExportStatus>("all");
  if (!reports && !dashboard) return null;
  const year = yearName(settings.year, settings.yearType);
  const ofYear = settings.yearType === "school" ? `de l'année scolaire ${year}` : `de l'année ${year}`;
  const chosen = STATUS_CHOICES.find((c) => c.value === status)?.label ?? "";
  return (
    <section aria-labelledby={`${SECTION_IDS.exports}-titre`} id={SECTION_IDS.exports} className="fr-mt-6w">
      <h2 id={`${SECTION_IDS.exports}-titre`}>Exports</h2>
      {reports && (
        <div className="fr-mb-2w">
          <Select
            label="Rapports mensuels à inclure"
            hint="Le choix vaut pour le classeur et pour le fichier CSV des rapports."
            nativeSelectProps={{
              value: status,
              onChange: (e) => {
                if (isChoice(e.target.value)) setStatus(e.target.value);
              },
            }}
          >
            {STATUS_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </div>
      )}
      <ul className="fr-raw-list">
        {reports && (
          <>
            <li className="fr-mb-2w">
              <a
                className="fr-link fr-link--download"
                download
                href={reportsXlsxUrl(settings.year, settings.yearType, status)}
                onClick={download.onClick}
              >
                Télécharger le classeur des rapports mensuels {ofYear} (XLSX, pour un tableur)
                <span className="fr-link__detail">{chosen}</span>
              </a>
            </li>
            <li className="fr-mb-2w">
              <a
                className="fr-link fr-link--download"
                download
                href={reportsCsvUrl(settings.year, settings.yearType, status)}
                onClick={download.onClick}
              >
                Télécharger les rapports mensuels {ofYear} (CSV, pour un script)
                <span className="fr-link__detail">{chosen}</span>
              </a>
            </li>
          </>
        )}
        {dashboard && (
          <li className="fr-mb-2w">
            <a
              className="fr-link fr-link--download"
              download
              href={indicatorsXlsxUrl(settings.year, settings.yearType)}
              onClick={download.onClick}
            >
              Télécharger le tableau de bord {ofYear}
              <span className="fr-link__detail">XLSX, indicateurs et fiches</span>
            </a>
          </li>
        )}
      </ul>
      <div role="status" aria-live="polite">
        {download.busy && <p className="fr-hint-text">Préparation du fichier…</p>}
      </div>
      {download.error !== null && (
        <Alert role="alert" small severity="error" description={errorMessage(download.error)} className="fr-mb-2w" />
      )}
      <p className="fr-hint-text">
        {reports &&
          "Le classeur des rapports garde les codes d'atelier en texte (01 reste 01), les nombres et les dates typés, et décrit chaque colonne dans sa feuille « Colonnes ». Le fichier CSV (séparateur point-virgule, colonnes nommées par leur code) est fait pour les scripts : un tableur y lirait « 01 » comme le nombre 1. "}
        {dashboard && "Le tableau de bord a une feuille par direction territoriale. "}
        Les fichiers couvrent tout votre périmètre, quelle que soit la page d'où vous les téléchargez.
      </p>
    </section>
  );
}
