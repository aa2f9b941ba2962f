import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { IndicatorScope } from "@enquete/domain";
import { PageHeading } from "../../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../../shared/useDocumentTitle.ts";
import { Dashboard, type DrillDown } from "../Dashboard.tsx";

export type Crumb = { label: string; to: string };

type Props = {
  scope: IndicatorScope;
  /** "Réseau national", "Normandie", "Atelier Canopé 86 – Poitiers". */
  name: string;
  /** The levels above that the reader may open, widest first. */
  crumbs: readonly Crumb[];
  drillDown: DrillDown;
};

/** The frame of every dashboard page: breadcrumb, title, then the dashboard of the scope. */
export function DashboardPage({ scope, name, crumbs, drillDown }: Props) {
  const title = `Indicateurs : ${name}`;
  useDocumentTitle(title);
  return (
    <div className="fr-container fr-my-4w">
      <Breadcrumb
        currentPageLabel={title}
        segments={[
          { label: "Tableau de bord", linkProps: { to: "/" } },
          ...crumbs.map((c) => ({ label: c.label, linkProps: { to: c.to } })),
        ]}
      />
      <PageHeading>{title}</PageHeading>
      <Dashboard scope={scope} drillDown={drillDown} />
    </div>
  );
}
