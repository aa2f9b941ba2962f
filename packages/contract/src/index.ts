export * from "./auth.ts";
export * from "./campaign.ts";
export * from "./common.ts";
export * from "./indicators.ts";
export * from "./notifications.ts";
export * from "./referential.ts";
export * from "./reports.ts";
export * from "./users.ts";
