/** The file the import expects, as the page states it (and offers it as a template). */
export const CSV_EXAMPLE = ["period;moocTraineeDays;magistereTraineeDays", "2025-01;1 250,5;830", "2025-02;1 104;795,25", ""].join("\n");

export const CSV_TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(CSV_EXAMPLE)}`;
