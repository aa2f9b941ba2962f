import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import type { RoleGrant } from "@enquete/domain";
import { useSearchParams } from "react-router";
import { grantKey, grantTabLabel } from "./grants.ts";
import { RoleSection } from "./RoleSection.tsx";

const VIEW_PARAM = "vue";

/** One section per role grant: plain when there is one, DSFR tabs when there are several. */
export function RoleSections({ grants }: { grants: RoleGrant[] }) {
  const [search, setSearch] = useSearchParams();
  const first = grants[0];
  if (!first) return null;
  if (grants.length === 1) return <RoleSection grant={first} />;

  // The chosen tab lives in the address, so a reload or a shared link keeps it.
  const requested = search.get(VIEW_PARAM);
  const selected = grants.find((g) => grantKey(g) === requested) ?? first;

  return (
    <Tabs
      className="fr-mt-4w"
      label="Vos espaces"
      tabs={grants.map((g) => ({ tabId: grantKey(g), label: grantTabLabel(g, grants) }))}
      selectedTabId={grantKey(selected)}
      onTabChange={(tabId: string) => setSearch({ [VIEW_PARAM]: tabId }, { replace: true })}
    >
      <RoleSection key={grantKey(selected)} grant={selected} />
    </Tabs>
  );
}
