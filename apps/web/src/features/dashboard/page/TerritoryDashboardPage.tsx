import { canReadScope } from "@enquete/domain";
import { useParams } from "react-router";
import { atelierDashboardPath, DASHBOARD_PATH } from "../paths.ts";
import { useDashboardSettings } from "../useDashboardSettings.ts";
import { useGrants } from "../useGrants.ts";
import { useReferential } from "../useReferential.ts";
import { DashboardPage } from "./DashboardPage.tsx";

const DRILL_DOWN = {
  groupHeader: "Atelier",
  linkOf: (group: { key: string }, search: string) => `${atelierDashboardPath(group.key)}${search}`,
  bars: true,
};

/** /tableau-de-bord/territoires/:code: a territory's figures, by atelier (the atelier's territory in each month). */
export function TerritoryDashboardPage() {
  const code = useParams().code ?? "";
  const { search } = useDashboardSettings();
  const grants = useGrants();
  const referential = useReferential();
  const crumbs = canReadScope(grants, { kind: "national" }) ? [{ label: "Réseau national", to: `${DASHBOARD_PATH}${search}` }] : [];
  return (
    <DashboardPage
      key={code}
      scope={{ kind: "territory", code }}
      name={referential?.territoryName(code) ?? code}
      crumbs={crumbs}
      drillDown={DRILL_DOWN}
    />
  );
}
