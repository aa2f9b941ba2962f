import type { TRoleGrant } from "@enquete/contract";
import { ROLE_LABELS } from "@enquete/domain";

/** A role grant in French, with its scope: "Direction territoriale – Normandie". */
export function roleText(grant: TRoleGrant, territoryNames: ReadonlyMap<string, string>): string {
  const label = ROLE_LABELS[grant.role];
  if (grant.role === "atelier" && grant.atelierCode) return `${label} – atelier ${grant.atelierCode}`;
  if (grant.role === "territory" && grant.territoryCode) {
    return `${label} – ${territoryNames.get(grant.territoryCode) ?? grant.territoryCode}`;
  }
  return label;
}
