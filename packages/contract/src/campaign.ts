import { z } from "zod";
import { ZAtelierCode, ZTerritoryCode } from "./common.ts";
import { ZListedStatus, ZPeriod } from "./reports.ts";

export const ZBatchValidateBody = z
  .object({
    period: ZPeriod,
    atelierCodes: z.array(ZAtelierCode).min(1, "Choisissez au moins un rapport.").max(200, "200 rapports au plus à la fois."),
  })
  .meta({ id: "BatchValidateBody" });
export type TBatchValidateBody = z.infer<typeof ZBatchValidateBody>;

export const ZBatchValidateResult = z
  .object({
    validated: z.array(z.string()),
    refused: z.array(z.object({ atelierCode: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: "BatchValidateResult" });
export type TBatchValidateResult = z.infer<typeof ZBatchValidateResult>;

export const ZCampaignQuery = z.object({
  year: z.coerce.number().int().min(2016).max(2100),
  territory: ZTerritoryCode.optional(),
});
export type TCampaignQuery = z.infer<typeof ZCampaignQuery>;

export const ZRates = z
  .object({
    expected: z.number().int().meta({ description: "Rapports attendus : mois terminés." }),
    submitted: z.number().int().meta({ description: "Rapports attendus soumis ou validés." }),
    validated: z.number().int(),
    onTime: z.number().int().meta({ description: "Rapports attendus soumis au plus tard le jour d'échéance." }),
    submittedRate: z
      .number()
      .nullable()
      .meta({ description: "Part des rapports attendus soumis, en % ; null quand aucun rapport n'est attendu." }),
    validatedRate: z
      .number()
      .nullable()
      .meta({ description: "Part des rapports attendus validés, en % ; null quand aucun rapport n'est attendu." }),
    onTimeRate: z
      .number()
      .nullable()
      .meta({ description: "Part des rapports attendus soumis à temps, en % ; null quand aucun rapport n'est attendu." }),
  })
  .meta({ id: "CampaignRates" });
export type TRates = z.infer<typeof ZRates>;

/** A report's status, or "not_expected": a month before the atelier's opening or from its closing. */
export const ZCampaignCellStatus = z.enum([...ZListedStatus.options, "not_expected"]);
export type TCampaignCellStatus = z.infer<typeof ZCampaignCellStatus>;

export const ZCampaignCell = z
  .object({
    period: z.string(),
    status: ZCampaignCellStatus,
    /** Why a month is not expected: the atelier was not open yet, or was closed. */
    notExpected: z.enum(["not_open_yet", "closed"]).nullable(),
    /** Expected: the atelier is open that month and the month is over (its report counts in the rates). */
    expected: z.boolean(),
    late: z.boolean(),
    territoryCode: z.string().nullable().meta({
      description:
        "La direction territoriale du rapport de ce mois (celle de l'atelier ce mois-là) ; null : l'atelier relevait d'une autre direction.",
    }),
  })
  .meta({ id: "CampaignCell" });

export const ZCampaign = z
  .object({
    year: z.number().int(),
    months: z.array(z.string()),
    today: z.string(),
    dueDay: z.number().int(),
    national: ZRates,
    territories: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        rates: ZRates,
        ateliers: z.array(z.object({ code: z.string(), name: z.string(), cells: z.array(ZCampaignCell) })),
      }),
    ),
    late: z.array(
      z.object({
        atelierCode: z.string(),
        atelierName: z.string(),
        territoryCode: z.string(),
        period: z.string(),
        status: ZListedStatus,
        dueDate: z.string(),
      }),
    ),
  })
  .meta({ id: "Campaign" });
export type TCampaign = z.infer<typeof ZCampaign>;
