export * from "./calendar.ts";
export * from "./identity.ts";
export * from "./indicators/index.ts";
export * from "./period.ts";
export * from "./questionnaire/index.ts";
export * from "./referential.ts";
export * from "./roles.ts";
export * from "./workflow.ts";
