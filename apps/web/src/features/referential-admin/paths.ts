/** The referential pages' addresses: a tiny module so the home page links to them without loading their code. */
export const REFERENTIAL_PATH = "/administration/referentiel";
export const REFERENTIAL_IMPORT_PATH = `${REFERENTIAL_PATH}/import`;
export const atelierAdminPath = (code: string) => `${REFERENTIAL_PATH}/ateliers/${encodeURIComponent(code)}`;
