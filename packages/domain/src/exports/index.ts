/** Columns of the reports exports and the lateness they show (domain page, section 7.5). */
export * from "./lateness.ts";
export * from "./report-columns.ts";
