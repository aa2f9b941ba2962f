import type { TOpenDataRow } from "@enquete/contract";

export interface TerritoryRows {
  code: string;
  name: string;
  rows: TOpenDataRow[];
}

/** The rows of one year, split by scope: the nation's six, then each territory's, by name as French sorts them. */
export function scopesOf(rows: readonly TOpenDataRow[], year: number): { national: TOpenDataRow[]; territories: TerritoryRows[] } {
  const ofYear = rows.filter((r) => r.year === year);
  const byCode = new Map<string, TerritoryRows>();
  for (const row of ofYear) {
    if (row.scopeType !== "territoire") continue;
    const entry = byCode.get(row.scopeCode) ?? { code: row.scopeCode, name: row.scopeName, rows: [] };
    entry.rows.push(row);
    byCode.set(row.scopeCode, entry);
  }
  return {
    national: ofYear.filter((r) => r.scopeType === "national"),
    territories: [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}
