/**
 * The referential shipped with the platform (12 territories, 101 ateliers),
 * loaded on the first start of an empty database. Later changes are made on
 * the platform and are never overwritten by this file.
 */
import { readFileSync } from "node:fs";
import { atelierName } from "@enquete/domain";
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { ateliers, atelierTerritories, territories } from "../schema.ts";

export const REFERENTIAL_START = "2016-01-01";

function readCsv(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8").replace(/^\uFEFF/, "");
  const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const columns = (head ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, (cells[i] ?? "").trim()]));
  });
}

export function referentialData() {
  const terr = readCsv("territories.csv").map((r) => ({ code: r.territory_code ?? "", name: r.name ?? "" }));
  const at = readCsv("ateliers.csv").map((r) => ({
    code: r.atelier_code ?? "",
    name: atelierName(r.atelier_code ?? "", r.ville ?? ""),
    departement: r.departement ?? "",
    city: r.ville ?? "",
    territoryCode: r.territory_code ?? "",
  }));
  return { territories: terr, ateliers: at };
}

/** Loads the referential if the database has none. Returns whether it did. */
export async function seedReferential(db: Db): Promise<boolean> {
  const data = referentialData();
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72615002)`);
    const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(territories);
    if (count > 0) return false;
    await tx.insert(territories).values(data.territories);
    // The network existed before the survey: every atelier is open from its first month.
    await tx.insert(ateliers).values(data.ateliers.map(({ territoryCode: _t, ...a }) => ({ ...a, openedOn: REFERENTIAL_START })));
    await tx
      .insert(atelierTerritories)
      .values(data.ateliers.map((a) => ({ atelierCode: a.code, territoryCode: a.territoryCode, validFrom: REFERENTIAL_START })));
    return true;
  });
}
