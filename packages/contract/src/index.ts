export * from "./auth.ts";
export * from "./common.ts";
export * from "./referential.ts";
export * from "./users.ts";
