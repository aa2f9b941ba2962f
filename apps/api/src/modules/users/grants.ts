/**
 * The roles an administrator gives: each checked against the domain's rule
 * (a scope that fits the role) and against the referential (the atelier or
 * territory exists), field by field, before anything is written; and the
 * same roles said in French, for the invitation email.
 */
import type { TRoleGrant } from "@enquete/contract";
import { grantKey, ROLE_LABELS, type RoleGrant, sortGrants, toRoleGrant } from "@enquete/domain";
import { inArray } from "drizzle-orm";
import { ateliers, territories } from "../../db/schema.ts";
import { validationFailed } from "../../errors.ts";
import type { DbOrTx } from "../reports/repository.ts";

/** Codes come from a select in the web, but a script may send "2a": atelier codes are upper case in the referential. */
const cleanAtelier = (code: string | undefined) => (code === undefined ? undefined : code.trim().toUpperCase());
const cleanTerritory = (code: string | undefined) => (code === undefined ? undefined : code.trim());

/**
 * The grants of a request, checked: 422 with every refused role at once
 * (`roles.N`, `roles.N.atelierCode`, `roles.N.territoryCode`); the same grant
 * given twice counts once.
 */
export async function checkGrants(db: DbOrTx, roles: readonly TRoleGrant[]): Promise<RoleGrant[]> {
  const errors: { field: string; message: string }[] = [];
  const grants: { index: number; grant: RoleGrant }[] = [];
  roles.forEach((r, index) => {
    const g = toRoleGrant(r.role, { atelierCode: cleanAtelier(r.atelierCode), territoryCode: cleanTerritory(r.territoryCode) });
    if ("error" in g) errors.push({ field: `roles.${index}`, message: g.error });
    else grants.push({ index, grant: g });
  });
  const atelierCodes = grants.flatMap(({ grant }) => (grant.role === "atelier" ? [grant.atelierCode] : []));
  const territoryCodes = grants.flatMap(({ grant }) => (grant.role === "territory" ? [grant.territoryCode] : []));
  const [knownAteliers, knownTerritories] = await Promise.all([atelierNames(db, atelierCodes), territoryNames(db, territoryCodes)]);
  for (const { index, grant } of grants) {
    if (grant.role === "atelier" && !knownAteliers.has(grant.atelierCode)) {
      errors.push({ field: `roles.${index}.atelierCode`, message: `L'atelier « ${grant.atelierCode} » n'existe pas.` });
    }
    if (grant.role === "territory" && !knownTerritories.has(grant.territoryCode)) {
      errors.push({
        field: `roles.${index}.territoryCode`,
        message: `La direction territoriale « ${grant.territoryCode} » n'existe pas.`,
      });
    }
  }
  if (errors.length > 0) {
    throw validationFailed(
      errors.sort((a, b) => a.field.localeCompare(b.field, "en", { numeric: true })),
      "Certains rôles ne peuvent pas être accordés : corrigez les champs signalés.",
    );
  }
  return uniqueGrants(grants.map((g) => g.grant));
}

export function uniqueGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  return sortGrants([...new Map(grants.map((g) => [grantKey(g), g])).values()]);
}

/** The same set of grants, whatever their order. */
export function sameGrants(a: readonly RoleGrant[], b: readonly RoleGrant[]): boolean {
  const keys = new Set(a.map(grantKey));
  return keys.size === new Set(b.map(grantKey)).size && b.every((g) => keys.has(grantKey(g)));
}

async function atelierNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: ateliers.code, name: ateliers.name }).from(ateliers).where(inArray(ateliers.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function territoryNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: territories.code, name: territories.name })
    .from(territories)
    .where(inArray(territories.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** "Direction d'atelier : Atelier Canopé 86 – Poitiers", as the invitation lists them. */
export async function describeGrants(db: DbOrTx, grants: readonly RoleGrant[]): Promise<string[]> {
  const [atelierNamed, territoryNamed] = await Promise.all([
    atelierNames(
      db,
      grants.flatMap((g) => (g.role === "atelier" ? [g.atelierCode] : [])),
    ),
    territoryNames(
      db,
      grants.flatMap((g) => (g.role === "territory" ? [g.territoryCode] : [])),
    ),
  ]);
  return sortGrants(grants).map((g) => {
    if (g.role === "atelier") return `${ROLE_LABELS.atelier} : ${atelierNamed.get(g.atelierCode) ?? g.atelierCode}`;
    if (g.role === "territory") return `${ROLE_LABELS.territory} : ${territoryNamed.get(g.territoryCode) ?? g.territoryCode}`;
    return ROLE_LABELS[g.role];
  });
}
