import { LABEL_STATUSES } from "@enquete/domain";
import { z } from "zod";
import { ZAtelierCode, ZTerritoryCode } from "./common.ts";

export const ZTerritory = z
  .object({
    code: z.string(),
    name: z.string(),
    atelierCount: z.number().int().meta({ description: "Ateliers rattachés aujourd'hui." }),
  })
  .meta({ id: "Territory" });
export type TTerritory = z.infer<typeof ZTerritory>;
export const ZTerritoryList = z.array(ZTerritory);

export const ZAtelier = z
  .object({
    code: z.string(),
    name: z.string(),
    departement: z.string(),
    city: z.string(),
    territoryCode: z.string().nullable().meta({ description: "Direction territoriale d'aujourd'hui." }),
    labelStatus: z.enum(LABEL_STATUSES).nullable(),
    hasLab: z.boolean().meta({ description: "Accueille un laboratoire des usages." }),
    inEspe: z.boolean().meta({ description: "Implanté dans une ESPE/INSPÉ." }),
    openFrom: z.string().meta({ description: "Mois d'ouverture (AAAA-MM) : rapports attendus à partir de ce mois." }),
    closedFrom: z
      .string()
      .nullable()
      .meta({ description: "Premier mois fermé (AAAA-MM) : plus aucun rapport attendu à partir de ce mois ; null : ouvert." }),
  })
  .meta({ id: "Atelier" });
export type TAtelier = z.infer<typeof ZAtelier>;
export const ZAtelierList = z.array(ZAtelier);

export const ZListAteliersQuery = z.object({ territory: ZTerritoryCode.optional() });
export type TListAteliersQuery = z.infer<typeof ZListAteliersQuery>;

export const ZAtelierParams = z.object({ code: ZAtelierCode });

export const ZAtelierDetail = ZAtelier.extend({
  territoryName: z.string().nullable(),
  territoryHistory: z.array(
    z.object({ territoryCode: z.string(), territoryName: z.string(), from: z.string(), to: z.string().nullable() }),
  ),
  team: z.array(z.object({ displayName: z.string(), email: z.string() })).meta({
    description: "Les personnes qui dirigent l'atelier sur la plateforme.",
  }),
}).meta({ id: "AtelierDetail" });
export type TAtelierDetail = z.infer<typeof ZAtelierDetail>;

export const ZTerritoryParams = z.object({ code: ZTerritoryCode });

export const ZTerritoryDetail = ZTerritory.extend({
  ateliers: z.array(ZAtelier),
  directors: z.array(z.object({ displayName: z.string(), email: z.string() })).meta({
    description: "Les personnes qui dirigent la direction territoriale sur la plateforme.",
  }),
}).meta({ id: "TerritoryDetail" });
export type TTerritoryDetail = z.infer<typeof ZTerritoryDetail>;
