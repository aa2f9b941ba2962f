import type { RoleGrant } from "@enquete/domain";
import { useMemo } from "react";
import { homeGrants } from "../home/grants.ts";
import { useSession } from "../session/useSession.ts";

/** The signed-in person's grants, as the domain's access rules take them (hiding a link is never the check: the API is). */
export function useGrants(): RoleGrant[] {
  const { user } = useSession();
  return useMemo(() => homeGrants(user?.roles ?? []), [user]);
}
