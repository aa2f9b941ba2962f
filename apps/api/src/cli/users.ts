/**
 * Accounts in production, where demo accounts never exist:
 *   npm run users -- invite --email claire.martin@reseau-canope.fr --name "Claire Martin" --role atelier:86
 *                                              (an invitation email: the person chooses their password, 72 h)
 *   npm run users -- create --email … --name … --role …   (a password now, printed once or read from stdin)
 *   npm run users -- grant --email … --role territory:normandie --role national
 *   npm run users -- revoke --email … --role atelier:86
 *   npm run users -- password --email …        (a new password, printed once)
 *   npm run users -- disable --email …  |  enable --email …
 *   npm run users -- list
 * The password is read from standard input with --password-stdin, otherwise a
 * strong one is generated and printed once. DATABASE_URL selects the server;
 * without it, the embedded one of DATA_DIR (running or not).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { normalizeEmail, type RoleGrant, toRoleGrant } from "@enquete/domain";
import { passwordProblems } from "@enquete/domain/password";
import { hash } from "@node-rs/argon2";
import { and, eq, sql } from "drizzle-orm";
import { loadConfig } from "../config.ts";
import { createDb, type Db } from "../db/client.ts";
import { ensureDatabase, runningEmbeddedUrl, startEmbedded } from "../db/embedded.ts";
import { runMigrations } from "../db/migrate.ts";
import { EMBEDDED_DATABASE } from "../db/prepare.ts";
import { ateliers, auditEvents, sessions, territories, userRoles } from "../db/schema.ts";
import { seedReferential } from "../db/seed/referential.ts";
import { recordAudit } from "../modules/audit/record.ts";
import { createCourier } from "../modules/notifications/courier.ts";
import { sendInvitation } from "../modules/users/invitation.ts";
import * as usersRepo from "../modules/users/repository.ts";
import { allUsers, cliActor } from "../modules/users/service.ts";

export class CliError extends Error {}

const USAGE = `Utilisation : npm run users -- <commande> [options]
  invite   --email <adresse> --name "<Prénom Nom>" --role <rôle[:périmètre]>…   (courriel d'invitation)
  create   --email <adresse> --name "<Prénom Nom>" [--role <rôle[:périmètre]>]… [--password-stdin]
  grant    --email <adresse> --role <rôle[:périmètre]>…
  revoke   --email <adresse> --role <rôle[:périmètre]>…
  password --email <adresse> [--password-stdin]
  disable  --email <adresse>
  enable   --email <adresse>
  list
Rôles : atelier:<code atelier>, territory:<code territoire>, national, admin, viewer.`;

function parseRole(text: string): RoleGrant {
  const [role = "", scope] = text.split(":");
  const grant = toRoleGrant(
    role,
    role === "atelier" ? { atelierCode: scope?.toUpperCase() } : role === "territory" ? { territoryCode: scope } : { atelierCode: scope },
  );
  if ("error" in grant) throw new CliError(grant.error);
  return grant;
}

async function checkScopesExist(db: Db, grants: RoleGrant[]) {
  for (const g of grants) {
    if (g.role === "atelier" && (await db.select().from(ateliers).where(eq(ateliers.code, g.atelierCode))).length === 0) {
      throw new CliError(`L'atelier « ${g.atelierCode} » n'existe pas.`);
    }
    if (g.role === "territory" && (await db.select().from(territories).where(eq(territories.code, g.territoryCode))).length === 0) {
      throw new CliError(`La direction territoriale « ${g.territoryCode} » n'existe pas.`);
    }
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function choosePassword(usePasswordStdin: boolean, email: string, out: (l: string) => void, readSecret: () => Promise<string>) {
  if (usePasswordStdin) {
    const password = await readSecret();
    const problems = passwordProblems(password, { email });
    if (problems.length > 0) throw new CliError(problems.join(" "));
    return password;
  }
  const password = randomBytes(15).toString("base64url");
  out(`Mot de passe (affiché une seule fois, à transmettre par un canal sûr) : ${password}`);
  return password;
}

async function requireUser(db: Db, email: string) {
  const id = await usersRepo.findUserIdByEmail(db, normalizeEmail(email));
  if (!id) throw new CliError(`Aucun compte pour « ${email} ».`);
  return id;
}

export interface CliDeps {
  /** Sends the outbox now (an invitation); without it, the server's delivery job sends it within a minute. */
  deliverNow?: () => Promise<void>;
}

export async function runUsersCommand(
  db: Db,
  argv: string[],
  out: (line: string) => void,
  readSecret: () => Promise<string> = readStdin,
  deps: CliDeps = {},
) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string", multiple: true },
      "password-stdin": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    out(USAGE);
    return;
  }
  const actorLabel = `ligne de commande (${process.env.USER ?? "inconnu"})`;
  const grants = (values.role ?? []).map(parseRole);
  const email = values.email ? normalizeEmail(values.email) : undefined;
  const needEmail = () => {
    if (!email) throw new CliError("Précisez --email.");
    return email;
  };
  const readPassword = (usePasswordStdin: boolean, mail: string) => choosePassword(usePasswordStdin, mail, out, readSecret);

  switch (command) {
    case "invite": {
      const mail = needEmail();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail)) throw new CliError(`Adresse électronique invalide : « ${mail} ».`);
      const displayName = values.name?.trim();
      if (!displayName) throw new CliError('Précisez --name "Prénom Nom".');
      if (grants.length === 0) throw new CliError("Précisez au moins un --role.");
      if (await usersRepo.findUserIdByEmail(db, mail)) throw new CliError(`Un compte existe déjà pour « ${mail} » : utilisez grant.`);
      await checkScopesExist(db, grants);
      const actor = cliActor(actorLabel);
      const invitation = await db.transaction(async (tx) => {
        const id = await usersRepo.insertInvitedUser(tx, { email: mail, displayName });
        await usersRepo.replaceGrants(tx, id, grants);
        await recordAudit(tx, actor, [
          { action: "user.created", subject: `user:${id}`, after: { email: mail, displayName, roles: grants } },
        ]);
        return await sendInvitation(tx, actor, { id, email: mail, displayName, grants });
      });
      await deps.deliverNow?.();
      out(
        `Compte créé : ${mail} (${(values.role ?? []).join(", ")}). Invitation ${deps.deliverNow ? "envoyée" : "en file d'envoi (partira dans la minute avec le serveur)"} ; lien valable jusqu'au ${invitation.expiresAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris" })}.`,
      );
      return;
    }
    case "create": {
      const mail = needEmail();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail)) throw new CliError(`Adresse électronique invalide : « ${mail} ».`);
      if (!values.name?.trim()) throw new CliError('Précisez --name "Prénom Nom".');
      if (await usersRepo.findUserIdByEmail(db, mail)) throw new CliError(`Un compte existe déjà pour « ${mail} » : utilisez grant.`);
      await checkScopesExist(db, grants);
      const password = await readPassword(Boolean(values["password-stdin"]), mail);
      await usersRepo.upsertUser(db, {
        email: mail,
        displayName: values.name.trim(),
        passwordHash: await hash(password),
        grants,
        actorLabel,
      });
      out(`Compte créé : ${mail}${grants.length ? ` (${(values.role ?? []).join(", ")})` : " (sans rôle)"}.`);
      return;
    }
    case "grant": {
      const mail = needEmail();
      if (grants.length === 0) throw new CliError("Précisez au moins un --role.");
      await requireUser(db, mail);
      await checkScopesExist(db, grants);
      await usersRepo.upsertUser(db, { email: mail, grants, actorLabel });
      out(`Rôles accordés à ${mail} : ${(values.role ?? []).join(", ")}.`);
      return;
    }
    case "revoke": {
      const mail = needEmail();
      const id = await requireUser(db, mail);
      await db.transaction(async (tx) => {
        for (const g of grants) {
          await tx
            .delete(userRoles)
            .where(
              and(
                eq(userRoles.userId, id),
                eq(userRoles.role, g.role),
                sql`coalesce(${userRoles.atelierCode}, '') = ${g.role === "atelier" ? g.atelierCode : ""}`,
                sql`coalesce(${userRoles.territoryCode}, '') = ${g.role === "territory" ? g.territoryCode : ""}`,
              ),
            );
        }
        await tx.insert(auditEvents).values({ actorLabel, action: "user.roles_revoked", subject: `user:${id}`, details: { grants } });
      });
      out(`Rôles retirés à ${mail} : ${(values.role ?? []).join(", ")}.`);
      return;
    }
    case "password": {
      const mail = needEmail();
      const id = await requireUser(db, mail);
      const password = await readPassword(Boolean(values["password-stdin"]), mail);
      await usersRepo.upsertUser(db, { email: mail, passwordHash: await hash(password), grants: [], actorLabel });
      await db.delete(sessions).where(eq(sessions.userId, id));
      out(`Mot de passe changé pour ${mail} ; ses sessions ouvertes sont fermées.`);
      return;
    }
    case "disable":
    case "enable": {
      const mail = needEmail();
      const id = await requireUser(db, mail);
      const active = command === "enable";
      await db.transaction(async (tx) => {
        const user = await usersRepo.lockUser(tx, id);
        if (!user || user.active === active) return;
        await usersRepo.setActive(tx, id, active);
        // The same end of access as the administrators' screen: sessions, API tokens and links waiting.
        const ended = active ? null : await usersRepo.endAccess(tx, id);
        await recordAudit(tx, cliActor(actorLabel), [
          {
            action: active ? "user.reactivated" : "user.deactivated",
            subject: `user:${id}`,
            before: { active: !active },
            after: { active },
            ...(ended ? { details: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens, linksEnded: ended.links } } : {}),
          },
        ]);
      });
      out(active ? `Compte réactivé : ${mail}.` : `Compte désactivé : ${mail} ; ses sessions et jetons d'API sont fermés.`);
      return;
    }
    case "list": {
      for (const u of await allUsers(db)) {
        const roles = u.roles.map((r) => [r.role, r.atelierCode ?? r.territoryCode].filter(Boolean).join(":")).join(", ");
        out(`${u.active ? " " : "✗"} ${u.email.padEnd(40)} ${u.displayName.padEnd(28)} ${roles}`);
      }
      return;
    }
    default:
      throw new CliError(`Commande inconnue : « ${command} ».\n${USAGE}`);
  }
}

async function main() {
  const config = loadConfig();
  let url = config.databaseUrl ?? (await runningEmbeddedUrl(config.dataDir, EMBEDDED_DATABASE));
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!url) {
    const server = await startEmbedded(config.dataDir);
    await ensureDatabase(server, EMBEDDED_DATABASE);
    url = server.urlFor(EMBEDDED_DATABASE);
    stopEmbedded = () => server.stop();
  }
  const { db, pool } = createDb(url, { max: 2 });
  try {
    await runMigrations(db);
    await seedReferential(db);
    // With an SMTP server, an invitation leaves now; without one, the running server's job writes it to its log.
    const courier = config.smtp.host
      ? createCourier(db, config, {
          info: (_f, m) => process.stderr.write(`${m}\n`),
          warn: (_f, m) => process.stderr.write(`${m}\n`),
          error: (_f, m) => process.stderr.write(`${m}\n`),
        })
      : null;
    try {
      await runUsersCommand(db, process.argv.slice(2), (l) => process.stdout.write(`${l}\n`), readStdin, {
        ...(courier
          ? {
              deliverNow: async () => {
                courier.deliverSoon();
                await courier.idle();
              },
            }
          : {}),
      });
    } finally {
      await courier?.close();
    }
  } finally {
    await pool.end();
    await stopEmbedded?.();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? 2 : 1);
  });
}
