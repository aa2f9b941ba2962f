import type { TRoleGrant } from "@enquete/contract";
import { grantKey, type RoleGrant, sortGrants, toRoleGrant } from "@enquete/domain";

/** The user's grants as the domain types them, widest reach first; malformed ones are left out. */
export function homeGrants(roles: readonly TRoleGrant[]): RoleGrant[] {
  const grants: RoleGrant[] = [];
  for (const r of roles) {
    const grant = toRoleGrant(r.role, { atelierCode: r.atelierCode, territoryCode: r.territoryCode });
    if (!("error" in grant)) grants.push(grant);
  }
  return sortGrants(grants);
}

/** A short tab label for a grant, unambiguous among the user's other grants. */
export function grantTabLabel(grant: RoleGrant, all: readonly RoleGrant[]): string {
  switch (grant.role) {
    case "atelier":
      return `Mon atelier (${grant.atelierCode})`;
    case "territory":
      return all.filter((g) => g.role === "territory").length > 1
        ? `Direction territoriale (${grant.territoryCode})`
        : "Ma direction territoriale";
    case "national":
      return "Réseau national";
    case "viewer":
      return "Consultation";
    case "admin":
      return "Administration";
  }
}

export { grantKey };
