/**
 * Who may see which figures. Indicators are read for a scope: the nation, a
 * territory or an atelier. National, admin and viewer read every scope; a
 * territorial director reads their territory and its ateliers; an atelier
 * director reads their own atelier(s).
 */
import { ATELIER_CODE_RE, TERRITORY_CODE_RE } from "../referential.ts";
import { hasRole, type RoleGrant } from "../roles.ts";

export type IndicatorScope = { kind: "national" } | { kind: "territory"; code: string } | { kind: "atelier"; code: string };

export const SCOPE_RE = new RegExp(
  `^(national|territory:${TERRITORY_CODE_RE.source.slice(1, -1)}|atelier:${ATELIER_CODE_RE.source.slice(1, -1)})$`,
);

export function parseScope(text: string): IndicatorScope | null {
  if (!SCOPE_RE.test(text)) return null;
  if (text === "national") return { kind: "national" };
  const [kind, code] = text.split(":") as [string, string];
  return kind === "territory" ? { kind: "territory", code } : { kind: "atelier", code };
}

export function formatScope(scope: IndicatorScope): string {
  return scope.kind === "national" ? "national" : `${scope.kind}:${scope.code}`;
}

const hasNationalReach = (grants: readonly RoleGrant[]) => hasRole(grants, "national", "admin", "viewer");

/**
 * May these grants read the indicators of a scope? For an atelier,
 * `atelierTerritories` are the territories it belonged to during the period
 * (never today's): a territorial director reads the months it was theirs,
 * and only those (atelierScopeWithin).
 */
export function canReadScope(grants: readonly RoleGrant[], scope: IndicatorScope, atelierTerritories: readonly string[] = []): boolean {
  if (hasNationalReach(grants)) return true;
  if (scope.kind === "national") return false;
  return grants.some((g) => {
    if (scope.kind === "territory") return g.role === "territory" && g.territoryCode === scope.code;
    if (g.role === "atelier") return g.atelierCode === scope.code;
    return g.role === "territory" && atelierTerritories.includes(g.territoryCode);
  });
}

/**
 * The territories an atelier's indicators are restricted to for these
 * grants: none (undefined, every month) for national reach or the atelier's
 * own director; otherwise the caller's territories, so that a territorial
 * director never reads the months the atelier spent in another territory.
 */
export function atelierScopeWithin(grants: readonly RoleGrant[], atelierCode: string): string[] | undefined {
  if (hasNationalReach(grants) || grants.some((g) => g.role === "atelier" && g.atelierCode === atelierCode)) return undefined;
  return grants.flatMap((g) => (g.role === "territory" ? [g.territoryCode] : []));
}

/**
 * What an export may contain for these grants: everything, or the reports of
 * some territories (the territory of each report's month) and ateliers.
 * Atelier directors get their own atelier's reports, which they can read one
 * by one anyway; the dashboard workbook carries national and territorial
 * figures, so it needs a national or territorial role.
 */
export type ExportReach = { all: true } | { all: false; territories: string[]; ateliers: string[] };

export function exportReach(grants: readonly RoleGrant[]): ExportReach {
  if (hasNationalReach(grants)) return { all: true };
  return {
    all: false,
    territories: grants.flatMap((g) => (g.role === "territory" ? [g.territoryCode] : [])),
    ateliers: grants.flatMap((g) => (g.role === "atelier" ? [g.atelierCode] : [])),
  };
}

export function canExportReports(grants: readonly RoleGrant[]): boolean {
  const reach = exportReach(grants);
  return reach.all || reach.territories.length > 0 || reach.ateliers.length > 0;
}

export function canExportDashboard(grants: readonly RoleGrant[]): boolean {
  const reach = exportReach(grants);
  return reach.all || reach.territories.length > 0;
}
