/**
 * Accounts, as the administrators manage them (section 7.2).
 */
import { ACCOUNT_STATUSES, ROLES } from "@enquete/domain";
import { z } from "zod";
import { ZRoleGrant } from "./auth.ts";
import { ZAtelierCode, ZTerritoryCode } from "./common.ts";

export const ZAccountStatus = z.enum(ACCOUNT_STATUSES).meta({
  description: "invited : invitation envoyée, mot de passe pas encore choisi ; active : peut se connecter ; disabled : désactivé.",
});

export const ZUserSummary = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    status: ZAccountStatus,
    active: z.boolean(),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
    roles: z.array(ZRoleGrant),
  })
  .meta({ id: "UserSummary" });
export type TUserSummary = z.infer<typeof ZUserSummary>;

export const ZUserListQuery = z.object({
  q: z.string().trim().max(200, "200 caractères au plus.").optional(),
  role: z.enum(ROLES, { error: `Rôle inconnu. Rôles possibles : ${ROLES.join(", ")}.` }).optional(),
  territory: ZTerritoryCode.optional(),
  atelier: ZAtelierCode.optional(),
  status: ZAccountStatus.optional(),
  limit: z.coerce.number().int().min(1, "Au moins 1.").max(200, "200 au plus.").default(25),
  offset: z.coerce.number().int().min(0, "Au moins 0.").default(0),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

export const ZUserPage = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(ZUserSummary),
  })
  .meta({ id: "UserPage" });
export type TUserPage = z.infer<typeof ZUserPage>;

export const ZUserDetail = ZUserSummary.extend({
  passwordSet: z.boolean(),
  /** The invitation link still waiting, if any. */
  invitation: z.object({ sentAt: z.string(), expiresAt: z.string(), expired: z.boolean() }).nullable(),
  activeSessions: z.number().int(),
  activeTokens: z.number().int(),
}).meta({ id: "UserDetail" });
export type TUserDetail = z.infer<typeof ZUserDetail>;

const ZDisplayName = z
  .string({ error: "Saisissez le nom de la personne." })
  .trim()
  .min(1, "Saisissez le nom de la personne.")
  .max(120, "120 caractères au plus.");

const ZNewEmail = z
  .string({ error: "Saisissez l'adresse électronique." })
  .trim()
  .min(1, "Saisissez l'adresse électronique.")
  .max(254, "L'adresse électronique est trop longue.")
  .pipe(z.email({ error: "Saisissez une adresse électronique valide, par exemple prenom.nom@reseau-canope.fr." }));

const ZRoles = z.array(ZRoleGrant).min(1, "Donnez au moins un rôle.").max(50, "50 rôles au plus.");

export const ZCreateUserBody = z
  .strictObject({ email: ZNewEmail, displayName: ZDisplayName, roles: ZRoles })
  .meta({ id: "CreateUserBody" });
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z
  .strictObject({
    displayName: ZDisplayName.optional(),
    roles: ZRoles.optional().meta({ description: "L'ensemble des rôles après le changement (remplace les précédents)." }),
    active: z.boolean({ error: "Attendu : true (activer) ou false (désactiver)." }).optional(),
  })
  .meta({ id: "UpdateUserBody" });
export type TUpdateUserBody = z.infer<typeof ZUpdateUserBody>;

/** What POST /api/users and POST /api/users/{id}/invitation answer. */
export const ZInvitationSent = z
  .object({
    user: ZUserDetail,
    invitation: z.object({ sentTo: z.string(), expiresAt: z.string() }),
  })
  .meta({ id: "InvitationSent" });
export type TInvitationSent = z.infer<typeof ZInvitationSent>;

/** GET/PATCH /api/users/{id}: an unknown or malformed id answers 404, not 422 (the account is simply not there). */
export const ZUserParams = z.object({ id: z.string().max(100, "Identifiant de compte invalide.") });
export type TUserParams = z.infer<typeof ZUserParams>;
