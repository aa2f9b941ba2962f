/**
 * Indicators, targets, national distance learning and exports. Values of "%"
 * indicators are percentages (12.5 means 12.5 %), and so are their targets.
 */
import {
  BASES,
  BREAKDOWNS,
  CONTRACT_INDICATOR_CODES,
  indicatorRange,
  REPORTING_COUNTS,
  SCOPE_RE,
  TARGET_FIRST_YEAR,
  TARGET_LAST_YEAR,
  traineeDaysProblem,
  YEAR_TYPES,
} from "@enquete/domain";
import { z } from "zod";
import { ZApiError } from "./common.ts";
import { ZListedStatus, ZPeriod } from "./reports.ts";

const ZYear = z.coerce
  .number({ error: "Année invalide : attendu AAAA, par exemple 2025." })
  .int("Année invalide : attendu AAAA, par exemple 2025.")
  .min(2016, "L'enquête commence en 2016.")
  .max(2100, "Année invalide.");
const ZYearType = z
  .enum(YEAR_TYPES, { error: "Type d'année : calendar (janvier–décembre) ou school (septembre–août)." })
  .default("calendar");
const ZUnit = z.enum(["nombre", "%"]).meta({ description: "nombre, ou % : la valeur est alors un pourcentage (12,5 pour 12,5 %)." });

// ---------------------------------------------------------------- GET /api/indicators

export const ZIndicatorsQuery = z
  .object({
    scope: z
      .string({ error: "Précisez le périmètre : national, territory:<code> ou atelier:<code>." })
      .regex(
        SCOPE_RE,
        "Périmètre invalide : national, territory:<code> (par exemple territory:normandie) ou atelier:<code> (par exemple atelier:86).",
      ),
    year: ZYear,
    yearType: ZYearType,
    basis: z
      .enum(BASES, { error: "Base : official (rapports validés) ou provisional (soumis et validés)." })
      .default("official")
      .meta({ description: "official : rapports validés seulement ; provisional : rapports soumis et validés." }),
    month: ZPeriod.optional().meta({ description: "Un mois de l'année choisie (AAAA-MM)." }),
    quarter: z.coerce
      .number({ error: "Le trimestre va de 1 à 4." })
      .int("Le trimestre va de 1 à 4.")
      .min(1, "Le trimestre va de 1 à 4.")
      .max(4, "Le trimestre va de 1 à 4.")
      .optional()
      .meta({ description: "Un trimestre de l'année choisie ; d'une année scolaire, 1 est septembre–novembre." }),
    breakdown: z.enum(BREAKDOWNS, { error: "Ventilation : territory, atelier, label, lab, espe ou month." }).optional().meta({
      description: "Ventilation : par territoire, atelier, statut de labellisation du mois, laboratoire des usages, ESPE/INSPÉ, mois.",
    }),
  })
  .superRefine((q, ctx) => {
    const range = indicatorRange(q);
    if ("problems" in range) for (const p of range.problems) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
  });
export type TIndicatorsQuery = z.infer<typeof ZIndicatorsQuery>;

const counts = Object.fromEntries(REPORTING_COUNTS.map((c) => [c, z.number().int()])) as Record<
  (typeof REPORTING_COUNTS)[number],
  z.ZodNumber
>;

export const ZCompleteness = z
  .object({
    ...counts,
    included: z.number().int().meta({ description: "Rapports que comptent les chiffres (selon la base)." }),
  })
  .meta({
    id: "Completeness",
    description:
      "expected : rapports attendus (atelier ouvert, mois terminé) ; submitted, validated, onTime : parmi eux, soumis ou validés, validés, soumis au plus tard le jour d'échéance.",
  });
export type TCompleteness = z.infer<typeof ZCompleteness>;

export const ZFiche = z
  .object({ contractTitle: z.string(), signification: z.string(), perimetre: z.string(), modeDeCalcul: z.string(), source: z.string() })
  .meta({ id: "IndicatorFiche" });

const ZValue = {
  value: z.number().nullable().meta({ description: "null quand un rapport n'a rien à diviser." }),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
};

/** One definition of a version-dependent indicator, as a figure used it. */
export const ZIndicatorDefinitionUsed = z
  .object({
    label: z.string().meta({ description: "En français, par exemple « Selon la fiche : jours de formation (questionnaire version 2) »." }),
    versions: z.array(z.number().int()).meta({ description: "Les versions du questionnaire auxquelles cette définition s'applique." }),
    reports: z.number().int().meta({ description: "Les rapports comptés de la période lus avec cette définition." }),
    numerator: z.number(),
    denominator: z.number(),
    value: z.number().nullable(),
  })
  .meta({ id: "IndicatorDefinitionUsed" });

export const ZIndicatorValue = z
  .object({
    code: z.string(),
    label: z.string(),
    unit: ZUnit,
    ...ZValue,
    target: z.number().optional().meta({ description: "Cible nationale de l'année civile." }),
    baseline: z.number().optional().meta({ description: "Valeur de référence (2016 pour le contrat 2017–2019)." }),
    baselineYear: z.number().int().optional(),
    reached: z.number().nullable().optional().meta({ description: "Part de la cible atteinte, en % (année civile entière seulement)." }),
    parts: z
      .array(z.object({ code: z.string(), label: z.string(), value: z.number() }))
      .optional()
      .meta({ description: "Les sources d'une somme : ateliers, MOOC, M@gistère (1-1 national)." }),
    previous: z
      .object({
        from: z.string(),
        to: z.string(),
        periodLabel: z
          .string()
          .meta({ description: "La même période un an plus tôt, par exemple « année 2024 » ou « janvier à mars 2024 »." }),
        value: z.number().nullable(),
        change: z.number().nullable().meta({
          description:
            "L'évolution : en % de la valeur précédente pour un nombre (taux de croissance), en points pour un pourcentage ; null quand l'une des deux valeurs manque ou que la précédente est nulle (pour un nombre).",
        }),
        changeUnit: z.enum(["%", "points"]),
      })
      .nullable()
      .optional()
      .meta({ description: "La même période de l'année précédente, même périmètre et même base ; null avant 2016." }),
    definitions: z.array(ZIndicatorDefinitionUsed).optional().meta({
      description:
        "Quand la formule dépend de la version du questionnaire (1-5) : chaque définition, les rapports comptés avec elle et ses termes. Le chiffre additionne les numérateurs et les dénominateurs de chaque rapport selon sa version.",
    }),
    fiche: ZFiche,
  })
  .meta({ id: "IndicatorValue" });

export const ZFigureValue = z
  .object({ code: z.string(), label: z.string(), unit: ZUnit, group: z.string(), ...ZValue })
  .meta({ id: "FigureValue" });

const ZGroupValue = z.object({ code: z.string(), ...ZValue });

export const ZBreakdownGroup = z
  .object({
    key: z.string(),
    label: z.string(),
    completeness: ZCompleteness,
    indicators: z.array(ZGroupValue),
    figures: z.array(ZGroupValue),
  })
  .meta({ id: "BreakdownGroup" });

export const ZIndicators = z
  .object({
    scope: z.string(),
    scopeLabel: z.string(),
    year: z.number().int(),
    yearType: z.enum(YEAR_TYPES),
    from: z.string(),
    to: z.string(),
    periodLabel: z.string(),
    basis: z.enum(BASES),
    completeness: ZCompleteness,
    indicators: z.array(ZIndicatorValue),
    figures: z.array(ZFigureValue),
    figureGroups: z.array(z.object({ code: z.string(), label: z.string() })),
    distanceLearning: z
      .object({ moocTraineeDays: z.number(), magistereTraineeDays: z.number(), months: z.number().int() })
      .optional()
      .meta({ description: "Formation à distance nationale de la période (périmètre national seulement) ; months : mois saisis." }),
    breakdown: z
      .object({ by: z.enum(BREAKDOWNS), label: z.string(), groups: z.array(ZBreakdownGroup) })
      .optional()
      .meta({ description: "La 1-1 des groupes ne comprend pas la formation à distance, qui n'appartient à aucun groupe." }),
  })
  .meta({ id: "Indicators" });
export type TIndicators = z.infer<typeof ZIndicators>;

// ---------------------------------------------------------------- targets

export const ZTargetParams = z.object({
  indicator: z.enum(CONTRACT_INDICATOR_CODES as [string, ...string[]], {
    error: `Indicateur inconnu : ${CONTRACT_INDICATOR_CODES.join(", ")}.`,
  }),
  year: z.coerce
    .number({ error: "Année invalide : attendu AAAA, par exemple 2027." })
    .int("Année invalide : attendu AAAA, par exemple 2027.")
    .min(TARGET_FIRST_YEAR, `Les cibles commencent en ${TARGET_FIRST_YEAR}.`)
    .max(TARGET_LAST_YEAR, "Année invalide."),
});
export type TTargetParams = z.infer<typeof ZTargetParams>;

export const ZSetTargetBody = z
  .strictObject({
    value: z.number({ error: "Saisissez la cible : un nombre (pour une part, un pourcentage : 15 pour 15 %)." }),
    isBaseline: z
      .boolean({ error: "isBaseline : true ou false." })
      .optional()
      .meta({ description: "true : valeur de référence de l'année, et non cible. Absent : inchangé (cible pour une nouvelle année)." }),
  })
  .meta({ id: "SetTargetBody" });
export type TSetTargetBody = z.infer<typeof ZSetTargetBody>;

export const ZTarget = z
  .object({
    indicatorCode: z.string(),
    year: z.number().int(),
    value: z.number(),
    isBaseline: z.boolean(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: "Target" });
export type TTarget = z.infer<typeof ZTarget>;
export const ZTargetList = z.array(ZTarget);

// ---------------------------------------------------------------- national distance learning

const traineeDays = (name: string) =>
  z.number({ error: `Saisissez les journées stagiaires ${name} : un nombre.` }).superRefine((v, ctx) => {
    const problem = traineeDaysProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ZDistanceLearningParams = z.object({ period: ZPeriod });

export const ZSetDistanceLearningBody = z
  .strictObject({ moocTraineeDays: traineeDays("MOOC"), magistereTraineeDays: traineeDays("M@gistère") })
  .meta({ id: "SetDistanceLearningBody" });
export type TSetDistanceLearningBody = z.infer<typeof ZSetDistanceLearningBody>;

export const ZDistanceLearningMonth = z
  .object({
    period: z.string(),
    moocTraineeDays: z.number(),
    magistereTraineeDays: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: "DistanceLearningMonth" });
export type TDistanceLearningMonth = z.infer<typeof ZDistanceLearningMonth>;

export const ZDistanceLearningQuery = z.object({ year: ZYear });

export const ZDistanceLearningYear = z
  .object({
    year: z.number().int(),
    months: z.array(ZDistanceLearningMonth),
    moocTraineeDays: z.number(),
    magistereTraineeDays: z.number(),
  })
  .meta({ id: "DistanceLearningYear" });
export type TDistanceLearningYear = z.infer<typeof ZDistanceLearningYear>;

export const ZDistanceLearningImportQuery = z.object({
  dryRun: z
    .enum(["1", "0", "true", "false"], { error: "dryRun : 1 (aperçu, rien n'est enregistré) ou 0 (import)." })
    .default("1")
    .transform((v) => v === "1" || v === "true")
    .meta({ description: "1 (par défaut) : aperçu sans rien enregistrer ; 0 : enregistre, si aucune ligne n'est refusée." }),
});

/** The CSV file itself (text/csv): columns period;moocTraineeDays;magistereTraineeDays, with a header line. */
export const ZDistanceLearningImportBody = z.string({ error: "Envoyez le fichier CSV dans le corps de la requête (text/csv)." }).meta({
  description: "En-tête obligatoire : period;moocTraineeDays;magistereTraineeDays (séparateur ; ou ,). Virgule décimale acceptée.",
});

export const ZDistanceLearningImportLine = z.object({
  line: z.number().int(),
  period: z.string(),
  moocTraineeDays: z.number(),
  magistereTraineeDays: z.number(),
  change: z.enum(["create", "update", "unchanged"]),
  previous: z.object({ moocTraineeDays: z.number(), magistereTraineeDays: z.number() }).nullable(),
});

export const ZDistanceLearningImportResult = z
  .object({
    dryRun: z.boolean(),
    written: z.boolean().meta({ description: "true : les lignes ont été enregistrées (toutes, en une transaction)." }),
    message: z.string(),
    lines: z.array(ZDistanceLearningImportLine),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .meta({ id: "DistanceLearningImportResult" });
export type TDistanceLearningImportResult = z.infer<typeof ZDistanceLearningImportResult>;

/** 422 of an import with rejected lines: nothing is written, the preview says why. */
export const ZDistanceLearningImportRefused = ZApiError.extend({ preview: ZDistanceLearningImportResult }).meta({
  id: "DistanceLearningImportRefused",
});

// ---------------------------------------------------------------- exports

// The statuses a report is listed with (not_started: expected, no report), from the reports' contract.
const EXPORT_STATUSES = ZListedStatus.options;
const STATUS_LIST_ERROR = `Statuts attendus, séparés par des virgules : ${EXPORT_STATUSES.join(", ")}.`;

/**
 * The reports export: `status` keeps the listed statuses only (not_started: a
 * report expected, that is an atelier open in a month that is over, with no
 * report: it gets its row, empty); `headers` names the columns by their French
 * labels (for people, the default) or by their codes (for scripts).
 */
export const ZReportsExportQuery = z.object({
  year: ZYear,
  yearType: ZYearType,
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === "") return undefined;
      const list = [...new Set(s.split(",").map((x) => x.trim()))];
      if (list.some((x) => !(EXPORT_STATUSES as readonly string[]).includes(x))) {
        ctx.addIssue({ code: "custom", message: STATUS_LIST_ERROR });
        return z.NEVER;
      }
      return list as (typeof EXPORT_STATUSES)[number][];
    })
    .meta({ description: `Filtre de statut, par exemple submitted,validated. ${STATUS_LIST_ERROR}` }),
  headers: z
    .enum(["labels", "codes"], { error: "En-têtes : labels (intitulés en français) ou codes (codes des champs)." })
    .default("labels"),
});
export type TReportsExportQuery = z.infer<typeof ZReportsExportQuery>;

export const ZIndicatorsExportQuery = z.object({ year: ZYear, yearType: ZYearType });
export type TIndicatorsExportQuery = z.infer<typeof ZIndicatorsExportQuery>;
