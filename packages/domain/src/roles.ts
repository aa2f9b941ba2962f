/**
 * Roles and scopes (domain page, section 2). A user may hold several roles;
 * each grant carries the scope it applies to.
 */
export const ROLES = ["atelier", "territory", "national", "admin", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  atelier: "Direction d'atelier",
  territory: "Direction territoriale",
  national: "Direction de l'ingénierie des services",
  admin: "Administration de la plateforme",
  viewer: "Tutelle (lecture des indicateurs)",
};

export type RoleGrant =
  | { role: "atelier"; atelierCode: string }
  | { role: "territory"; territoryCode: string }
  | { role: "national" | "admin" | "viewer" };

/** Which scope a role needs: an atelier, a territory, or none (national reach). */
export function scopeKindOf(role: Role): "atelier" | "territory" | "none" {
  if (role === "atelier") return "atelier";
  if (role === "territory") return "territory";
  return "none";
}

/**
 * Builds a grant from loose parts (a database row, a command line), refusing
 * a scope that does not fit the role. Returns a French message on error.
 */
export function toRoleGrant(
  role: string,
  scope: { atelierCode?: string | null; territoryCode?: string | null },
): RoleGrant | { error: string } {
  if (!(ROLES as readonly string[]).includes(role)) {
    return { error: `Rôle inconnu : « ${role} ». Rôles possibles : ${ROLES.join(", ")}.` };
  }
  const r = role as Role;
  const kind = scopeKindOf(r);
  if (kind === "atelier") {
    if (!scope.atelierCode || scope.territoryCode) {
      return { error: "Le rôle « atelier » s'accorde pour un atelier, et un seul." };
    }
    return { role: "atelier", atelierCode: scope.atelierCode };
  }
  if (kind === "territory") {
    if (!scope.territoryCode || scope.atelierCode) {
      return { error: "Le rôle « territory » s'accorde pour une direction territoriale, et une seule." };
    }
    return { role: "territory", territoryCode: scope.territoryCode };
  }
  if (scope.atelierCode || scope.territoryCode) {
    return { error: `Le rôle « ${r} » est national : il ne prend ni atelier ni territoire.` };
  }
  return { role: r as "national" | "admin" | "viewer" };
}

export function hasRole(grants: readonly RoleGrant[], ...roles: Role[]): boolean {
  return grants.some((g) => roles.includes(g.role));
}

/**
 * May these grants read the data of an atelier that belongs to the given
 * territory at the time the data is about (a report: the territory of its
 * month, never today's)? Viewers read indicators only, never an atelier's data.
 */
export function canReadAtelier(grants: readonly RoleGrant[], atelierCode: string, territoryCode: string | null): boolean {
  return grants.some((g) => {
    switch (g.role) {
      case "atelier":
        return g.atelierCode === atelierCode;
      case "territory":
        return territoryCode !== null && g.territoryCode === territoryCode;
      case "national":
      case "admin":
        return true;
      default:
        return false;
    }
  });
}

/** May these grants read the data of a territory (its ateliers, its indicators)? */
export function canReadTerritory(grants: readonly RoleGrant[], territoryCode: string): boolean {
  return grants.some((g) => {
    if (g.role === "territory") return g.territoryCode === territoryCode;
    return g.role === "national" || g.role === "admin" || g.role === "viewer";
  });
}

/** Orders grants the way a home page shows them: widest reach first. */
type LooseGrant = { role: Role; atelierCode?: string; territoryCode?: string };

export function sortGrants<T extends LooseGrant>(grants: readonly T[]): T[] {
  const rank: Record<Role, number> = { national: 0, viewer: 1, admin: 2, territory: 3, atelier: 4 };
  return [...grants].sort((a, b) => rank[a.role] - rank[b.role] || grantKey(a).localeCompare(grantKey(b)));
}

export function grantKey(g: LooseGrant): string {
  if (g.role === "atelier") return `atelier:${g.atelierCode ?? ""}`;
  if (g.role === "territory") return `territory:${g.territoryCode ?? ""}`;
  return g.role;
}
