/**
 * One load per page and settings: the scope's figures broken down one level
 * down, the same year month by month for the curves, and, nationally, the
 * distance learning that 1-1 adds month by month.
 */
import { formatScope, type IndicatorScope, yearMonths } from "@enquete/domain";
import { fetchDistanceLearning, fetchIndicators } from "../../api/indicators.ts";
import type { DashboardSettings } from "./settings.ts";
import type { DashboardData } from "./types.ts";

const ONE_LEVEL_DOWN = { national: "territory", territory: "atelier", atelier: "month" } as const;

async function distanceLearningByMonth(settings: DashboardSettings, signal: AbortSignal): Promise<Map<string, number>> {
  const months = yearMonths(settings.year, settings.yearType);
  const years = settings.yearType === "school" ? [settings.year, settings.year + 1] : [settings.year];
  const answers = await Promise.all(years.map((year) => fetchDistanceLearning(year, signal)));
  const byMonth = new Map<string, number>();
  for (const answer of answers) {
    for (const m of answer.months) {
      if (months.includes(m.period)) byMonth.set(m.period, m.moocTraineeDays + m.magistereTraineeDays);
    }
  }
  return byMonth;
}

export async function loadDashboard(scope: IndicatorScope, settings: DashboardSettings, signal: AbortSignal): Promise<DashboardData> {
  const query = { scope: formatScope(scope), ...settings };
  const main = fetchIndicators({ ...query, breakdown: ONE_LEVEL_DOWN[scope.kind] }, signal);
  const monthly = scope.kind === "atelier" ? main : fetchIndicators({ ...query, breakdown: "month" }, signal);
  const extra = scope.kind === "national" ? distanceLearningByMonth(settings, signal) : Promise.resolve(new Map<string, number>());
  const [indicators, months, distanceLearning] = await Promise.all([main, monthly, extra]);
  if (!months.breakdown) throw new Error("La ventilation par mois manque dans la réponse du serveur.");
  return { scope, settings, indicators, months: months.breakdown, distanceLearning };
}
