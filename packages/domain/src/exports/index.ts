/** Columns of the reports exports (issue 12, being written). */
export {};
