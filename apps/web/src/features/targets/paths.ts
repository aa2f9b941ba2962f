/** The targets page's address: a tiny module so the home and the dashboard link to it without loading the page's code. */
export const TARGETS_PATH = "/cibles";
