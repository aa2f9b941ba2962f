import { parisDate } from "@enquete/domain";
import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { atelierFlags, atelierLabels, ateliers, atelierTerritories, territories, userRoles, users } from "../../db/schema.ts";

/** Membership valid on `day` (inclusive start, exclusive end). */
export const membershipOn = (day: string) =>
  and(lte(atelierTerritories.validFrom, day), or(isNull(atelierTerritories.validTo), gt(atelierTerritories.validTo, day)));

export async function listTerritories(db: Db, day: string) {
  return await db
    .select({
      code: territories.code,
      name: territories.name,
      atelierCount: sql<number>`count(${atelierTerritories.atelierCode})::int`,
    })
    .from(territories)
    .leftJoin(atelierTerritories, and(eq(atelierTerritories.territoryCode, territories.code), membershipOn(day)))
    .groupBy(territories.code, territories.name)
    .orderBy(asc(territories.name));
}

/** The value of a dated yes/no attribute of the atelier (alias `ateliers`) on `day`: no before its first row. */
export const flagOn = (flag: "lab" | "espe", day: string) =>
  sql<boolean>`coalesce((select ${atelierFlags.value} from ${atelierFlags}
    where ${atelierFlags.atelierCode} = ${ateliers.code} and ${atelierFlags.flag} = ${flag} and ${atelierFlags.validFrom} <= ${day}
    order by ${atelierFlags.validFrom} desc limit 1), false)`;

/** Ateliers with their territory and labellisation status on `day`. */
export async function listAteliers(db: Db, day: string, filter: { territoryCode?: string; atelierCode?: string } = {}) {
  const label = sql<string | null>`(
    select ${atelierLabels.status} from ${atelierLabels}
    where ${atelierLabels.atelierCode} = ${ateliers.code} and ${atelierLabels.validFrom} <= ${day}
    order by ${atelierLabels.validFrom} desc limit 1)`;
  return await db
    .select({
      code: ateliers.code,
      name: ateliers.name,
      departement: ateliers.departement,
      city: ateliers.city,
      openedOn: ateliers.openedOn,
      closedOn: ateliers.closedOn,
      hasLab: flagOn("lab", day),
      inEspe: flagOn("espe", day),
      territoryCode: atelierTerritories.territoryCode,
      labelStatus: label,
    })
    .from(ateliers)
    .leftJoin(atelierTerritories, and(eq(atelierTerritories.atelierCode, ateliers.code), membershipOn(day)))
    .where(
      and(
        filter.territoryCode ? eq(atelierTerritories.territoryCode, filter.territoryCode) : undefined,
        filter.atelierCode ? eq(ateliers.code, filter.atelierCode) : undefined,
      ),
    );
}

/** The atelier's territory today: a code, null when it has none, undefined when the atelier does not exist. */
export async function findAtelierTerritory(db: Db, code: string, day = parisDate()) {
  const rows = await db
    .select({ territoryCode: atelierTerritories.territoryCode })
    .from(ateliers)
    .leftJoin(atelierTerritories, and(eq(atelierTerritories.atelierCode, ateliers.code), membershipOn(day)))
    .where(eq(ateliers.code, code));
  if (rows.length === 0) return undefined;
  return rows[0]?.territoryCode ?? null;
}

export async function territoryExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.select({ code: territories.code }).from(territories).where(eq(territories.code, code));
  return rows.length > 0;
}

export async function territoryHistory(db: Db, atelierCode: string) {
  return await db
    .select({
      territoryCode: atelierTerritories.territoryCode,
      territoryName: territories.name,
      from: atelierTerritories.validFrom,
      to: atelierTerritories.validTo,
    })
    .from(atelierTerritories)
    .innerJoin(territories, eq(territories.code, atelierTerritories.territoryCode))
    .where(eq(atelierTerritories.atelierCode, atelierCode))
    .orderBy(asc(atelierTerritories.validFrom));
}

export async function territoryDirectors(db: Db, territoryCode: string) {
  return await db
    .select({ displayName: users.displayName, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "territory"), eq(userRoles.territoryCode, territoryCode), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}

export async function atelierTeam(db: Db, atelierCode: string) {
  return await db
    .select({ displayName: users.displayName, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "atelier"), eq(userRoles.atelierCode, atelierCode), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}
