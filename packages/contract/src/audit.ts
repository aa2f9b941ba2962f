/**
 * The administrative journal (GET /api/audit): who did what, when, with the
 * state before and after.
 */
import { z } from "zod";

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Date attendue au format AAAA-MM-JJ.");

export const ZAuditQuery = z.object({
  actor: z.string().trim().max(200, "200 caractères au plus.").optional().meta({
    description: "Identifiant de la personne, ou une partie de son nom ou de son adresse.",
  }),
  action: z.string().trim().max(100, "100 caractères au plus.").optional().meta({
    description: "Une action (user.created) ou une famille d'actions (user.).",
  }),
  subject: z.string().trim().max(200, "200 caractères au plus.").optional().meta({ description: "Par exemple user:<id>, atelier:86." }),
  from: ZDay.optional().meta({ description: "Premier jour inclus (heure de Paris)." }),
  to: ZDay.optional().meta({ description: "Dernier jour inclus (heure de Paris)." }),
  limit: z.coerce.number().int().min(1, "Au moins 1.").max(200, "200 au plus.").default(50),
  offset: z.coerce.number().int().min(0, "Au moins 0.").default(0),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEvent = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.string().nullable(), label: z.string() }),
    action: z.string(),
    actionLabel: z.string().meta({ description: "L'action en français." }),
    subject: z.string(),
    subjectLabel: z.string().meta({ description: "Ce sur quoi porte l'action, en français." }),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEvent" });
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditPage = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(ZAuditEvent),
    /** Every action recorded so far, with its label: the filter's choices. */
    actions: z.array(z.object({ action: z.string(), label: z.string() })),
  })
  .meta({ id: "AuditPage" });
export type TAuditPage = z.infer<typeof ZAuditPage>;
