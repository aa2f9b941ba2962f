import type { TUserSummary } from "@enquete/contract";
import { accountStatus, sortGrants, toRoleGrant } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import * as repo from "./repository.ts";

export async function listUsers(db: Db): Promise<TUserSummary[]> {
  const { rows, roles } = await repo.listUsers(db);
  const byUser = new Map<string, TUserSummary["roles"]>();
  for (const r of roles) {
    const g = toRoleGrant(r.role, r);
    if ("error" in g) continue;
    byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), g]);
  }
  return rows.map(({ passwordSet, ...u }) => ({
    ...u,
    status: accountStatus({ active: u.active, passwordSet, everSignedIn: u.lastLoginAt !== null }),
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    roles: sortGrants(byUser.get(u.id) ?? []),
  }));
}
