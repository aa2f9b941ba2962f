/**
 * The accounts API of the administrators (domain page, section 7.2), on a
 * real PostgreSQL and with a real SMTP server started here: an invitation
 * reaches the mailbox at once, with no delivery job running; its link is the
 * password page's and only its hash is stored; a resend kills the old link;
 * a deactivation ends sessions, tokens and links in its transaction; every
 * refusal writes nothing, the journal included.
 */
import { createHash, randomBytes } from "node:crypto";
import type { RoleGrant } from "@enquete/domain";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditEvents, outbox, sessions, userLinks, userRoles, users } from "../src/db/schema.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";
import { type Mail, type Mailbox, startMailbox } from "./mailbox.ts";

let smtp: Mailbox;
let t: Awaited<ReturnType<typeof createTestApp>>;
let admin: Awaited<ReturnType<typeof buildUser>>;
let adminCookie: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startMailbox();
  t = await createTestApp({ smtp: { host: "127.0.0.1", port: smtp.port, secure: false, user: null, password: null } });
  admin = await buildUser(t.db, { displayName: "Alice Admin", email: "alice.admin@canope.test", grants: [{ role: "admin" }] });
  adminCookie = (await signIn(t.app, admin.email, admin.password)).cookie;
  const others = {
    national: [{ role: "national" as const }],
    viewer: [{ role: "viewer" as const }],
    territory: [{ role: "territory" as const, territoryCode: "normandie" }],
    atelier: [{ role: "atelier" as const, atelierCode: "86" }],
  };
  for (const [name, grants] of Object.entries(others)) {
    const u = await buildUser(t.db, { displayName: `Non-admin ${name}`, grants });
    cookies[name] = (await signIn(t.app, u.email, u.password)).cookie;
  }
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

type Method = "GET" | "POST" | "PATCH";
const call = (method: Method, url: string, payload?: object, cookie: string | null = adminCookie) =>
  t.app.inject({ method, url, ...(payload !== undefined ? { payload } : {}), headers: cookie ? { cookie } : {} });

const counts = async () => {
  const n = async (table: typeof users | typeof auditEvents | typeof outbox | typeof userLinks | typeof userRoles) =>
    (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
  return {
    users: await n(users),
    audit: await n(auditEvents),
    outbox: await n(outbox),
    links: await n(userLinks),
    roles: await n(userRoles),
  };
};

/** The email to that address, as soon as it is in the mailbox (within `ms`). */
async function mailTo(address: string, after: number, ms = 2000): Promise<Mail> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    const found = smtp.messages.slice(after).find((m) => m.to.includes(address));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no email to ${address} within ${ms} ms`);
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");
const linkIn = (mail: Mail) => {
  const m = new RegExp(`${t.config.publicUrl.replaceAll(".", "\\.")}/mot-de-passe#([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m?.[1]) throw new Error("no password link in the email");
  return m[1];
};

const create = (body: object, cookie: string | null = adminCookie) => call("POST", "/api/users", body, cookie);
let seq = 0;
const newEmail = (prefix = "invite") => `${prefix}.${++seq}.${randomBytes(2).toString("hex")}@canope.test`;

describe("only administrators manage accounts", () => {
  it("refuses every route to every other role (403) and to nobody signed in (401), writing nothing", async () => {
    const target = await buildUser(t.db, { displayName: "Cible Refus" });
    const before = await counts();
    const routes: [Method, string, object?][] = [
      ["GET", "/api/users"],
      ["GET", `/api/users/${target.id}`],
      ["POST", "/api/users", { email: "refus@canope.test", displayName: "Refus", roles: [{ role: "national" }] }],
      ["PATCH", `/api/users/${target.id}`, { active: false }],
      ["POST", `/api/users/${target.id}/invitation`],
      ["GET", "/api/audit"],
    ];
    for (const [method, url, payload] of routes) {
      for (const who of Object.keys(cookies)) {
        const res = await call(method, url, payload, cookies[who]);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
        expect(res.json()).toMatchObject({ code: "FORBIDDEN", message: "Votre rôle ne donne pas accès à cette fonction." });
      }
      expect((await call(method, url, payload, null)).statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("creating an account sends its invitation at once", () => {
  it("writes the invited account, its grants, a 72 h link, the email and the journal; the email arrives with the password link", async () => {
    const email = newEmail("claire");
    const mailbox = smtp.messages.length;
    const startedAt = Date.now();
    const res = await create({
      email: `  ${email.toUpperCase()} `,
      displayName: "Claire Martin",
      roles: [
        { role: "atelier", atelierCode: "86" },
        { role: "territory", territoryCode: "normandie" },
        { role: "atelier", atelierCode: "86" },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({
      email,
      displayName: "Claire Martin",
      status: "invited",
      active: true,
      passwordSet: false,
      lastLoginAt: null,
      activeSessions: 0,
      activeTokens: 0,
      // The same grant twice counts once; widest reach first.
      roles: [
        { role: "territory", territoryCode: "normandie" },
        { role: "atelier", atelierCode: "86" },
      ],
    });
    expect(body.invitation.sentTo).toBe(email);
    const hours = (Date.parse(body.invitation.expiresAt) - startedAt) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThan(72.1);
    expect(body.user.invitation).toMatchObject({ expiresAt: body.invitation.expiresAt, expired: false });

    const [row] = await t.db.select().from(users).where(eq(users.id, body.user.id));
    expect(row?.passwordHash).toBeNull();
    const links = await t.db.select().from(userLinks).where(eq(userLinks.userId, body.user.id));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ purpose: "invitation", usedAt: null, createdBy: admin.id });

    // The courier sends after the commit: no job runs in this test, and the email is there within 2 s.
    const mail = await mailTo(email, mailbox);
    const secret = linkIn(mail);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sha256(secret)).toBe(links[0]?.tokenHash);
    expect(mail.text).toContain("Bonjour Claire Martin");
    expect(mail.text).toContain("Alice Admin vous a ouvert un compte");
    expect(mail.text).toContain("- Direction territoriale : Normandie");
    expect(mail.text).toContain("- Direction d'atelier : Atelier Canopé 86");

    const journal = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subject, `user:${body.user.id}`))
      .orderBy(auditEvents.id);
    expect(journal.map((e) => e.action)).toEqual(["user.created", "user.invitation_sent"]);
    expect(journal[0]).toMatchObject({ actorId: admin.id, actorLabel: "Alice Admin <alice.admin@canope.test>" });
    expect(journal[0]?.details).toMatchObject({
      before: null,
      after: { email, displayName: "Claire Martin", roles: body.user.roles },
    });
    expect(JSON.stringify(journal)).not.toContain(secret);

    // Sent, the email keeps no link (marked once the SMTP server has answered); the administrators' outbox never showed it.
    await t.app.courier.idle();
    const [sent] = await t.db.select().from(outbox).where(eq(outbox.toEmail, email));
    expect(sent?.sentAt).not.toBeNull();
    expect(sent?.link).toBeNull();
    const list = await call("GET", "/api/outbox?limit=50");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(email);
    expect(list.body).not.toContain(secret);
  });

  it("keeps an email that could not leave with its link, and still never shows that link in the outbox", async () => {
    const email = newEmail("refusee");
    smtp.refuse(email);
    const res = await create({ email, displayName: "Boîte Refusée", roles: [{ role: "viewer" }] });
    expect(res.statusCode).toBe(201);
    await t.app.courier.idle();
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toEmail, email));
    expect(row?.sentAt).toBeNull();
    expect(row?.attempts).toBe(1);
    const secret = /#([A-Za-z0-9_-]+)$/.exec(row?.link ?? "")?.[1] ?? "";
    expect(secret.length).toBe(43);
    const list = await call("GET", "/api/outbox?limit=50");
    expect(list.body).toContain(email);
    expect(list.body).not.toContain(secret);
  });

  it("refuses an email that already has an account, whatever its case (409), writing nothing", async () => {
    const existing = await buildUser(t.db, { email: newEmail("deja") });
    const before = await counts();
    const res = await create({ email: ` ${existing.email.toUpperCase()}`, displayName: "Doublon", roles: [{ role: "national" }] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "EMAIL_TAKEN", message: expect.stringContaining(existing.email) });
    expect(await counts()).toEqual(before);
  });

  it("refuses a role without its scope, with a scope it does not take, an unknown role, atelier or territory, field by field", async () => {
    const before = await counts();
    const res = await create({
      email: newEmail("roles"),
      displayName: "Rôles Refusés",
      roles: [
        { role: "atelier" },
        { role: "national", atelierCode: "86" },
        { role: "atelier", atelierCode: "96" },
        { role: "territory", territoryCode: "atlantide" },
        { role: "territory", territoryCode: "normandie" },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: "roles.0", message: "Le rôle « atelier » s'accorde pour un atelier, et un seul." },
      { field: "roles.1", message: "Le rôle « national » est national : il ne prend ni atelier ni territoire." },
      { field: "roles.2.atelierCode", message: "L'atelier « 96 » n'existe pas." },
      { field: "roles.3.territoryCode", message: "La direction territoriale « atlantide » n'existe pas." },
    ]);
    const unknownRole = await create({ email: newEmail("roles"), displayName: "X", roles: [{ role: "chef" }] });
    expect(unknownRole.statusCode).toBe(422);
    expect(unknownRole.json().errors[0].field).toBe("roles.0.role");
    const none = await create({ email: newEmail("roles"), displayName: "X", roles: [] });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors).toEqual([{ field: "roles", message: "Donnez au moins un rôle." }]);
    const badEmail = await create({ email: "pas-une-adresse", displayName: "X", roles: [{ role: "viewer" }] });
    expect(badEmail.statusCode).toBe(422);
    expect(badEmail.json().errors[0].field).toBe("email");
    expect(await counts()).toEqual(before);
  });

  it("reads an atelier code in lower case as the referential's", async () => {
    const res = await create({ email: newEmail("corse"), displayName: "Direction Corse", roles: [{ role: "atelier", atelierCode: "2a" }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.roles).toEqual([{ role: "atelier", atelierCode: "2A" }]);
  });
});

describe("resending an invitation", () => {
  it("sends a fresh link at once and the old one stops working (its row is used)", async () => {
    const email = newEmail("renvoi");
    const first = (await create({ email, displayName: "Renvoi Invitation", roles: [{ role: "viewer" }] })).json();
    const firstSecret = linkIn(await mailTo(email, 0));
    const mailbox = smtp.messages.length;
    const res = await call("POST", `/api/users/${first.user.id}/invitation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().invitation.sentTo).toBe(email);
    const secret = linkIn(await mailTo(email, mailbox));
    expect(secret).not.toBe(firstSecret);
    const links = await t.db.select().from(userLinks).where(eq(userLinks.userId, first.user.id)).orderBy(userLinks.createdAt);
    expect(links).toHaveLength(2);
    expect(links[0]?.tokenHash).toBe(sha256(firstSecret));
    expect(links[0]?.usedAt).not.toBeNull();
    expect(links[1]).toMatchObject({ tokenHash: sha256(secret), usedAt: null });
    // The old link is dead for the password page too.
    const dead = await t.app.inject({ method: "POST", url: "/api/auth/link-info", payload: { token: firstSecret } });
    expect(dead.statusCode).toBe(410);
    const live = await t.app.inject({ method: "POST", url: "/api/auth/link-info", payload: { token: secret } });
    expect(live.statusCode).toBe(200);
    const sentEvents = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subject, `user:${first.user.id}`), eq(auditEvents.action, "user.invitation_sent")));
    expect(sentEvents).toHaveLength(2);
  });

  it("refuses an account that already has a password, a disabled one, and an unknown one, writing nothing", async () => {
    const activated = await buildUser(t.db, { displayName: "Déjà Activée" });
    const disabled = (await create({ email: newEmail("desactivee"), displayName: "Désactivée", roles: [{ role: "viewer" }] })).json();
    expect((await call("PATCH", `/api/users/${disabled.user.id}`, { active: false })).statusCode).toBe(200);
    const before = await counts();
    const already = await call("POST", `/api/users/${activated.id}/invitation`);
    expect(already.statusCode).toBe(409);
    expect(already.json().message).toBe(
      "Ce compte est déjà activé : la personne peut utiliser « Mot de passe oublié ? » sur la page de connexion.",
    );
    const off = await call("POST", `/api/users/${disabled.user.id}/invitation`);
    expect(off.statusCode).toBe(409);
    expect(off.json().message).toContain("Réactivez d'abord ce compte.");
    for (const id of ["00000000-0000-4000-8000-000000000000", "pas-un-identifiant"]) {
      const res = await call("POST", `/api/users/${id}/invitation`);
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe("Ce compte n'existe pas.");
    }
    expect(await counts()).toEqual(before);
  });
});

describe("changing an account", () => {
  it("renames and replaces the roles in one change, each journaled with before and after", async () => {
    const person = await buildUser(t.db, { displayName: "Julien Roux", grants: [{ role: "territory", territoryCode: "normandie" }] });
    const res = await call("PATCH", `/api/users/${person.id}`, {
      displayName: "Julien Roux-Martin",
      roles: [{ role: "national" }, { role: "atelier", atelierCode: "14" }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: "Julien Roux-Martin",
      roles: [{ role: "national" }, { role: "atelier", atelierCode: "14" }],
    });
    const journal = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subject, `user:${person.id}`))
      .orderBy(auditEvents.id);
    expect(journal.map((e) => [e.action, e.details])).toEqual([
      ["user.renamed", { before: { displayName: "Julien Roux" }, after: { displayName: "Julien Roux-Martin" } }],
      [
        "user.roles_changed",
        {
          before: { roles: [{ role: "territory", territoryCode: "normandie" }] },
          after: { roles: [{ role: "national" }, { role: "atelier", atelierCode: "14" }] },
        },
      ],
    ]);
    // The new roles apply to the person's next request.
    const me = await signIn(t.app, person.email, person.password);
    expect(me.me.roles).toEqual([{ role: "national" }, { role: "atelier", atelierCode: "14" }]);
  });

  it("writes nothing for a change that changes nothing, nor for a refused one (the rename beside a bad role included)", async () => {
    const person = await buildUser(t.db, {
      displayName: "Sophie Leroy",
      grants: [{ role: "viewer" }, { role: "atelier", atelierCode: "86" }],
    });
    const before = await counts();
    const same = await call("PATCH", `/api/users/${person.id}`, {
      displayName: "Sophie Leroy",
      roles: [{ role: "atelier", atelierCode: "86" }, { role: "viewer" }],
      active: true,
    });
    expect(same.statusCode).toBe(200);
    expect((await call("PATCH", `/api/users/${person.id}`, {})).statusCode).toBe(200);
    const bad = await call("PATCH", `/api/users/${person.id}`, {
      displayName: "Autre Nom",
      roles: [{ role: "atelier", atelierCode: "96" }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ field: "roles.0.atelierCode", message: "L'atelier « 96 » n'existe pas." }]);
    const extra = await call("PATCH", `/api/users/${person.id}`, { displayName: "Autre Nom", password: "x" });
    expect(extra.statusCode).toBe(422);
    const unknown = await call("PATCH", "/api/users/00000000-0000-4000-8000-000000000000", { displayName: "Personne" });
    expect(unknown.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await t.db.select().from(users).where(eq(users.id, person.id)))[0]?.displayName).toBe("Sophie Leroy");
  });

  it("deactivating ends the person's sessions, API tokens and links at once; reactivating lets them back in", async () => {
    const person = await buildUser(t.db, { displayName: "Paul Départ", grants: [{ role: "national" }] });
    const session = await signIn(t.app, person.email, person.password);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const tokenSecret = `ea_${randomBytes(32).toString("base64url")}`;
    await t.db.insert(apiTokens).values([
      { userId: person.id, label: "Script", tokenHash: sha256(tokenSecret), prefix: tokenSecret.slice(0, 10), expiresOn: "2099-12-31" },
      {
        userId: person.id,
        label: "Ancien",
        tokenHash: sha256("ancien"),
        prefix: "ea_ancien",
        expiresOn: "2099-12-31",
        revokedAt: new Date("2026-01-01T00:00:00Z"),
      },
    ]);
    await t.db.insert(userLinks).values({
      userId: person.id,
      purpose: "password_reset",
      tokenHash: sha256("un-lien-en-attente"),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const detail = await call("GET", `/api/users/${person.id}`);
    expect(detail.json()).toMatchObject({ status: "active", activeSessions: 1, activeTokens: 1, passwordSet: true });

    const res = await call("PATCH", `/api/users/${person.id}`, { active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "disabled", active: false, activeSessions: 0, activeTokens: 0 });
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
    const tokens = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, person.id)).orderBy(apiTokens.label);
    expect(tokens.every((tk) => tk.revokedAt !== null)).toBe(true);
    // The token revoked before keeps its own date.
    expect(tokens.find((tk) => tk.label === "Ancien")?.revokedAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    const bearer = await t.app.inject({ url: "/api/me", headers: { authorization: `Bearer ${tokenSecret}` } });
    expect(bearer.statusCode).toBe(401);
    const links = await t.db.select().from(userLinks).where(eq(userLinks.userId, person.id));
    expect(links.every((l) => l.usedAt !== null)).toBe(true);
    await expect(signIn(t.app, person.email, person.password)).rejects.toThrow(/401/);

    const back = await call("PATCH", `/api/users/${person.id}`, { active: true });
    expect(back.json()).toMatchObject({ status: "active", active: true });
    expect((await signIn(t.app, person.email, person.password)).me.email).toBe(person.email);
    const journal = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subject, `user:${person.id}`))
      .orderBy(auditEvents.id);
    expect(journal.map((e) => [e.action, e.actorId, e.details])).toEqual([
      [
        "user.deactivated",
        admin.id,
        { before: { active: true }, after: { active: false }, sessionsEnded: 1, tokensRevoked: 1, linksEnded: 1 },
      ],
      ["user.reactivated", admin.id, { before: { active: false }, after: { active: true } }],
    ]);
  });

  it("refuses an administrator deactivating themself or removing their own admin role, and allows the rest of their own change", async () => {
    const before = await counts();
    const off = await call("PATCH", `/api/users/${admin.id}`, { active: false });
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ code: "SELF_PROTECTION", message: expect.stringContaining("votre propre compte") });
    const demote = await call("PATCH", `/api/users/${admin.id}`, { displayName: "Alice A.", roles: [{ role: "national" }] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().message).toContain("votre propre rôle d'administration");
    expect(await counts()).toEqual(before);
    expect((await call("GET", "/api/me")).statusCode).toBe(200);
    const more = await call("PATCH", `/api/users/${admin.id}`, { roles: [{ role: "admin" }, { role: "national" }] });
    expect(more.statusCode).toBe(200);
    expect(more.json().roles).toEqual([{ role: "national" }, { role: "admin" }]);
    await call("PATCH", `/api/users/${admin.id}`, { roles: [{ role: "admin" }] });
  });

  it("never leaves the platform without an active administrator, even when two remove each other at the same moment", async () => {
    // Only two administrators here: Alice and Bruno.
    const bruno = await buildUser(t.db, { displayName: "Bruno Admin", grants: [{ role: "admin" }] });
    await t.db.execute(
      sql`update users set active = false where id in (select user_id from user_roles where role = 'admin') and id not in (${admin.id}, ${bruno.id})`,
    );
    const brunoCookie = (await signIn(t.app, bruno.email, bruno.password)).cookie;
    // Hold the administrators' lock, so that both requests are inside their transaction, waiting, before either decides.
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    await holder.query("select pg_advisory_lock(hashtext('platform-administrators'))");
    const before = await counts();
    const both = [
      call("PATCH", `/api/users/${bruno.id}`, { active: false }, adminCookie),
      call("PATCH", `/api/users/${admin.id}`, { active: false }, brunoCookie),
    ];
    let waiting = 0;
    for (let i = 0; i < 400 && waiting < 2; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const { rows } = await holder.query(
        "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory' and datname = current_database()",
      );
      waiting = rows[0].n;
    }
    expect(waiting).toBe(2);
    await holder.query("select pg_advisory_unlock(hashtext('platform-administrators'))");
    await holder.end();
    const answers = await Promise.all(both);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.statusCode === 409);
    expect(refused?.json()).toMatchObject({
      code: "LAST_ADMINISTRATOR",
      message: expect.stringContaining("sans aucun administrateur actif"),
    });
    const activeAdmins = await t.db.execute(
      sql`select count(*)::int as n from users u join user_roles r on r.user_id = u.id where r.role = 'admin' and u.active`,
    );
    expect(activeAdmins.rows[0]?.n).toBe(1);
    // One deactivation and its journal entry; nothing of the refused one.
    expect((await counts()).audit).toBe(before.audit + 1);
    // Whoever remains puts the platform back as it was for the next tests.
    const winner = answers[0]?.statusCode === 200 ? adminCookie : brunoCookie;
    const loser = answers[0]?.statusCode === 200 ? bruno.id : admin.id;
    expect((await call("PATCH", `/api/users/${loser}`, { active: true }, winner)).statusCode).toBe(200);
    if (loser === admin.id) adminCookie = (await signIn(t.app, admin.email, admin.password)).cookie;
  });
});

describe("the list of accounts", () => {
  const tag = "Filtrage";
  const people: Record<string, string> = {};
  beforeAll(async () => {
    const make = async (key: string, displayName: string, grants: RoleGrant[], active = true) => {
      people[key] = (await buildUser(t.db, { displayName, grants, active, email: `${key}.${tag.toLowerCase()}@canope.test` })).id;
    };
    await make("dtNormandie", `Bernard ${tag}`, [{ role: "territory", territoryCode: "normandie" }]);
    await make("atelier14", `anne ${tag}`, [{ role: "atelier", atelierCode: "14" }]);
    await make("atelier86", `Chloé ${tag}`, [{ role: "atelier", atelierCode: "86" }, { role: "viewer" }]);
    await make("national", `Denis ${tag}`, [{ role: "national" }], false);
    await make("percent", `Taux_100% ${tag}`, [{ role: "viewer" }]);
    const invited = await create({
      email: `invited.${tag.toLowerCase()}@canope.test`,
      displayName: `Élodie ${tag}`,
      roles: [{ role: "national" }],
    });
    people.invited = invited.json().user.id;
  });

  const ids = async (query: string) => {
    const res = await call("GET", `/api/users?q=${tag}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((u: { id: string }) => u.id);
  };

  it("searches names and addresses without case, ordered by name then address, with the status of each", async () => {
    const res = await call("GET", `/api/users?q=${tag.toUpperCase()}`);
    const page = res.json();
    expect(page.total).toBe(6);
    expect(page.items.map((u: { displayName: string }) => u.displayName)).toEqual([
      `anne ${tag}`,
      `Bernard ${tag}`,
      `Chloé ${tag}`,
      `Denis ${tag}`,
      `Élodie ${tag}`,
      `Taux_100% ${tag}`,
    ]);
    expect(page.items.map((u: { status: string }) => u.status)).toEqual(["active", "active", "active", "disabled", "invited", "active"]);
    expect(JSON.stringify(page)).not.toContain("argon2");
    const byEmail = await call("GET", "/api/users?q=ATELIER86.filtrage@");
    expect(byEmail.json().items.map((u: { id: string }) => u.id)).toEqual([people.atelier86]);
  });

  it("takes % and _ as letters, not wildcards", async () => {
    expect((await call("GET", "/api/users?q=%25")).json().items.map((u: { id: string }) => u.id)).toEqual([people.percent]);
    expect((await call("GET", "/api/users?q=_100")).json().items.map((u: { id: string }) => u.id)).toEqual([people.percent]);
    expect((await call("GET", `/api/users?q=${encodeURIComponent("anne_")}`)).json().total).toBe(0);
  });

  it("filters by role, territory (its direction and its ateliers' directions), atelier and status", async () => {
    expect(await ids("role=viewer")).toEqual([people.atelier86, people.percent]);
    expect(await ids("role=atelier")).toEqual([people.atelier14, people.atelier86]);
    expect(await ids("territory=normandie")).toEqual([people.atelier14, people.dtNormandie]);
    expect(await ids("territory=aquitaine-limousin-poitou-charentes")).toEqual([people.atelier86]);
    expect(await ids("atelier=86")).toEqual([people.atelier86]);
    expect(await ids("status=invited")).toEqual([people.invited]);
    expect(await ids("status=disabled")).toEqual([people.national]);
    expect(await ids("status=active")).toEqual([people.atelier14, people.dtNormandie, people.atelier86, people.percent]);
    expect(await ids("role=national&status=invited")).toEqual([people.invited]);
    expect((await call("GET", "/api/users?status=parti")).statusCode).toBe(422);
    expect((await call("GET", "/api/users?role=chef")).statusCode).toBe(422);
  });

  it("pages", async () => {
    const first = (await call("GET", `/api/users?q=${tag}&limit=4`)).json();
    const second = (await call("GET", `/api/users?q=${tag}&limit=4&offset=4`)).json();
    expect([first.total, first.limit, first.offset, first.items.length]).toEqual([6, 4, 0, 4]);
    expect([second.total, second.offset, second.items.length]).toEqual([6, 4, 2]);
    expect(second.items[1].id).toBe(people.percent);
    expect((await call("GET", "/api/users?limit=500")).statusCode).toBe(422);
    const all = (await call("GET", "/api/users?limit=200")).json();
    expect(all.total).toBeGreaterThanOrEqual(all.items.length);
  });

  it("shows one account, or 404 for an unknown or malformed id", async () => {
    const res = await call("GET", `/api/users/${people.invited}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "invited", passwordSet: false, invitation: { expired: false } });
    for (const id of ["00000000-0000-4000-8000-000000000000", "pas-un-id", "1%27%20or%201=1"]) {
      const missing = await call("GET", `/api/users/${id}`);
      expect(missing.statusCode, id).toBe(404);
      expect(missing.json()).toMatchObject({ code: "NOT_FOUND", message: "Ce compte n'existe pas." });
    }
  });

  it("says when the waiting invitation has expired", async () => {
    await t.db
      .update(userLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userLinks.userId, people.invited ?? ""));
    expect((await call("GET", `/api/users/${people.invited}`)).json().invitation.expired).toBe(true);
  });
});
