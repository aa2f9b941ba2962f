/**
 * One load of the targets page: the targets and the national values (official
 * figures) of the last years and the current one. Indicators are costly calculations,
 * limited per person: two at a time, the API's limit of concurrent ones.
 */
import type { TIndicators, TTarget } from "@enquete/contract";
import { fetchIndicators } from "../../api/indicators.ts";
import { fetchTargets } from "../../api/targets.ts";
import { valueYears } from "./targetYears.ts";

export type YearValues = ReadonlyMap<number, TIndicators>;
export type TargetsData = { targets: TTarget[]; values: YearValues };

const AT_ONCE = 2;

async function nationalValues(years: readonly number[], signal: AbortSignal): Promise<Map<number, TIndicators>> {
  const out = new Map<number, TIndicators>();
  const queue = [...years];
  const worker = async () => {
    for (let year = queue.shift(); year !== undefined; year = queue.shift()) {
      out.set(year, await fetchIndicators({ scope: "national", year, yearType: "calendar", basis: "official" }, signal));
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, years.length) }, worker));
  return out;
}

export async function loadTargets(currentYear: number, signal: AbortSignal): Promise<TargetsData> {
  const [targets, values] = await Promise.all([fetchTargets(signal), nationalValues(valueYears(currentYear), signal)]);
  return { targets, values };
}
