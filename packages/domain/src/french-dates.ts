/** French dates ("1er décembre"), issue 12, being written. */
export {};
