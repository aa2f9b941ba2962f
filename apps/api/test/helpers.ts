/**
 * Test harness: each test file gets its own database cloned from the migrated
 * template, and an app built on it, driven with app.inject.
 */
import { randomBytes } from "node:crypto";
import type { RoleGrant } from "@enquete/domain";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { inject } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Config, loadConfig } from "../src/config.ts";
import { createDb, type Db } from "../src/db/client.ts";
import { userRoles, users } from "../src/db/schema.ts";

export async function createTestDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  const name = `t_${randomBytes(6).toString("hex")}`;
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject("pgTemplate")}`);
  } finally {
    await admin.end();
  }
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestApp(overrides: Partial<Config> = {}) {
  return await appOn(await createTestDatabase(), overrides);
}

/** An app on an existing test database: two of them on one database stand for two API processes. */
export async function appOn(url: string, overrides: Partial<Config> = {}, logStream?: NodeJS.WritableStream) {
  const { db, pool } = createDb(url, { max: 5 });
  const config: Config = { ...loadConfig({ NODE_ENV: "test", DATABASE_URL: url, WEB_DIST: "" }), ...overrides };
  const app = await buildApp({ config, db, ...(logStream ? { logStream } : {}) });
  await app.ready();
  return {
    app,
    db,
    pool,
    config,
    url,
    async close() {
      await app.close();
      await pool.end().catch(() => {});
    },
  };
}

let counter = 0;
const hashes = new Map<string, Promise<string>>();

/** Makes an account with the given grants; the password defaults to one the tests share. */
export async function buildUser(
  db: Db,
  overrides: { email?: string; displayName?: string; password?: string; active?: boolean; grants?: RoleGrant[] } = {},
) {
  counter += 1;
  const password = overrides.password ?? "mot-de-passe-de-test";
  if (!hashes.has(password)) hashes.set(password, hash(password));
  const email = overrides.email ?? `personne.${counter}.${randomBytes(3).toString("hex")}@exemple.test`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      displayName: overrides.displayName ?? `Personne ${counter}`,
      passwordHash: await (hashes.get(password) as Promise<string>),
      active: overrides.active ?? true,
    })
    .returning();
  if (!user) throw new Error("user not created");
  for (const g of overrides.grants ?? []) {
    await db.insert(userRoles).values({
      userId: user.id,
      role: g.role,
      atelierCode: g.role === "atelier" ? g.atelierCode : null,
      territoryCode: g.role === "territory" ? g.territoryCode : null,
    });
  }
  return { ...user, password };
}

type Injectable = Awaited<ReturnType<typeof createTestApp>>["app"];

/** Signs in and returns the cookie header to send with the next requests. */
export async function signIn(app: Injectable, email: string, password: string, remoteAddress = "127.0.0.1") {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "enquete_session");
  if (!cookie) throw new Error("no session cookie");
  return { cookie: `enquete_session=${cookie.value}`, raw: cookie.value, me: res.json() };
}

/** One account per name with its grants ("Personne <name>"), each signed in: their cookies by name. */
export async function signInPeople(
  t: { app: Injectable; db: Db },
  people: Readonly<Record<string, readonly RoleGrant[]>>,
): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const [name, grants] of Object.entries(people)) {
    const user = await buildUser(t.db, { grants: [...grants], displayName: `Personne ${name}` });
    cookies[name] = (await signIn(t.app, user.email, user.password)).cookie;
  }
  return cookies;
}
