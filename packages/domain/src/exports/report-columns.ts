/**
 * The columns of the reports exports (domain page, section 7.5), written
 * once: the CSV for scripts and the XLSX for people have the same columns in
 * the same order, each with a French label (headers for people), a stable
 * code (headers for scripts, `headers=codes`), a type that decides how a cell
 * is written (one number format per column) and a meaning (the workbook's
 * "Colonnes" sheet).
 */
import type { FormCatalogue } from "../questionnaire/catalogue.ts";
import type { FieldDef, FieldType, FormDefinition } from "../questionnaire/types.ts";

/**
 * text: kept as typed ("01" stays "01"); integer and decimal: numbers;
 * date: a day (YYYY-MM-DD); month: a month (YYYY-MM); datetime: an instant,
 * written as Paris wall-clock time; boolean: "oui" / "non".
 */
export type ExportColumnType = "text" | "integer" | "decimal" | "date" | "month" | "datetime" | "boolean";

export interface ExportColumn {
  code: string;
  label: string;
  type: ExportColumnType;
  meaning: string;
}

/** The columns before the questionnaire's fields. */
export const REPORT_META_COLUMNS = [
  { code: "atelierCode", label: "Code de l'atelier", type: "text", meaning: "Code du département de l'atelier (01, 2A, 971…), en texte." },
  { code: "atelierName", label: "Atelier", type: "text", meaning: "Nom de l'atelier Canopé." },
  { code: "departement", label: "Département", type: "text", meaning: "Département de l'atelier." },
  {
    code: "territoryCode",
    label: "Code de la direction territoriale",
    type: "text",
    meaning: "Direction territoriale dont l'atelier relevait ce mois-là (code).",
  },
  {
    code: "territoryName",
    label: "Direction territoriale",
    type: "text",
    meaning: "Direction territoriale dont l'atelier relevait ce mois-là (nom).",
  },
  {
    code: "labellisation",
    label: "Labellisation",
    type: "text",
    meaning: "Statut de labellisation de l'atelier ce mois-là : Labellisé, Labellisation en cours ou Non engagé.",
  },
  {
    code: "lab",
    label: "Laboratoire des usages",
    type: "boolean",
    meaning: "L'atelier accueillait un laboratoire des usages ce mois-là (oui / non).",
  },
  {
    code: "espe",
    label: "Situé dans une ESPE/INSPÉ",
    type: "boolean",
    meaning: "L'atelier était situé dans une ESPE/INSPÉ ce mois-là (oui / non).",
  },
  {
    code: "period",
    label: "Mois",
    type: "month",
    meaning: "Mois du rapport (AAAA-MM dans le CSV, une date au 1er du mois dans le classeur).",
  },
  {
    code: "status",
    label: "Code du statut",
    type: "text",
    meaning: "not_started (rapport attendu et absent), draft, submitted, returned ou validated.",
  },
  {
    code: "statusLabel",
    label: "Statut",
    type: "text",
    meaning: "Statut du rapport : Non commencé, Brouillon, Soumis, Renvoyé ou Validé.",
  },
  {
    code: "dueDate",
    label: "Date limite",
    type: "date",
    meaning: "Date limite de soumission du rapport (jour d'échéance du mois suivant).",
  },
  {
    code: "late",
    label: "En retard",
    type: "boolean",
    meaning:
      "Première soumission après la date limite, ou rapport toujours pas soumis après elle ; un rapport renvoyé puis soumis à nouveau garde le retard de sa première soumission.",
  },
  {
    code: "daysLate",
    label: "Jours de retard",
    type: "integer",
    meaning:
      "Jours entre la date limite et la première soumission (ou la date de l'export pour un rapport pas encore soumis) ; 0 sans retard.",
  },
  {
    code: "version",
    label: "Version du rapport",
    type: "integer",
    meaning: "Numéro de version du rapport, augmenté à chaque enregistrement ou décision ; vide pour un rapport absent.",
  },
  {
    code: "formVersion",
    label: "Version du questionnaire",
    type: "integer",
    meaning: "Version du questionnaire avec laquelle le rapport a été rempli.",
  },
  { code: "firstSubmittedAt", label: "Première soumission", type: "datetime", meaning: "Date et heure (Paris) de la première soumission." },
  { code: "lastSubmittedAt", label: "Dernière soumission", type: "datetime", meaning: "Date et heure (Paris) de la dernière soumission." },
  { code: "validatedAt", label: "Validé le", type: "datetime", meaning: "Date et heure (Paris) de la validation, pour un rapport validé." },
  {
    code: "validatedBy",
    label: "Validé par",
    type: "text",
    meaning: "Personne qui a validé le rapport (dernière validation), pour un rapport validé.",
  },
  {
    code: "lastReturnComment",
    label: "Dernier commentaire de renvoi",
    type: "text",
    meaning: "Commentaire du dernier renvoi du rapport à l'atelier.",
  },
  { code: "lastReturnedAt", label: "Dernier renvoi le", type: "datetime", meaning: "Date et heure (Paris) du dernier renvoi." },
  { code: "lastReturnedBy", label: "Dernier renvoi par", type: "text", meaning: "Personne qui a renvoyé le rapport la dernière fois." },
  {
    code: "justifications",
    label: "Justifications",
    type: "text",
    meaning:
      "Pour chaque avertissement justifié à la soumission : l'avertissement, puis la justification de l'atelier (séparés par « | »).",
  },
  {
    code: "reopenings",
    label: "Réouvertures",
    type: "integer",
    meaning: "Nombre de réouvertures d'un rapport validé par la direction nationale.",
  },
  {
    code: "lastReopenedAt",
    label: "Dernière réouverture le",
    type: "datetime",
    meaning:
      "Date et heure (Paris) de la dernière réouverture (les dates de soumission et de validation d'avant restent dans l'historique).",
  },
  {
    code: "lastReopenedBy",
    label: "Dernière réouverture par",
    type: "text",
    meaning: "Personne qui a rouvert le rapport la dernière fois.",
  },
  { code: "lastReopenReason", label: "Motif de la dernière réouverture", type: "text", meaning: "Motif donné à la dernière réouverture." },
] as const satisfies readonly ExportColumn[];

export type ReportMetaCode = (typeof REPORT_META_COLUMNS)[number]["code"];

/** The last column, after the fields'. */
export const REPORT_NOTES_COLUMN: ExportColumn = {
  code: "notes",
  label: "Notes sur les chiffres",
  type: "text",
  meaning: "Notes de l'atelier sur ses chiffres : le champ, puis la note (séparés par « | »).",
};

/** Every code the reports exports use for their own columns: a questionnaire field must never take one. */
export const REPORT_EXPORT_CODES: readonly string[] = [...REPORT_META_COLUMNS.map((c) => c.code), REPORT_NOTES_COLUMN.code];

const FIELD_TYPES: Record<FieldType, ExportColumnType> = { integer: "integer", decimal: "decimal", text: "text" };

/** A questionnaire field's column: its label as the most recent version that has it words it. */
export function fieldColumn(field: FieldDef, versions: readonly number[]): ExportColumn {
  const which = versions.length === 1 ? `version ${versions[0]}` : `versions ${versions.join(", ")}`;
  const unit = field.type === "decimal" ? "nombre décimal" : field.type === "integer" ? "nombre entier" : "texte";
  return {
    code: field.code,
    label: field.label,
    type: FIELD_TYPES[field.type],
    meaning: `Champ du questionnaire (${which}), ${unit}${field.kind === "snapshot" ? ", état au dernier jour du mois" : ""} ; vide quand la version du rapport n'a pas ce champ ou qu'il n'a pas été saisi.`,
  };
}

/**
 * Every column of the exports, in order: the report's own, one per field of
 * every published questionnaire version (version 1's in the order of its
 * form, then each later version's new ones), the notes.
 */
export function reportExportColumns(forms: FormCatalogue): ExportColumn[] {
  const fields = forms.allFields().map((f) => fieldColumn(f, forms.versionsWith(f.code)));
  return [...REPORT_META_COLUMNS, ...fields, REPORT_NOTES_COLUMN];
}

/** A column's header: its French label for people, its code for scripts. */
export type ExportHeaders = "labels" | "codes";
export const columnHeader = (column: ExportColumn, headers: ExportHeaders) => (headers === "codes" ? column.code : column.label);

/**
 * The wording of a justified warning, from the report's own questionnaire:
 * the rule's message, with the field's label for a figure flagged as unusual
 * (its code is `rule:field`). An unknown code is kept as it is.
 */
export function justificationLabel(form: FormDefinition | undefined, code: string): string {
  const [ruleCode = code, fieldCode] = code.split(":");
  const rule = form?.rules.find((r) => r.code === ruleCode);
  if (!rule) return code;
  if (!fieldCode) return rule.message;
  const field = form?.sections.flatMap((s) => s.fields).find((f) => f.code === fieldCode);
  return `${field?.label ?? fieldCode} : ${rule.message}`;
}
