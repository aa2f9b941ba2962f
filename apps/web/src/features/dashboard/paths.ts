/** The dashboard's addresses: kept apart from the pages, so that a link to them does not load the dashboard's code. */
export const DASHBOARD_PATH = "/tableau-de-bord";

export function territoryDashboardPath(code: string): string {
  return `${DASHBOARD_PATH}/territoires/${encodeURIComponent(code)}`;
}

export function atelierDashboardPath(code: string): string {
  return `${DASHBOARD_PATH}/ateliers/${encodeURIComponent(code)}`;
}
