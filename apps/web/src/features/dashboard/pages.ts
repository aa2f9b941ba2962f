// The three dashboard pages in one module: one lazy chunk, loaded only on these pages.
export { AtelierDashboardPage } from "./page/AtelierDashboardPage.tsx";
export { NationalDashboardPage } from "./page/NationalDashboardPage.tsx";
export { TerritoryDashboardPage } from "./page/TerritoryDashboardPage.tsx";
