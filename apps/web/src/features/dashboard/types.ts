import type { TIndicators } from "@enquete/contract";
import type { IndicatorScope } from "@enquete/domain";
import type { DashboardSettings } from "./settings.ts";

export type IndicatorValue = TIndicators["indicators"][number];
export type FigureValue = TIndicators["figures"][number];
export type Breakdown = NonNullable<TIndicators["breakdown"]>;
export type BreakdownGroup = Breakdown["groups"][number];

/** Everything a dashboard page shows, from one load. */
export type DashboardData = {
  scope: IndicatorScope;
  settings: DashboardSettings;
  /** The scope's figures, broken down one level down: territories, ateliers, or months for an atelier. */
  indicators: TIndicators;
  /** The twelve months of the year, for the curves. */
  months: Breakdown;
  /** National MOOC and M@gistère trainee-days per month (national scope only), added to 1-1's curve as to its value. */
  distanceLearning: ReadonlyMap<string, number>;
};
