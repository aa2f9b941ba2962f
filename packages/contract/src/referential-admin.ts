/**
 * The referential over time (domain page, section 7.3): the administrators'
 * routes that open, rename, move and close ateliers, date their attributes,
 * create and rename territories, and import a referential file. Every change
 * takes effect from a month (`YYYY-MM`).
 */
import { LABEL_STATUSES } from "@enquete/domain";
import { z } from "zod";
import { ZApiError, ZAtelierCode, ZTerritoryCode } from "./common.ts";
import { ZPeriod } from "./reports.ts";

const ZName = z
  .string()
  .trim()
  .min(2, "Le nom doit compter au moins 2 caractères.")
  .max(120, "Le nom doit compter au plus 120 caractères.");
const ZCity = z.string().trim().min(1, "Indiquez la ville de l'atelier.").max(80, "La ville doit compter au plus 80 caractères.");

export const ZCreateTerritoryBody = z.object({ code: ZTerritoryCode, name: ZName }).meta({ id: "CreateTerritoryBody" });
export type TCreateTerritoryBody = z.infer<typeof ZCreateTerritoryBody>;

export const ZRenameTerritoryBody = z.object({ name: ZName }).meta({ id: "RenameTerritoryBody" });
export type TRenameTerritoryBody = z.infer<typeof ZRenameTerritoryBody>;

export const ZOpenAtelierBody = z
  .object({
    code: ZAtelierCode,
    name: ZName,
    city: ZCity,
    territoryCode: ZTerritoryCode,
    openFrom: ZPeriod.meta({ description: "Premier mois où l'atelier est ouvert (et attendu dès que ce mois est terminé)." }),
    departement: z
      .string()
      .trim()
      .min(2)
      .max(80)
      .optional()
      .meta({ description: "Nom du département ; par défaut celui de l'atelier du même code de département." }),
    labellisation: z.enum(LABEL_STATUSES).optional(),
    lab: z.boolean().optional(),
    espe: z.boolean().optional(),
  })
  .meta({ id: "OpenAtelierBody" });
export type TOpenAtelierBody = z.infer<typeof ZOpenAtelierBody>;

export const ZRenameAtelierBody = z
  .object({ name: ZName.optional(), city: ZCity.optional() })
  .refine((b) => b.name !== undefined || b.city !== undefined, { message: "Indiquez un nouveau nom ou une nouvelle ville." })
  .meta({ id: "RenameAtelierBody" });
export type TRenameAtelierBody = z.infer<typeof ZRenameAtelierBody>;

export const ZMoveAtelierBody = z
  .object({
    territoryCode: ZTerritoryCode,
    from: ZPeriod.meta({ description: "Premier mois rattaché à la nouvelle direction territoriale." }),
  })
  .meta({ id: "MoveAtelierBody" });
export type TMoveAtelierBody = z.infer<typeof ZMoveAtelierBody>;

export const ZCloseAtelierBody = z
  .object({ from: ZPeriod.meta({ description: "Premier mois où l'atelier est fermé (plus aucun rapport attendu)." }) })
  .meta({ id: "CloseAtelierBody" });
export type TCloseAtelierBody = z.infer<typeof ZCloseAtelierBody>;

export const ZAtelierAttributesBody = z
  .object({
    from: ZPeriod,
    labellisation: z.enum(LABEL_STATUSES).optional(),
    lab: z.boolean().optional().meta({ description: "Accueille un laboratoire des usages." }),
    espe: z.boolean().optional().meta({ description: "Implanté dans une ESPE/INSPÉ." }),
  })
  .refine((b) => b.labellisation !== undefined || b.lab !== undefined || b.espe !== undefined, {
    message: "Indiquez au moins un attribut à changer.",
  })
  .meta({ id: "AtelierAttributesBody" });
export type TAtelierAttributesBody = z.infer<typeof ZAtelierAttributesBody>;

/** A dated value: holds from its month (inclusive) to the next one's. */
const dated = <T extends z.ZodType>(value: T) => z.object({ from: ZPeriod, value });

export const ZAtelierHistory = z
  .object({
    code: z.string(),
    name: z.string(),
    city: z.string(),
    departement: z.string(),
    openFrom: ZPeriod.meta({ description: "Mois d'ouverture." }),
    closedFrom: ZPeriod.nullable().meta({ description: "Premier mois fermé ; null : ouvert." }),
    territoryCode: z.string().nullable().meta({ description: "Direction territoriale du mois en cours." }),
    territories: z
      .array(
        z.object({
          territoryCode: z.string(),
          territoryName: z.string(),
          from: ZPeriod,
          to: ZPeriod.nullable().meta({ description: "Dernier mois de ce rattachement ; null : toujours en cours." }),
        }),
      )
      .meta({ description: "Les rattachements successifs, le plus ancien d'abord." }),
    labellisation: z.array(dated(z.enum(LABEL_STATUSES))),
    lab: z.array(dated(z.boolean())),
    espe: z.array(dated(z.boolean())),
    changes: z
      .array(
        z.object({
          at: z.string().meta({ description: "Instant ISO 8601 de la modification." }),
          actor: z.string(),
          action: z.string().meta({ description: "Code stable : atelier.opened, atelier.renamed, atelier.moved, atelier.closed…" }),
          description: z.string().meta({ description: "La modification, en français." }),
        }),
      )
      .meta({ description: "Les modifications du référentiel de cet atelier, la plus récente d'abord." }),
  })
  .meta({ id: "AtelierHistory" });
export type TAtelierHistory = z.infer<typeof ZAtelierHistory>;

export const ZMoveAtelierResult = z
  .object({
    history: ZAtelierHistory,
    movedReports: z.number().int().meta({ description: "Rapports rattachés à la nouvelle direction territoriale." }),
  })
  .meta({ id: "MoveAtelierResult" });
export type TMoveAtelierResult = z.infer<typeof ZMoveAtelierResult>;

export const ZReferentialImportBody = z.string({ error: "Envoyez le fichier CSV dans le corps de la requête (text/csv)." }).meta({
  description:
    "Le fichier CSV : en-tête type;code;nom;ville;departement;direction_territoriale;a_partir_de;labellisation;laboratoire;espe.",
});

export const ZReferentialImportQuery = z.object({
  dryRun: z.enum(["0", "1"]).default("1").meta({ description: "1 (par défaut) : aperçu sans rien écrire ; 0 : applique tout ou rien." }),
});
export type TReferentialImportQuery = z.infer<typeof ZReferentialImportQuery>;

export const ZReferentialImportResult = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().meta({ description: "Vrai quand les changements ont été écrits (dryRun=0 sans ligne refusée)." }),
    lines: z.number().int().meta({ description: "Lignes de données lues (en-tête exclu)." }),
    changes: z.array(
      z.object({
        line: z.number().int(),
        kind: z.enum([
          "territory.created",
          "territory.renamed",
          "atelier.opened",
          "atelier.renamed",
          "atelier.moved",
          "atelier.closed",
          "atelier.attributes",
        ]),
        subject: z.string().meta({ description: "Code de l'atelier ou de la direction territoriale." }),
        description: z.string().meta({ description: "Le changement, en français." }),
      }),
    ),
    refused: z.array(z.object({ line: z.number().int(), reason: z.string().meta({ description: "La raison, en français." }) })),
  })
  .meta({ id: "ReferentialImportResult" });
export type TReferentialImportResult = z.infer<typeof ZReferentialImportResult>;

/**
 * The answer of an import with dryRun=0 while a line is refused (422): the
 * one error shape, with the whole preview beside it, so the refused lines can
 * be shown without asking again. Nothing is written.
 */
export const ZReferentialImportRefused = ZApiError.extend(ZReferentialImportResult.shape).meta({ id: "ReferentialImportRefused" });
export type TReferentialImportRefused = z.infer<typeof ZReferentialImportRefused>;
