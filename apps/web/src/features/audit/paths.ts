/** The journal's address: a tiny module so the home page and an account's page link to it without loading its code. */
export const AUDIT_PATH = "/administration/journal";
export const AUDIT_TITLE = "Journal des actions";
export const AUDIT_PAGE_SIZE = 50;

/** The address parameters of the journal's filters (French keys, as in the other lists). */
export const AUDIT_PARAMS = { actor: "par", action: "action", subject: "sujet", from: "du", to: "au", page: "page" } as const;

/** The journal of one subject ("user:<id>"): every action on it. */
export const auditPathFor = (subject: string) => `${AUDIT_PATH}?${new URLSearchParams({ [AUDIT_PARAMS.subject]: subject })}`;
