import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Tile } from "@codegouvfr/react-dsfr/Tile";
import type { TSettings } from "@enquete/contract";
import { hasRole } from "@enquete/domain";
import { useState } from "react";
import { fetchSettings } from "../../api/campaign.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useGrants } from "../dashboard/useGrants.ts";
import { QUESTIONNAIRE_PATH, QUESTIONNAIRE_TITLE } from "../questionnaire/paths.ts";
import { CloseYearForm } from "./CloseYearForm.tsx";
import { DueDayForm } from "./DueDayForm.tsx";
import { PublicPagesForm } from "./PublicPagesForm.tsx";
import { ReminderDaysForm } from "./ReminderDaysForm.tsx";

/**
 * The campaign's national settings: the due day of the reports, the reminder
 * days and the closing of finished years; and, for the national team and the
 * administrators, what the public pages say (contact address, hosting).
 */
export function SettingsPage() {
  useDocumentTitle("Paramètres de la campagne");
  const grants = useGrants();
  const national = hasRole(grants, "national");
  const mayEditPublicPages = hasRole(grants, "national", "admin");

  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb currentPageLabel="Paramètres de la campagne" segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>Paramètres de la campagne</PageHeading>
      {mayEditPublicPages ? (
        <>
          {national && <QuestionnaireTile />}
          <SettingsContent campaign={national} />
        </>
      ) : (
        <Alert
          severity="info"
          as="h2"
          title="Page réservée à l'équipe nationale"
          description="Seule la direction de l'ingénierie des services (DIS) fixe le jour d'échéance et les jours des rappels, et clôt les années ; l'adresse de contact des pages publiques est fixée par elle ou par l'administration de la plateforme."
        />
      )}
    </div>
  );
}

/** The questionnaire's versions have their own pages: this one leads to them. */
function QuestionnaireTile() {
  return (
    <div className="fr-mt-4w" style={{ maxWidth: "40rem" }}>
      <Tile
        title={QUESTIONNAIRE_TITLE}
        titleAs="h2"
        linkProps={{ to: QUESTIONNAIRE_PATH }}
        desc="Préparer une nouvelle version du questionnaire mensuel (champs ajoutés, libellés, règles), la prévisualiser et la publier à partir d'un mois."
        orientation="horizontal"
        enlargeLinkOrButton
      />
    </div>
  );
}

/** `campaign`: the national team's settings of the campaign; without it, only the public pages' (an administrator). */
function SettingsContent({ campaign }: { campaign: boolean }) {
  const { state, retry } = useApiData((signal) => fetchSettings(signal), []);
  return (
    <div aria-busy={state.status === "loading"}>
      {state.status === "loading" && <Loading label="Chargement des paramètres…" />}
      {state.status === "error" && <LoadError as="h2" title="Impossible de charger les paramètres" error={state.error} onRetry={retry} />}
      {state.status === "success" && <SettingsForms initial={state.data} campaign={campaign} />}
    </div>
  );
}

function SettingsForms({ initial, campaign }: { initial: TSettings; campaign: boolean }) {
  const [settings, setSettings] = useState(initial);
  return (
    <>
      {campaign && (
        <>
          <DueDayForm dueDay={settings.dueDay} onSaved={setSettings} />
          <ReminderDaysForm settings={settings} onSaved={setSettings} />
          <CloseYearForm closedYears={settings.closedYears} onClosed={setSettings} />
        </>
      )}
      <PublicPagesForm settings={settings} onSaved={setSettings} />
    </>
  );
}
