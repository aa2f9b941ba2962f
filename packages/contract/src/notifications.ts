import { z } from "zod";

/**
 * What a user can be told by email. `report_returned` is essential (it asks
 * for work); the others can be turned off.
 */
export const NOTIFICATION_KINDS = ["reminders", "digest", "report_validated", "report_returned"] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS).meta({
  description:
    "reminders : rappels avant et après la date limite (atelier) ; digest : récapitulatif quotidien des rapports à examiner (direction territoriale) ; report_validated : avis de validation (atelier) ; report_returned : avis de renvoi ou de réouverture, indispensable (atelier).",
});
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const ZNotificationPreference = z
  .object({
    kind: ZNotificationKind,
    label: z.string(),
    description: z.string(),
    essential: z.boolean().meta({ description: "Indispensable : toujours envoyé, ne peut pas être désactivé." }),
    enabled: z.boolean(),
  })
  .meta({ id: "NotificationPreference" });
export type TNotificationPreference = z.infer<typeof ZNotificationPreference>;

/** The emails that concern the signed-in user (by their roles), and whether each is on. */
export const ZNotificationPreferences = z.object({ preferences: z.array(ZNotificationPreference) }).meta({ id: "NotificationPreferences" });
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

const onOff = z.boolean({ error: "Attendu : true (activé) ou false (désactivé)." }).optional();

export const ZUpdateNotificationPreferencesBody = z
  .strictObject({
    preferences: z.strictObject({
      reminders: onOff,
      digest: onOff,
      report_validated: onOff,
      report_returned: onOff,
    }),
  })
  .meta({ id: "UpdateNotificationPreferencesBody" });
export type TUpdateNotificationPreferencesBody = z.infer<typeof ZUpdateNotificationPreferencesBody>;

export const ZOutboxQuery = z.object({
  limit: z.coerce.number().int().min(1, "Au moins 1.").max(200, "200 au plus.").default(50),
  offset: z.coerce.number().int().min(0, "Au moins 0.").default(0),
});
export type TOutboxQuery = z.infer<typeof ZOutboxQuery>;

export const ZOutboxStatus = z.enum(["pending", "sent", "failed"]).meta({
  description:
    "pending : pas encore tenté ; sent : accepté par le serveur SMTP ; failed : non envoyé (voir lastError : erreur SMTP, ou aucun serveur SMTP configuré et courriel écrit dans le journal).",
});

export const ZOutboxEntry = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    link: z
      .string()
      .nullable()
      .meta({ description: "Chemin de la page visée dans l'application, par exemple /ateliers/86/rapports/2026-11." }),
    status: ZOutboxStatus,
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  })
  .meta({ id: "OutboxEntry" });
export type TOutboxEntry = z.infer<typeof ZOutboxEntry>;

export const ZOutboxPage = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(ZOutboxEntry),
  })
  .meta({ id: "OutboxPage" });
export type TOutboxPage = z.infer<typeof ZOutboxPage>;
