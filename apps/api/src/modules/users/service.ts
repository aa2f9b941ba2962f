/**
 * The accounts, as administrators manage them (domain page, section 7.2):
 * each change in one transaction with its journal entries, refused before
 * anything is written when it would lock the platform out of its own
 * administration.
 */
import type {
  TCreateUserBody,
  TInvitationSent,
  TUpdateUserBody,
  TUserDetail,
  TUserListQuery,
  TUserPage,
  TUserSummary,
} from "@enquete/contract";
import { accountStatus, hasRole, normalizeEmail, parisDate, type RoleGrant, sortGrants, toRoleGrant } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError, notFound } from "../../errors.ts";
import { type AuditActor, type AuditEntry, actorOf, recordAudit } from "../audit/record.ts";
import type { Caller } from "../auth/service.ts";
import { checkGrants, sameGrants } from "./grants.ts";
import { sendInvitation } from "./invitation.ts";
import * as repo from "./repository.ts";

export interface AccessSettings {
  /** A session unused for longer is over (config.sessionIdleMinutes): it is not counted as open. */
  idleMinutes: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string) => UUID_RE.test(text);

const unknownUser = () => notFound("Ce compte n'existe pas.");

function grantsByUser(rows: Awaited<ReturnType<typeof repo.grantsOf>>): Map<string, RoleGrant[]> {
  const byUser = new Map<string, RoleGrant[]>();
  for (const r of rows) {
    const g = toRoleGrant(r.role, r);
    if ("error" in g) continue;
    byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), g]);
  }
  return byUser;
}

function summaryOf(u: repo.UserRow, grants: RoleGrant[]): TUserSummary {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    status: accountStatus({ active: u.active, passwordSet: u.passwordSet, everSignedIn: u.lastLoginAt !== null }),
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    roles: sortGrants(grants),
  };
}

export async function listUsers(db: Db, query: TUserListQuery): Promise<TUserPage> {
  const { rows, total } = await repo.searchUsers(
    db,
    {
      q: query.q || undefined,
      role: query.role,
      territory: query.territory,
      atelier: query.atelier,
      status: query.status,
      day: parisDate(),
    },
    { limit: query.limit, offset: query.offset },
  );
  const grants = grantsByUser(
    await repo.grantsOf(
      db,
      rows.map((r) => r.id),
    ),
  );
  return { total, limit: query.limit, offset: query.offset, items: rows.map((u) => summaryOf(u, grants.get(u.id) ?? [])) };
}

/** Every account with its roles, for the command line. */
export async function allUsers(db: Db): Promise<TUserSummary[]> {
  const rows = await repo.allUsers(db);
  const grants = grantsByUser(
    await repo.grantsOf(
      db,
      rows.map((r) => r.id),
    ),
  );
  return rows.map((u) => summaryOf(u, grants.get(u.id) ?? []));
}

export async function getUser(db: Db, settings: AccessSettings, id: string): Promise<TUserDetail> {
  const user = isUuid(id) ? await repo.findUser(db, id) : undefined;
  if (!user) throw unknownUser();
  const [grants, access] = await Promise.all([
    repo.grantsOf(db, [id]),
    repo.accessOf(db, id, { idleMinutes: settings.idleMinutes, today: parisDate() }),
  ]);
  return {
    ...summaryOf(user, grantsByUser(grants).get(id) ?? []),
    passwordSet: user.passwordSet,
    invitation: access.invitation
      ? {
          sentAt: access.invitation.createdAt.toISOString(),
          expiresAt: access.invitation.expiresAt.toISOString(),
          expired: access.invitation.expired,
        }
      : null,
    activeSessions: access.activeSessions,
    activeTokens: access.activeTokens,
  };
}

const emailTaken = (email: string) =>
  new AppError("EMAIL_TAKEN", 409, `Un compte existe déjà pour l'adresse ${email} : cherchez-le dans la liste des comptes.`);

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string })?.code === "23505" || (error as { cause?: { code?: string } })?.cause?.code === "23505";

const inviter = (caller: Caller) => ({ ...actorOf(caller), displayName: caller.displayName });

export async function createUser(db: Db, settings: AccessSettings, caller: Caller, body: TCreateUserBody): Promise<TInvitationSent> {
  const email = normalizeEmail(body.email);
  const grants = await checkGrants(db, body.roles);
  let created: { id: string; invitation: { sentTo: string; expiresAt: Date } };
  try {
    created = await db.transaction(async (tx) => {
      if (await repo.findUserIdByEmail(tx, email)) throw emailTaken(email);
      const id = await repo.insertInvitedUser(tx, { email, displayName: body.displayName });
      await repo.replaceGrants(tx, id, grants);
      await recordAudit(tx, actorOf(caller), [
        { action: "user.created", subject: `user:${id}`, after: { email, displayName: body.displayName, roles: grants } },
      ]);
      const invitation = await sendInvitation(tx, inviter(caller), { id, email, displayName: body.displayName, grants });
      return { id, invitation };
    });
  } catch (error) {
    // Two administrators creating the same person at once: the unique index decides, the second hears why.
    if (isUniqueViolation(error)) throw emailTaken(email);
    throw error;
  }
  return {
    user: await getUser(db, settings, created.id),
    invitation: { sentTo: created.invitation.sentTo, expiresAt: created.invitation.expiresAt.toISOString() },
  };
}

export async function resendInvitation(db: Db, settings: AccessSettings, caller: Caller, id: string): Promise<TInvitationSent> {
  if (!isUuid(id)) throw unknownUser();
  const invitation = await db.transaction(async (tx) => {
    const user = await repo.lockUser(tx, id);
    if (!user) throw unknownUser();
    if (!user.active) throw new AppError("ACCOUNT_DISABLED", 409, "Ce compte est désactivé. Réactivez d'abord ce compte.");
    if (user.passwordSet || user.lastLoginAt !== null) {
      throw new AppError(
        "ACCOUNT_ALREADY_ACTIVE",
        409,
        "Ce compte est déjà activé : la personne peut utiliser « Mot de passe oublié ? » sur la page de connexion.",
      );
    }
    const grants = grantsByUser(await repo.grantsOf(tx, [id])).get(id) ?? [];
    return await sendInvitation(tx, inviter(caller), { ...user, grants });
  });
  return {
    user: await getUser(db, settings, id),
    invitation: { sentTo: invitation.sentTo, expiresAt: invitation.expiresAt.toISOString() },
  };
}

const refused = (code: string, message: string) => new AppError(code, 409, message);

/**
 * Renames, replaces the roles, deactivates or reactivates, in one
 * transaction; what does not change is neither written nor journaled.
 */
export async function updateUser(
  db: Db,
  settings: AccessSettings,
  caller: Caller,
  id: string,
  body: TUpdateUserBody,
): Promise<TUserDetail> {
  if (!isUuid(id)) throw unknownUser();
  const wanted = body.roles ? await checkGrants(db, body.roles) : undefined;
  await db.transaction(async (tx) => {
    await repo.lockAdministrators(tx);
    const user = await repo.lockUser(tx, id);
    if (!user) throw unknownUser();
    const current = grantsByUser(await repo.grantsOf(tx, [id])).get(id) ?? [];
    const self = caller.userId === id;
    const entries: AuditEntry[] = [];

    if (body.displayName !== undefined && body.displayName !== user.displayName) {
      await repo.rename(tx, id, body.displayName);
      entries.push({
        action: "user.renamed",
        subject: `user:${id}`,
        before: { displayName: user.displayName },
        after: { displayName: body.displayName },
      });
    }
    if (wanted && !sameGrants(current, wanted)) {
      if (self && hasRole(current, "admin") && !hasRole(wanted, "admin")) {
        throw refused(
          "SELF_PROTECTION",
          "Vous ne pouvez pas retirer votre propre rôle d'administration : demandez-le à un autre administrateur.",
        );
      }
      await repo.replaceGrants(tx, id, wanted);
      entries.push({
        action: "user.roles_changed",
        subject: `user:${id}`,
        before: { roles: sortGrants(current) },
        after: { roles: wanted },
      });
    }
    if (body.active !== undefined && body.active !== user.active) {
      if (self && !body.active) {
        throw refused("SELF_PROTECTION", "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.");
      }
      await repo.setActive(tx, id, body.active);
      if (body.active) {
        entries.push({ action: "user.reactivated", subject: `user:${id}`, before: { active: false }, after: { active: true } });
      } else {
        const ended = await repo.endAccess(tx, id);
        entries.push({
          action: "user.deactivated",
          subject: `user:${id}`,
          before: { active: true },
          after: { active: false },
          details: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens, linksEnded: ended.links },
        });
      }
    }
    if (entries.length === 0) return;
    // Checked after the writes, in their transaction: a refusal here rolls everything back.
    if ((await repo.countActiveAdministrators(tx)) === 0) {
      throw refused(
        "LAST_ADMINISTRATOR",
        "Ce changement laisserait la plateforme sans aucun administrateur actif : donnez d'abord ce rôle à une autre personne.",
      );
    }
    await recordAudit(tx, actorOf(caller), entries);
  });
  return await getUser(db, settings, id);
}

/** The command line's actor: no person signed in, named by the operator's login. */
export const cliActor = (label: string): AuditActor => ({ id: null, label });
