import { ROLES } from "@enquete/domain";
import { z } from "zod";

export const ZLoginBody = z
  .object({
    email: z
      .string({ error: "Saisissez votre adresse électronique." })
      .trim()
      .min(1, "Saisissez votre adresse électronique.")
      .max(254, "L'adresse électronique est trop longue.")
      .pipe(z.email({ error: "Saisissez une adresse électronique valide, par exemple prenom.nom@reseau-canope.fr." })),
    password: z
      .string({ error: "Saisissez votre mot de passe." })
      .min(1, "Saisissez votre mot de passe.")
      .max(256, "Le mot de passe est trop long."),
  })
  .meta({ id: "LoginBody" });
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZRoleGrant = z
  .object({
    role: z.enum(ROLES),
    atelierCode: z.string().optional(),
    territoryCode: z.string().optional(),
  })
  .meta({ id: "RoleGrant" });
export type TRoleGrant = z.infer<typeof ZRoleGrant>;

export const ZMe = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(ZRoleGrant),
  })
  .meta({ id: "Me" });
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = ZMe;
export type TLoginResponse = TMe;

const ZEmailInput = ZLoginBody.shape.email;

export const ZPasswordResetBody = z.strictObject({ email: ZEmailInput }).meta({ id: "PasswordResetBody" });
export type TPasswordResetBody = z.infer<typeof ZPasswordResetBody>;

const ZNewPassword = z
  .string({ error: "Saisissez un mot de passe." })
  .min(1, "Saisissez un mot de passe.")
  .max(1024, "Le mot de passe ne doit pas dépasser 128 caractères.");

export const ZSetPasswordBody = z
  .strictObject({
    token: z.string({ error: "Le lien est incomplet." }).min(1, "Le lien est incomplet.").max(200, "Le lien est invalide."),
    password: ZNewPassword,
  })
  .meta({ id: "SetPasswordBody" });
export type TSetPasswordBody = z.infer<typeof ZSetPasswordBody>;

/** POST /api/auth/link-info: the link's secret travels in a body, never in a URL, so no log ever holds it. */
export const ZLinkInfoBody = z
  .strictObject({
    token: z.string({ error: "Le lien est incomplet." }).min(1, "Le lien est incomplet.").max(200, "Le lien est invalide."),
  })
  .meta({ id: "LinkInfoBody" });
export type TLinkInfoBody = z.infer<typeof ZLinkInfoBody>;

/** POST /api/auth/link-info: what the password page says before the person types (who, which kind of link). */
export const ZLinkInfo = z
  .object({
    purpose: z.enum(["invitation", "password_reset"]),
    email: z.string(),
    displayName: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: "LinkInfo" });
export type TLinkInfo = z.infer<typeof ZLinkInfo>;

export const ZChangePasswordBody = z
  .strictObject({
    currentPassword: z.string({ error: "Saisissez votre mot de passe actuel." }).min(1, "Saisissez votre mot de passe actuel.").max(256),
    newPassword: ZNewPassword,
  })
  .meta({ id: "ChangePasswordBody" });
export type TChangePasswordBody = z.infer<typeof ZChangePasswordBody>;

export const ZLogoutBody = z
  .strictObject({
    allDevices: z.boolean().optional().meta({ description: "true : termine aussi toutes les autres sessions de la personne." }),
  })
  .meta({ id: "LogoutBody" });
export type TLogoutBody = z.infer<typeof ZLogoutBody>;
/** The logout route's body: a request with no body at all (older clients) is the plain logout. */
export const ZLogoutRequestBody = ZLogoutBody.nullish();

export const ZSessionInfo = z
  .object({
    id: z.string(),
    device: z.string().meta({ description: "Navigateur et système, en français (« Firefox sous Windows »)." }),
    address: z.string().nullable(),
    startedAt: z.string(),
    lastUsedAt: z.string(),
    current: z.boolean(),
    method: z.enum(["password", "oidc"]),
  })
  .meta({ id: "SessionInfo" });
export type TSessionInfo = z.infer<typeof ZSessionInfo>;
export const ZSessionList = z.array(ZSessionInfo);

/** DELETE /api/me/sessions/{id}: a session by its public id (the one ZSessionInfo gives). */
export const ZSessionParams = z.object({ id: z.string().max(100) });
export type TSessionParams = z.infer<typeof ZSessionParams>;

export const ZApiToken = z
  .object({
    id: z.string(),
    label: z.string(),
    prefix: z.string().meta({ description: "Les premiers caractères du jeton, pour le reconnaître." }),
    createdAt: z.string(),
    expiresOn: z.string().meta({ description: "Dernier jour de validité (AAAA-MM-JJ, heure de Paris)." }),
    lastUsedAt: z.string().nullable(),
    status: z.enum(["active", "expired", "revoked"]),
  })
  .meta({ id: "ApiToken" });
export type TApiToken = z.infer<typeof ZApiToken>;
export const ZApiTokenList = z.array(ZApiToken);

/** DELETE /api/me/tokens/{id}. */
export const ZTokenParams = z.object({ id: z.string().max(100) });
export type TTokenParams = z.infer<typeof ZTokenParams>;

export const ZCreateTokenBody = z
  .strictObject({
    label: z
      .string({ error: "Donnez un nom au jeton." })
      .trim()
      .min(1, "Donnez un nom au jeton (par exemple : script de consolidation).")
      .max(80, "80 caractères au plus."),
    expiresOn: z
      .string({ error: "Choisissez la date d'expiration." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Date attendue au format AAAA-MM-JJ.")
      .meta({ description: "Dernier jour de validité, dans un an au plus." }),
  })
  .meta({ id: "CreateTokenBody" });
export type TCreateTokenBody = z.infer<typeof ZCreateTokenBody>;

export const ZCreatedToken = ZApiToken.extend({
  token: z.string().meta({ description: "Le jeton lui-même : affiché cette fois seulement." }),
}).meta({ id: "CreatedToken" });
export type TCreatedToken = z.infer<typeof ZCreatedToken>;

/** GET /api/auth/options: what the login page offers (public). */
export const ZAuthOptions = z.object({ oidc: z.object({ enabled: z.boolean(), label: z.string() }) }).meta({ id: "AuthOptions" });
export type TAuthOptions = z.infer<typeof ZAuthOptions>;
