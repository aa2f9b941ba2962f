/**
 * Accounts in production, where demo accounts never exist:
 *   npm run users -- create --email claire.martin@reseau-canope.fr --name "Claire Martin" --role atelier:86
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
import { ateliers, auditEvents, sessions, territories, userRoles, users } from "../db/schema.ts";
import { seedReferential } from "../db/seed/referential.ts";
import * as usersRepo from "../modules/users/repository.ts";
import { listUsers } from "../modules/users/service.ts";

export class CliError extends Error {}

const USAGE = `Utilisation : npm run users -- <commande> [options]
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

export async function runUsersCommand(db: Db, argv: string[], out: (line: string) => void, readSecret: () => Promise<string> = readStdin) {
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
        await tx.update(users).set({ active }).where(eq(users.id, id));
        if (!active) await tx.delete(sessions).where(eq(sessions.userId, id));
        await tx
          .insert(auditEvents)
          .values({ actorLabel, action: active ? "user.enabled" : "user.disabled", subject: `user:${id}`, details: {} });
      });
      out(active ? `Compte réactivé : ${mail}.` : `Compte désactivé : ${mail} ; ses sessions sont fermées.`);
      return;
    }
    case "list": {
      for (const u of await listUsers(db)) {
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
    await runUsersCommand(db, process.argv.slice(2), (l) => process.stdout.write(`${l}\n`));
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
