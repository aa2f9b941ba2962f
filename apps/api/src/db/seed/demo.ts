/**
 * Demo data (domain page, section 8): the accounts of every role, all with
 * the password `canope-demo`, and plausible atelier attributes. Only ever run
 * on the embedded server or when DEMO is asked for explicitly.
 */

import { compareAtelierCodes, type LabelStatus } from "@enquete/domain";
import { hash } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { atelierFlags, atelierLabels, ateliers, auditEvents, territories, userRoles, users } from "../schema.ts";
import { REFERENTIAL_START } from "./referential.ts";

export const DEMO_PASSWORD = "canope-demo";
export const DEMO_DOMAIN = "canope.test";

const FIRST = [
  "Claire",
  "Julien",
  "Sophie",
  "Nicolas",
  "Camille",
  "Thomas",
  "Isabelle",
  "Mehdi",
  "Nathalie",
  "Laurent",
  "Aurélie",
  "Karim",
  "Hélène",
  "Olivier",
  "Fatou",
  "Pierre",
  "Émilie",
  "Yann",
  "Valérie",
  "Antoine",
];
const LAST = [
  "Martin",
  "Bernard",
  "Dubois",
  "Moreau",
  "Laurent",
  "Simon",
  "Michel",
  "Lefebvre",
  "Leroy",
  "Roux",
  "David",
  "Bertrand",
  "Morel",
  "Fournier",
  "Girard",
  "Bonnet",
  "Dupont",
  "Lambert",
  "Fontaine",
  "Rousseau",
  "Vincent",
  "Muller",
  "Faure",
  "André",
  "Mercier",
];

/** A stable pseudo-random number in [0, 1) for a key: the demo is the same at every start. */
function unit(key: string): number {
  let h = 2166136261;
  for (const ch of key) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 100000) / 100000;
}

function personName(key: string): string {
  const f = FIRST[Math.floor(unit(`f${key}`) * FIRST.length)];
  const l = LAST[Math.floor(unit(`l${key}`) * LAST.length)];
  return `${f} ${l}`;
}

/** 45 labelled, 24 in progress, 32 not engaged, as the contract counts them. */
export function demoLabelStatuses(codes: readonly string[]): Map<string, LabelStatus> {
  const order = [...codes].sort((a, b) => unit(`label${a}`) - unit(`label${b}`) || compareAtelierCodes(a, b));
  const result = new Map<string, LabelStatus>();
  order.forEach((code, i) => {
    const labelled = Math.round((45 / 101) * codes.length);
    const inProgress = Math.round((24 / 101) * codes.length);
    result.set(code, i < labelled ? "labellise" : i < labelled + inProgress ? "en_cours" : "non_engage");
  });
  return result;
}

export interface DemoAccount {
  email: string;
  displayName: string;
  grants: { role: "atelier" | "territory" | "national" | "admin" | "viewer"; atelierCode?: string; territoryCode?: string }[];
}

export function demoAccounts(atelierCodes: readonly string[], territoryCodes: readonly string[]): DemoAccount[] {
  return [
    { email: `dis@${DEMO_DOMAIN}`, displayName: "Direction de l'ingénierie des services", grants: [{ role: "national" }] },
    { email: `admin@${DEMO_DOMAIN}`, displayName: "Administration de la plateforme", grants: [{ role: "admin" }] },
    { email: `tutelle@${DEMO_DOMAIN}`, displayName: "Ministère – tutelle", grants: [{ role: "viewer" }] },
    ...territoryCodes.map((t) => ({
      email: `dt.${t}@${DEMO_DOMAIN}`,
      displayName: personName(`dt${t}`),
      grants: [{ role: "territory" as const, territoryCode: t }],
    })),
    ...atelierCodes.map((a) => ({
      email: `atelier.${a.toLowerCase()}@${DEMO_DOMAIN}`,
      displayName: personName(`at${a}`),
      grants: [{ role: "atelier" as const, atelierCode: a }],
    })),
  ];
}

/** Seeds the demo accounts and attributes once. Returns whether it did. */
export async function seedDemo(db: Db): Promise<boolean> {
  const already = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, `dis@${DEMO_DOMAIN}`));
  if (already.length > 0) return false;
  const atelierRows = await db.select({ code: ateliers.code }).from(ateliers);
  const territoryRows = await db.select({ code: territories.code }).from(territories);
  const atelierCodes = atelierRows.map((r) => r.code).sort(compareAtelierCodes);
  const territoryCodes = territoryRows.map((r) => r.code).sort();
  // One hash for every demo account: they share a password known to everyone anyway.
  const passwordHash = await hash(DEMO_PASSWORD);
  const accounts = demoAccounts(atelierCodes, territoryCodes);
  const statuses = demoLabelStatuses(atelierCodes);

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72615003)`);
    const inserted = await tx
      .insert(users)
      .values(accounts.map((a) => ({ email: a.email, displayName: a.displayName, passwordHash })))
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email });
    if (inserted.length === 0) return;
    const idByEmail = new Map(inserted.map((u) => [u.email, u.id]));
    const roleRows = accounts.flatMap((a) => {
      const userId = idByEmail.get(a.email);
      if (!userId) return [];
      return a.grants.map((g) => ({ userId, role: g.role, atelierCode: g.atelierCode ?? null, territoryCode: g.territoryCode ?? null }));
    });
    await tx.insert(userRoles).values(roleRows);
    await tx
      .insert(atelierLabels)
      .values(atelierCodes.map((code) => ({ atelierCode: code, status: statuses.get(code) ?? "non_engage", validFrom: REFERENTIAL_START })))
      .onConflictDoNothing();
    const flags = atelierCodes.flatMap((code) => [
      ...(unit(`lab${code}`) < 0.3 ? [{ atelierCode: code, flag: "lab" as const, validFrom: REFERENTIAL_START, value: true }] : []),
      ...(unit(`espe${code}`) < 0.15 ? [{ atelierCode: code, flag: "espe" as const, validFrom: REFERENTIAL_START, value: true }] : []),
    ]);
    if (flags.length > 0) await tx.insert(atelierFlags).values(flags).onConflictDoNothing();
    await tx.insert(auditEvents).values({
      actorLabel: "démarrage (données de démonstration)",
      action: "demo.seeded",
      subject: "platform",
      details: { accounts: inserted.length },
    });
  });
  return true;
}
