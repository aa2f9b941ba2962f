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
