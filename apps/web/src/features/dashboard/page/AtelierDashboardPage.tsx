import { canReadAtelier, canReadScope } from "@enquete/domain";
import { useParams } from "react-router";
import { reportPath } from "../../atelier-months/months.ts";
import { DASHBOARD_PATH, territoryDashboardPath } from "../paths.ts";
import { useDashboardSettings } from "../useDashboardSettings.ts";
import { useGrants } from "../useGrants.ts";
import { useReferential } from "../useReferential.ts";
import type { Crumb } from "./DashboardPage.tsx";
import { DashboardPage } from "./DashboardPage.tsx";

/** /tableau-de-bord/ateliers/:code: an atelier's figures, month by month, each month leading to its report. */
export function AtelierDashboardPage() {
  const code = useParams().code ?? "";
  const { search } = useDashboardSettings();
  const grants = useGrants();
  const referential = useReferential();
  const atelier = referential?.atelier(code);
  const territoryCode = atelier?.territoryCode ?? null;

  const crumbs: Crumb[] = [];
  if (canReadScope(grants, { kind: "national" })) crumbs.push({ label: "Réseau national", to: `${DASHBOARD_PATH}${search}` });
  if (territoryCode && canReadScope(grants, { kind: "territory", code: territoryCode })) {
    crumbs.push({
      label: referential?.territoryName(territoryCode) ?? territoryCode,
      to: `${territoryDashboardPath(territoryCode)}${search}`,
    });
  }
  // Viewers read indicators, never an atelier's reports: their months lead nowhere.
  const readsReports = referential !== null && canReadAtelier(grants, code, territoryCode);
  const drillDown = {
    groupHeader: "Mois",
    linkOf: (group: { key: string }) => (readsReports ? reportPath(code, group.key) : null),
    linkHint: "– voir le rapport",
    bars: false,
  };

  return (
    <DashboardPage
      key={code}
      scope={{ kind: "atelier", code }}
      name={atelier?.name ?? `Atelier ${code}`}
      crumbs={crumbs}
      drillDown={drillDown}
    />
  );
}
