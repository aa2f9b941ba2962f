/**
 * The groups of a breakdown: named, ordered, each with its completeness, its
 * contract indicators (without national distance learning, which belongs to
 * no group) and its figures.
 */
import type { TIndicators } from "@enquete/contract";
import {
  aggregatedFields,
  atelierName,
  attributeGroupLabel,
  BREAKDOWN_LABELS,
  type Breakdown,
  CONTRACT_INDICATORS,
  compareAtelierCodes,
  dashboardFigures,
  evaluateFigure,
  evaluateIndicator,
  type FormCatalogue,
  LABEL_STATUSES,
  UNKNOWN_KEY,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import type { AggregateRow } from "./aggregation.ts";
import * as repo from "./repository.ts";

type Named = { key: string; label: string; row: AggregateRow };

async function named(db: Db, breakdown: Breakdown, groups: Map<string, AggregateRow>): Promise<Named[]> {
  const entries = [...groups];
  if (breakdown === "territory") {
    const names = await repo.territoryNames(db);
    return entries.map(([key, row]) => ({ key, label: names.get(key) ?? key, row })).sort((a, b) => a.label.localeCompare(b.label, "fr"));
  }
  if (breakdown === "atelier") {
    const cities = await repo.atelierCities(
      db,
      entries.map(([key]) => key),
    );
    return entries
      .map(([key, row]) => ({ key, label: atelierName(key, cities.get(key) ?? ""), row }))
      .sort((a, b) => compareAtelierCodes(a.key, b.key) || a.key.localeCompare(b.key));
  }
  const order: readonly string[] =
    breakdown === "label" ? [...LABEL_STATUSES, UNKNOWN_KEY] : breakdown === "month" ? entries.map(([k]) => k).sort() : ["true", "false"];
  return entries
    .map(([key, row]) => ({ key, label: attributeGroupLabel(breakdown, key), row }))
    .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

export async function breakdownGroups(
  db: Db,
  breakdown: Breakdown,
  groups: Map<string, AggregateRow>,
  forms: FormCatalogue,
): Promise<NonNullable<TIndicators["breakdown"]>> {
  const figures = dashboardFigures(aggregatedFields(forms));
  return {
    by: breakdown,
    label: BREAKDOWN_LABELS[breakdown],
    groups: (await named(db, breakdown, groups)).map(({ key, label, row }) => ({
      key,
      label,
      completeness: { ...row.counts },
      // A group's value is its sums' ratio like the whole's; the definitions it used are named for the whole scope.
      indicators: CONTRACT_INDICATORS.map((def) => {
        const { parts: _parts, definitions: _definitions, ...value } = evaluateIndicator(def, row.totals, { national: false, forms });
        return value;
      }),
      figures: figures.map((def) => evaluateFigure(def, row.totals, row.counts, forms)),
    })),
  };
}
