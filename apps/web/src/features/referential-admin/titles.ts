/** The referential's page title, shared by its pages' breadcrumbs. */
export const REFERENTIAL_TITLE = "Référentiel : ateliers et directions territoriales";
