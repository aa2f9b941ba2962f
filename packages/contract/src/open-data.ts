/** Open data of the closed years (issue 12, being written). */
export {};
