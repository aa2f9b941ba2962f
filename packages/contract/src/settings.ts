import { z } from "zod";

export const ZSettings = z
  .object({
    dueDay: z.number().int().meta({ description: "Jour du mois suivant où le rapport est dû." }),
    closedYears: z.array(z.number().int()),
    reminderDaysBefore: z.number().int().meta({ description: "Le rappel « avant » part ce nombre de jours avant l'échéance." }),
    reminderDaysAfter: z.number().int().meta({ description: "Le rappel « en retard » part ce nombre de jours après l'échéance." }),
    contactEmail: z.string().nullable().meta({
      description:
        "L'adresse de contact des pages publiques (aide, contact, données personnelles) ; null tant qu'elle n'est pas renseignée.",
    }),
    hostingNotice: z.string().nullable().meta({
      description: "La mention d'hébergement des mentions légales, donnée par l'exploitation ; null tant qu'elle n'est pas renseignée.",
    }),
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

export const CONTACT_EMAIL_MAX = 254;
export const HOSTING_NOTICE_MAX = 1000;

const ZEmailAddress = z.email();

/**
 * What the public pages say that a deployment decides: the contact address
 * and the hosting notice. An empty text clears the setting (the pages then
 * say it is not given yet).
 */
export const ZPublicPagesBody = z
  .object({
    contactEmail: z
      .string({ error: "Saisissez l'adresse de contact, ou laissez le champ vide pour la retirer." })
      .trim()
      .max(CONTACT_EMAIL_MAX, `L'adresse de contact ne peut dépasser ${CONTACT_EMAIL_MAX} caractères.`)
      .refine((v) => v === "" || ZEmailAddress.safeParse(v).success, {
        message: "Saisissez une adresse électronique valide, par exemple contact@reseau-canope.fr.",
      }),
    hostingNotice: z
      .string({ error: "Saisissez la mention d'hébergement, ou laissez le champ vide pour la retirer." })
      .trim()
      .max(HOSTING_NOTICE_MAX, `La mention d'hébergement ne peut dépasser ${HOSTING_NOTICE_MAX} caractères.`),
  })
  .meta({ id: "PublicPagesBody" });
export type TPublicPagesBody = z.infer<typeof ZPublicPagesBody>;

/** GET /api/public/contact, read without signing in by the help, contact and legal pages. */
export const ZPublicContact = z
  .object({
    email: z.string().nullable().meta({ description: "L'adresse de contact ; null tant que l'équipe nationale ne l'a pas renseignée." }),
    dueDay: z.number().int().meta({ description: "Jour du mois suivant où le rapport d'un mois est dû." }),
    hostingNotice: z.string().nullable().meta({ description: "La mention d'hébergement ; null tant qu'elle n'est pas renseignée." }),
  })
  .meta({ id: "PublicContact" });
export type TPublicContact = z.infer<typeof ZPublicContact>;
