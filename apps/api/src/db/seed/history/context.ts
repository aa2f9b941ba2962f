/** The network as it is in the database: ateliers, memberships and demo accounts. */
import { compareAtelierCodes, type Membership } from "@enquete/domain";
import { like, sql } from "drizzle-orm";
import type { Db } from "../../client.ts";
import { atelierFlags, ateliers, atelierTerritories, users } from "../../schema.ts";
import { DEMO_DOMAIN } from "../demo.ts";

export interface AtelierInfo {
  code: string;
  hasLab: boolean;
  inEspe: boolean;
  openedOn: string;
  closedOn: string | null;
  memberships: Membership[];
}

export interface Actor {
  id: string | null;
  label: string;
}

export interface Context {
  ateliers: AtelierInfo[];
  actors: Map<string, Actor>;
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const flagToday = (flag: "lab" | "espe") =>
  sql<boolean>`coalesce((select ${atelierFlags.value} from ${atelierFlags}
    where ${atelierFlags.atelierCode} = ${ateliers.code} and ${atelierFlags.flag} = ${flag} and ${atelierFlags.validFrom} <= current_date
    order by ${atelierFlags.validFrom} desc limit 1), false)`;

export async function loadContext(tx: Tx): Promise<Context> {
  const atelierRows = await tx
    .select({
      code: ateliers.code,
      hasLab: flagToday("lab"),
      inEspe: flagToday("espe"),
      openedOn: ateliers.openedOn,
      closedOn: ateliers.closedOn,
    })
    .from(ateliers);
  const memberRows = await tx.select().from(atelierTerritories);
  const userRows = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(like(users.email, `%@${DEMO_DOMAIN}`));
  const memberships = (code: string) =>
    memberRows
      .filter((m) => m.atelierCode === code)
      .map((m) => ({ territoryCode: m.territoryCode, validFrom: m.validFrom, validTo: m.validTo }));
  return {
    ateliers: atelierRows.sort((a, b) => compareAtelierCodes(a.code, b.code)).map((a) => ({ ...a, memberships: memberships(a.code) })),
    actors: new Map(userRows.map((u) => [u.email.toLowerCase(), { id: u.id, label: u.displayName }])),
  };
}

export function atelierActor(ctx: Context, code: string): Actor {
  return ctx.actors.get(`atelier.${code.toLowerCase()}@${DEMO_DOMAIN}`) ?? { id: null, label: `Atelier Canopé ${code}` };
}

export function territoryActor(ctx: Context, territory: string): Actor {
  return ctx.actors.get(`dt.${territory}@${DEMO_DOMAIN}`) ?? { id: null, label: `Direction territoriale ${territory}` };
}
