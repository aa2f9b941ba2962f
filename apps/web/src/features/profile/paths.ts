/** The profile page's address: a tiny module so the header links to it without loading the page's code. */
export const PROFILE_PATH = "/profil";
