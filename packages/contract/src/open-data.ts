/**
 * Open data of the closed years (domain page, section 7.5): the national and
 * territorial values of the six contract indicators with their targets, read
 * without signing in, under the Etalab 2.0 licence. One row shape for the
 * JSON and the CSV; the CSV names each column by the snake_case of its JSON
 * key, and the schema document (a Table Schema) describes each of them.
 */
import { CONTRACT_INDICATOR_CODES } from "@enquete/domain";
import { z } from "zod";

export const OPEN_DATA_LICENCE = {
  name: "Licence Ouverte / Open Licence version 2.0",
  url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
} as const;
export const OPEN_DATA_PRODUCER = "Réseau Canopé";
/** The code of the national scope in the files (a territory has its own code). */
export const OPEN_DATA_NATIONAL_CODE = "FR";
export const OPEN_DATA_CSV_NAME = "indicateurs-enquete-atelier.csv";
export const OPEN_DATA_SCOPE_TYPES = ["national", "territoire"] as const;

export const ZOpenDataRow = z
  .object({
    year: z.number().int(),
    scopeType: z.enum(OPEN_DATA_SCOPE_TYPES),
    scopeCode: z.string(),
    scopeName: z.string(),
    indicatorCode: z.enum(CONTRACT_INDICATOR_CODES as [string, ...string[]]),
    indicatorLabel: z.string(),
    unit: z.enum(["nombre", "%"]),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    target: z.number().nullable(),
    targetReached: z.number().nullable(),
    baseline: z.number().nullable(),
    baselineYear: z.number().int().nullable(),
    basis: z.literal("validated"),
    completenessExpected: z.number().int(),
    completenessValidated: z.number().int(),
  })
  .meta({ id: "OpenDataRow", description: "Une valeur d'un indicateur du contrat, pour une année close et un périmètre." });
export type TOpenDataRow = z.infer<typeof ZOpenDataRow>;

export const ZOpenDataYear = z
  .object({
    year: z.number().int(),
    from: z.string().meta({ description: "Premier mois de l'année civile (AAAA-MM)." }),
    to: z.string().meta({ description: "Dernier mois (AAAA-MM)." }),
    closedAt: z.string().meta({ description: "Date et heure de la clôture de l'année, qui la publie (ISO 8601)." }),
  })
  .meta({ id: "OpenDataYear" });
export type TOpenDataYear = z.infer<typeof ZOpenDataYear>;

export const ZOpenDataIndicators = z
  .object({
    licence: z.object({ name: z.string(), url: z.string() }),
    producer: z.string(),
    schema: z.string().meta({ description: "Adresse du schéma des données (Table Schema)." }),
    generatedAt: z.string().meta({ description: "Date et heure du calcul des données publiées (ISO 8601)." }),
    years: z.array(ZOpenDataYear).meta({ description: "Les années closes, donc publiées ; vide avant la première clôture." }),
    rows: z.array(ZOpenDataRow),
  })
  .meta({ id: "OpenDataIndicators" });
export type TOpenDataIndicators = z.infer<typeof ZOpenDataIndicators>;

/** The Table Schema types the columns use (frictionless specification). */
export type OpenDataColumnType = "integer" | "number" | "string" | "year";

export interface OpenDataColumn {
  /** The JSON key of the row. */
  key: keyof TOpenDataRow;
  title: string;
  description: string;
  type: OpenDataColumnType;
  required: boolean;
  example: string;
  enum?: readonly string[];
  minimum?: number;
}

/** The columns, in the order of the CSV. Their snake_case names are derived from the keys (snakeCase). */
export const OPEN_DATA_COLUMNS: readonly OpenDataColumn[] = [
  {
    key: "year",
    title: "Année",
    description: "Année civile (janvier à décembre) des chiffres, close par la direction nationale.",
    type: "year",
    required: true,
    example: "2025",
  },
  {
    key: "scopeType",
    title: "Type de périmètre",
    description:
      "national : l'ensemble du réseau ; territoire : une direction territoriale, avec les rapports de ses ateliers pour les mois où ils lui appartenaient.",
    type: "string",
    required: true,
    example: "territoire",
    enum: OPEN_DATA_SCOPE_TYPES,
  },
  {
    key: "scopeCode",
    title: "Code du périmètre",
    description: `${OPEN_DATA_NATIONAL_CODE} pour le national, sinon le code de la direction territoriale.`,
    type: "string",
    required: true,
    example: "normandie",
  },
  {
    key: "scopeName",
    title: "Nom du périmètre",
    description: "Nom du réseau ou de la direction territoriale.",
    type: "string",
    required: true,
    example: "Normandie",
  },
  {
    key: "indicatorCode",
    title: "Code de l'indicateur",
    description: "Numéro de l'indicateur dans le contrat d'objectifs et de performance.",
    type: "string",
    required: true,
    example: "2-2-2",
    enum: CONTRACT_INDICATOR_CODES,
  },
  {
    key: "indicatorLabel",
    title: "Indicateur",
    description: "Intitulé de l'indicateur.",
    type: "string",
    required: true,
    example: "Bénéficiaires de l'offre des ateliers",
  },
  {
    key: "unit",
    title: "Unité",
    description: "nombre, ou % : la valeur, la cible et la valeur de référence sont alors des pourcentages (12.5 pour 12,5 %).",
    type: "string",
    required: true,
    example: "nombre",
    enum: ["nombre", "%"],
  },
  {
    key: "value",
    title: "Valeur",
    description:
      "Valeur de l'indicateur sur les rapports validés. Vide quand aucun rapport n'est compté ou qu'une part n'a rien à diviser (ce n'est pas zéro).",
    type: "number",
    required: false,
    example: "1250",
  },
  {
    key: "numerator",
    title: "Numérateur",
    description: "Pour une part : la somme des numérateurs des rapports. Vide pour un nombre.",
    type: "number",
    required: false,
    example: "45",
  },
  {
    key: "denominator",
    title: "Dénominateur",
    description:
      "Pour une part : la somme des dénominateurs des rapports (la part est leur rapport, jamais une moyenne de parts). Vide pour un nombre.",
    type: "number",
    required: false,
    example: "300",
  },
  {
    key: "target",
    title: "Cible",
    description:
      "Cible nationale de l'année fixée au contrat. Un territoire porte celle des parts (%) seulement : la cible d'un nombre vaut pour le réseau entier. Vide sans cible.",
    type: "number",
    required: false,
    example: "680000",
  },
  {
    key: "targetReached",
    title: "Part de la cible atteinte (%)",
    description: "Valeur divisée par la cible, en pourcentage (100 : cible atteinte). Vide sans cible ou sans valeur.",
    type: "number",
    required: false,
    example: "97.85",
  },
  {
    key: "baseline",
    title: "Valeur de référence",
    description: "Valeur de référence du contrat (par exemple celle de 2016 pour le contrat 2017–2019). Vide quand il n'y en a pas.",
    type: "number",
    required: false,
    example: "447826",
  },
  {
    key: "baselineYear",
    title: "Année de la valeur de référence",
    description: "Vide sans valeur de référence.",
    type: "year",
    required: false,
    example: "2016",
  },
  {
    key: "basis",
    title: "Base",
    description: "validated : chiffres officiels, établis sur les seuls rapports validés par les directions territoriales.",
    type: "string",
    required: true,
    example: "validated",
    enum: ["validated"],
  },
  {
    key: "completenessExpected",
    title: "Rapports attendus",
    description: "Rapports mensuels attendus du périmètre sur l'année (un par atelier ouvert et par mois).",
    type: "integer",
    required: true,
    example: "96",
    minimum: 0,
  },
  {
    key: "completenessValidated",
    title: "Rapports validés",
    description: "Parmi les rapports attendus, ceux qui sont validés, donc comptés dans la valeur.",
    type: "integer",
    required: true,
    example: "90",
    minimum: 0,
  },
];

/** scopeType → scope_type: the CSV column of a JSON key. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A Table Schema (https://specs.frictionlessdata.io/table-schema/), as schema.data.gouv.fr publishes them. */
export const ZOpenDataSchema = z
  .object({
    $schema: z.string(),
    name: z.string(),
    title: z.string(),
    description: z.string(),
    countryCode: z.string(),
    homepage: z.string(),
    path: z.string(),
    resources: z.array(z.object({ title: z.string(), path: z.string() })),
    version: z.string(),
    contributors: z.array(z.object({ title: z.string(), role: z.string() })),
    licenses: z.array(z.object({ title: z.string(), name: z.string(), path: z.string() })),
    missingValues: z.array(z.string()),
    fields: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        description: z.string(),
        type: z.enum(["integer", "number", "string", "year"]),
        example: z.string(),
        constraints: z.object({
          required: z.boolean(),
          enum: z.array(z.string()).optional(),
          minimum: z.number().optional(),
        }),
      }),
    ),
    primaryKey: z.array(z.string()),
  })
  .meta({ id: "OpenDataSchema" });
export type TOpenDataSchema = z.infer<typeof ZOpenDataSchema>;
