/** The accounts pages' addresses: a tiny module so the home page links to them without loading their code. */
export const ACCOUNTS_PATH = "/administration/comptes";
export const NEW_ACCOUNT_PATH = `${ACCOUNTS_PATH}/nouveau`;
export const accountPath = (id: string) => `${ACCOUNTS_PATH}/${encodeURIComponent(id)}`;

export const ACCOUNTS_PAGE_SIZE = 25;
export const ACCOUNTS_TITLE = "Comptes";
