/** The questionnaire screens' addresses: a tiny module so the menu and the settings page link to them without loading their code. */
export const QUESTIONNAIRE_PATH = "/parametres/questionnaire";
export const QUESTIONNAIRE_TITLE = "Versions du questionnaire";

export const questionnaireVersionPath = (version: number) => `${QUESTIONNAIRE_PATH}/${version}`;
