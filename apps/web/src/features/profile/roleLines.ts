import type { TRoleGrant } from "@enquete/contract";
import { ROLE_LABELS } from "@enquete/domain";

/** What the page knows of the referential to name a scope; empty while it loads, or if it cannot. */
export type ScopeNames = { ateliers: ReadonlyMap<string, string>; territories: ReadonlyMap<string, string> };

export const NO_NAMES: ScopeNames = { ateliers: new Map(), territories: new Map() };

/**
 * A role in French with its scope: "Direction d'atelier (Atelier Canopé 33 – Bordeaux)",
 * "Direction territoriale (Normandie)". Without the names, the code stands in.
 */
export function roleLine(grant: TRoleGrant, names: ScopeNames): string {
  const label = ROLE_LABELS[grant.role];
  if (grant.role === "atelier" && grant.atelierCode) {
    return `${label} (${names.ateliers.get(grant.atelierCode) ?? `atelier ${grant.atelierCode}`})`;
  }
  if (grant.role === "territory" && grant.territoryCode) {
    return `${label} (${names.territories.get(grant.territoryCode) ?? grant.territoryCode})`;
  }
  return label;
}

/** Only the roles with a scope need the referential. */
export const needsAtelierNames = (roles: readonly TRoleGrant[]) => roles.some((r) => r.role === "atelier");
export const needsTerritoryNames = (roles: readonly TRoleGrant[]) => roles.some((r) => r.role === "territory");
