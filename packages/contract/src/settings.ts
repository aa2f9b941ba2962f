import { z } from "zod";

export const ZSettings = z
  .object({
    dueDay: z.number().int().meta({ description: "Jour du mois suivant où le rapport est dû." }),
    closedYears: z.array(z.number().int()),
    reminderDaysBefore: z.number().int().meta({ description: "Le rappel « avant » part ce nombre de jours avant l'échéance." }),
    reminderDaysAfter: z.number().int().meta({ description: "Le rappel « en retard » part ce nombre de jours après l'échéance." }),
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

export const REMINDER_DAYS_MAX = 15;

const reminderDays = (what: string) =>
  z
    .number({ error: `Saisissez le nombre de jours ${what}, entre 1 et ${REMINDER_DAYS_MAX}.` })
    .int(`Saisissez un nombre entier de jours ${what}.`)
    .min(1, `Au moins 1 jour ${what}.`)
    .max(REMINDER_DAYS_MAX, `Au plus ${REMINDER_DAYS_MAX} jours ${what}.`);

/** The reminder days: the "before" reminder must also fall after the month is over (checked against the due day by the server). */
export const ZReminderDaysBody = z
  .object({
    daysBefore: reminderDays("avant l'échéance"),
    daysAfter: reminderDays("après l'échéance"),
  })
  .meta({ id: "ReminderDaysBody" });
export type TReminderDaysBody = z.infer<typeof ZReminderDaysBody>;
