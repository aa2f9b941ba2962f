import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { type DashboardSettings, dashboardYears, readSettings, settingsSearch } from "./settings.ts";

/** The settings in the address, and a way to change them (the address is replaced: the back button leaves the page). */
export function useDashboardSettings(): {
  settings: DashboardSettings;
  search: string;
  change: (next: Partial<DashboardSettings>) => void;
} {
  const [params, setParams] = useSearchParams();
  const settings = useMemo(() => readSettings(params), [params]);
  const change = (next: Partial<DashboardSettings>) => {
    const merged = { ...settings, ...next };
    // A school year is named by its September: keep the year when it exists in the other kind, else take the latest.
    const years = dashboardYears(merged.yearType);
    const year = years.includes(merged.year) ? merged.year : (years[0] ?? merged.year);
    setParams(new URLSearchParams(settingsSearch({ ...merged, year })), { replace: true });
  };
  return { settings, search: settingsSearch(settings), change };
}
