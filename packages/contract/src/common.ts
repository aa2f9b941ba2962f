import { ATELIER_CODE_RE, TERRITORY_CODE_RE } from "@enquete/domain";
import { z } from "zod";

/** The one error shape of the API (every 4xx and 5xx answer). */
export const ZApiError = z
  .object({
    code: z.string().meta({ description: "Code stable de l'erreur, pour les programmes." }),
    message: z.string().meta({ description: "Message en français, pour les personnes." }),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Le détail, champ par champ, quand la requête est invalide." }),
  })
  .meta({ id: "ApiError" });
export type TApiError = z.infer<typeof ZApiError>;

export const ZAtelierCode = z.string().regex(ATELIER_CODE_RE, "Code d'atelier inconnu (un code de département : 86, 2A, 971).");
export const ZTerritoryCode = z.string().regex(TERRITORY_CODE_RE, "Code de direction territoriale invalide.");

export const ZHealth = z.object({ status: z.enum(["ok", "unavailable"]) }).meta({ id: "Health" });
export type THealth = z.infer<typeof ZHealth>;
