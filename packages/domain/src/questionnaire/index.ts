import { FORM_V1 } from "./v1.ts";

export * from "./catalogue.ts";
export * from "./changes.ts";
export * from "./describe.ts";
export * from "./numbers.ts";
export * from "./publication.ts";
export * from "./rules.ts";
export * from "./types.ts";
export * from "./upgrade.ts";
export * from "./version2.ts";
export { FORM_V1 };
