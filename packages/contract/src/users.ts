import { z } from "zod";
import { ZRoleGrant } from "./auth.ts";

export const ZUserSummary = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    active: z.boolean(),
    lastLoginAt: z.string().nullable(),
    roles: z.array(ZRoleGrant),
  })
  .meta({ id: "UserSummary" });
export type TUserSummary = z.infer<typeof ZUserSummary>;
export const ZUserList = z.array(ZUserSummary);
