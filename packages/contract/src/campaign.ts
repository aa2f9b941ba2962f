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
  })
  .meta({ id: "CampaignRates" });
export type TRates = z.infer<typeof ZRates>;

export const ZCampaignCell = z.object({
  period: z.string(),
  status: ZListedStatus,
  late: z.boolean(),
  territoryCode: z.string().nullable(),
});

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
