import { z } from "zod";

export const ZSettings = z
  .object({
    dueDay: z.number().int().meta({ description: "Jour du mois suivant où le rapport est dû." }),
    closedYears: z.array(z.number().int()),
  })
  .meta({ id: "Settings" });
export type TSettings = z.infer<typeof ZSettings>;

export const ZDueDayBody = z
  .object({
    dueDay: z
      .number({ error: "Saisissez un jour entre 1 et 28." })
      .int("Saisissez un jour entre 1 et 28.")
      .min(1, "Saisissez un jour entre 1 et 28.")
      .max(28, "Saisissez un jour entre 1 et 28 (tous les mois en ont 28)."),
  })
  .meta({ id: "DueDayBody" });

export const ZYearParams = z.object({
  year: z.coerce.number().int().min(2016, "Année antérieure à l'enquête.").max(2100, "Année invalide."),
});
