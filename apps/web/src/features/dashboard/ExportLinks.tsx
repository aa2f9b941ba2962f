import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { canExportDashboard, canExportReports } from "@enquete/domain";
import { errorMessage } from "../../api/ApiError.ts";
import { indicatorsXlsxUrl, reportsCsvUrl } from "../../api/indicators.ts";
import { SECTION_IDS } from "./anchors.ts";
import { type DashboardSettings, yearName } from "./settings.ts";
import { useFileDownload } from "./useFileDownload.ts";
import { useGrants } from "./useGrants.ts";

/**
 * The two files of the year, downloaded under the names the API gives them;
 * a refusal (too many calculations running, say) is shown here in French.
 * They hold the caller's whole scope, whatever page they are taken from.
 */
export function ExportLinks({ settings }: { settings: Pick<DashboardSettings, "year" | "yearType"> }) {
  const grants = useGrants();
  const reports = canExportReports(grants);
  const dashboard = canExportDashboard(grants);
  const download = useFileDownload();
  if (!reports && !dashboard) return null;
  const year = yearName(settings.year, settings.yearType);
  const ofYear = settings.yearType === "school" ? `de l'année scolaire ${year}` : `de l'année ${year}`;
  return (
    <section aria-labelledby={`${SECTION_IDS.exports}-titre`} id={SECTION_IDS.exports} className="fr-mt-6w">
      <h2 id={`${SECTION_IDS.exports}-titre`}>Exports</h2>
      <ul className="fr-raw-list">
        {reports && (
          <li className="fr-mb-2w">
            <a
              className="fr-link fr-link--download"
              download
              href={reportsCsvUrl(settings.year, settings.yearType)}
              onClick={download.onClick}
            >
              Télécharger les rapports mensuels {ofYear}
              <span className="fr-link__detail">CSV, une ligne par rapport</span>
            </a>
          </li>
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
              <span className="fr-link__detail">XLSX, chiffres officiels</span>
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
        {reports && "Le fichier CSV (séparateur point-virgule) s'ouvre directement dans Excel. "}
        {dashboard && "Le classeur a une feuille par direction territoriale. "}
        Les fichiers couvrent tout votre périmètre, quelle que soit la page d'où vous les téléchargez.
      </p>
    </section>
  );
}
