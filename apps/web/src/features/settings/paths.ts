/** The settings page's address: a tiny module so the home page links to it without loading the page's code. */
export const SETTINGS_PATH = "/parametres";
