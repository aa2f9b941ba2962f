import type { RoleGrant } from "@enquete/domain";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { auditEvents, userRoles, users } from "../../db/schema.ts";

export async function listUsers(db: Db) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      active: users.active,
      passwordSet: sql<boolean>`${users.passwordHash} is not null`,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .orderBy(asc(users.email));
  const roles = await db
    .select({ userId: userRoles.userId, role: userRoles.role, atelierCode: userRoles.atelierCode, territoryCode: userRoles.territoryCode })
    .from(userRoles);
  return { rows, roles };
}

export async function findUserIdByEmail(db: Db, emailKey: string): Promise<string | null> {
  const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${emailKey}`);
  return rows[0]?.id ?? null;
}

/** Creates an account or updates it, grants roles, and records what was done, in one transaction. */
export async function upsertUser(
  db: Db,
  input: { email: string; displayName?: string; passwordHash?: string; grants: RoleGrant[]; actorLabel: string },
) {
  return await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
      .for("update");
    let userId = existing[0]?.id;
    const created = !userId;
    if (!userId) {
      if (!input.passwordHash || !input.displayName) throw new Error("missing password or name for a new account");
      const [row] = await tx
        .insert(users)
        .values({ email: input.email, displayName: input.displayName, passwordHash: input.passwordHash })
        .returning({ id: users.id });
      userId = row?.id ?? "";
    } else {
      const changes: Partial<typeof users.$inferInsert> = {};
      if (input.displayName) changes.displayName = input.displayName;
      if (input.passwordHash) changes.passwordHash = input.passwordHash;
      if (Object.keys(changes).length > 0) await tx.update(users).set(changes).where(eq(users.id, userId));
    }
    for (const g of input.grants) {
      await tx
        .insert(userRoles)
        .values({
          userId,
          role: g.role,
          atelierCode: g.role === "atelier" ? g.atelierCode : null,
          territoryCode: g.role === "territory" ? g.territoryCode : null,
        })
        .onConflictDoNothing();
    }
    await tx.insert(auditEvents).values({
      actorLabel: input.actorLabel,
      action: created ? "user.created" : "user.updated",
      subject: `user:${userId}`,
      details: { email: input.email, grants: input.grants, passwordChanged: Boolean(input.passwordHash) },
    });
    return { userId, created };
  });
}
