import { territoryDashboardPath } from "../paths.ts";
import { DashboardPage } from "./DashboardPage.tsx";

const DRILL_DOWN = {
  groupHeader: "Direction territoriale",
  linkOf: (group: { key: string }, search: string) => `${territoryDashboardPath(group.key)}${search}`,
  bars: true,
};

/** /tableau-de-bord: the network's figures, by territory (national team, administration, tutelle). */
export function NationalDashboardPage() {
  return <DashboardPage scope={{ kind: "national" }} name="Réseau national" crumbs={[]} drillDown={DRILL_DOWN} />;
}
