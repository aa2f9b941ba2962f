export * from "./identity.ts";
export * from "./period.ts";
export * from "./referential.ts";
export * from "./roles.ts";
