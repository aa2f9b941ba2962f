/**
 * One's own sessions (list, end one, end the others, log out everywhere) and
 * personal API tokens (made once, kept hashed, GET only, with the owner's
 * grants of the moment, dead once revoked, expired, or the owner disabled).
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditEvents, sessions, userRoles, users } from "../src/db/schema.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => await t.close());

const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function signInWith(email: string, password: string, userAgent: string, remoteAddress: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
    headers: { "user-agent": userAgent },
    remoteAddress,
  });
  expect(res.statusCode).toBe(200);
  return `enquete_session=${res.cookies.find((c) => c.name === "enquete_session")?.value}`;
}

const me = (cookie: string) => t.app.inject({ url: "/api/me", headers: { cookie } });
const mySessions = async (cookie: string) => {
  const res = await t.app.inject({ url: "/api/me/sessions", headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; device: string; address: string | null; current: boolean; method: string }[];
};
const auditActions = async (userId: string, action: string) =>
  await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorId, userId), eq(auditEvents.action, action)));

describe("one's own sessions", () => {
  it("lists them with the device in French, the address, and which one is this one", async () => {
    const user = await buildUser(t.db);
    const laptop = await signInWith(user.email, user.password, FIREFOX_WINDOWS, "10.50.0.1");
    await signInWith(user.email, user.password, SAFARI_IPHONE, "10.50.0.2");
    await signInWith(user.email, user.password, "", "10.50.0.3");
    const list = await mySessions(laptop);
    expect(list).toHaveLength(3);
    const byAddress = Object.fromEntries(list.map((s) => [s.address, s]));
    expect(byAddress["10.50.0.1"]).toMatchObject({ device: "Firefox 133 sous Windows", current: true, method: "password" });
    expect(byAddress["10.50.0.2"]).toMatchObject({ device: "Safari 17 sous iOS", current: false });
    expect(byAddress["10.50.0.3"]).toMatchObject({ device: "Navigateur inconnu", current: false });
    // Named by a public id, never by the hash that opens them.
    const hashes = (await t.db.select({ h: sessions.idHash }).from(sessions).where(eq(sessions.userId, user.id))).map((r) => r.h);
    for (const s of list) {
      expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(hashes).not.toContain(s.id);
    }
  });

  it("ends one other session; another person's or an unknown one is a 404", async () => {
    const user = await buildUser(t.db);
    const here = await signInWith(user.email, user.password, FIREFOX_WINDOWS, "10.51.0.1");
    const there = await signInWith(user.email, user.password, SAFARI_IPHONE, "10.51.0.2");
    const other = (await mySessions(here)).find((s) => !s.current);
    const end = (cookie: string, id: string) => t.app.inject({ method: "DELETE", url: `/api/me/sessions/${id}`, headers: { cookie } });

    const stranger = await buildUser(t.db);
    const strangerCookie = (await signIn(t.app, stranger.email, stranger.password)).cookie;
    for (const res of [
      await end(strangerCookie, other?.id ?? ""),
      await end(here, "00000000-0000-4000-8000-000000000000"),
      await end(here, "pas-un-identifiant"),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe("NOT_FOUND");
    }
    expect((await me(there)).statusCode).toBe(200);

    expect((await end(here, other?.id ?? "")).statusCode).toBe(204);
    expect((await me(there)).statusCode).toBe(401);
    expect((await me(here)).statusCode).toBe(200);
    // Ending this very session clears its cookie too.
    const current = (await mySessions(here)).find((s) => s.current);
    const self = await end(here, current?.id ?? "");
    expect(self.statusCode).toBe(204);
    const cleared = self.cookies.find((c) => c.name === "enquete_session");
    expect(cleared?.value).toBe("");
    expect((await me(here)).statusCode).toBe(401);
  });

  it("ends all the others at once, keeping this one, and writes the journal", async () => {
    const user = await buildUser(t.db);
    const here = await signInWith(user.email, user.password, FIREFOX_WINDOWS, "10.52.0.1");
    const others = [
      await signInWith(user.email, user.password, SAFARI_IPHONE, "10.52.0.2"),
      await signInWith(user.email, user.password, SAFARI_IPHONE, "10.52.0.3"),
    ];
    const res = await t.app.inject({ method: "DELETE", url: "/api/me/sessions", headers: { cookie: here } });
    expect(res.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    for (const cookie of others) expect((await me(cookie)).statusCode).toBe(401);
    expect(await mySessions(here)).toHaveLength(1);
    const [entry] = await auditActions(user.id, "sessions.ended");
    expect(entry?.details).toMatchObject({ count: 2, scope: "others" });
  });

  it("logs out of every device with allDevices, and only of this one without", async () => {
    const user = await buildUser(t.db);
    const a = await signInWith(user.email, user.password, FIREFOX_WINDOWS, "10.53.0.1");
    const b = await signInWith(user.email, user.password, SAFARI_IPHONE, "10.53.0.2");
    const c = await signInWith(user.email, user.password, SAFARI_IPHONE, "10.53.0.3");
    const plain = await t.app.inject({ method: "POST", url: "/api/auth/logout", payload: {}, headers: { cookie: c } });
    expect(plain.statusCode).toBe(204);
    expect((await me(c)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
    const everywhere = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      payload: { allDevices: true },
      headers: { cookie: a },
    });
    expect(everywhere.statusCode).toBe(204);
    expect(everywhere.cookies.find((k) => k.name === "enquete_session")?.value).toBe("");
    for (const cookie of [a, b]) expect((await me(cookie)).statusCode).toBe(401);
    const [entry] = await auditActions(user.id, "sessions.ended");
    expect(entry?.details).toMatchObject({ count: 2, scope: "all" });
    // A malformed body is refused before anything ends.
    const d = await signInWith(user.email, user.password, SAFARI_IPHONE, "10.53.0.4");
    const bad = await t.app.inject({ method: "POST", url: "/api/auth/logout", payload: { allDevices: "oui" }, headers: { cookie: d } });
    expect(bad.statusCode).toBe(422);
    expect((await me(d)).statusCode).toBe(200);
  });

  it("is for signed-in people only", async () => {
    expect((await t.app.inject({ url: "/api/me/sessions" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "DELETE", url: "/api/me/sessions" })).statusCode).toBe(401);
  });
});

// ---------------------------------------------------------------- tokens

const parisDay = async (offsetDays: number) =>
  (
    await t.db.execute<{ d: string }>(
      sql`select to_char((now() at time zone 'Europe/Paris')::date + ${offsetDays}::int, 'YYYY-MM-DD') as d`,
    )
  ).rows[0]?.d ?? "";

const createToken = (cookie: string, body: object) =>
  t.app.inject({ method: "POST", url: "/api/me/tokens", payload: body, headers: { cookie } });
const bearer = (
  token: string,
  url: string,
  method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE" = "GET",
  extra: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...extra },
    ...(method === "GET" || method === "HEAD" ? {} : { payload: {} }),
  });

async function director() {
  const user = await buildUser(t.db, { grants: [{ role: "territory", territoryCode: "normandie" }] });
  const { cookie } = await signIn(t.app, user.email, user.password);
  const res = await createToken(cookie, { label: "Script de consolidation", expiresOn: await parisDay(30) });
  expect(res.statusCode).toBe(201);
  return { user, cookie, created: res.json() as { id: string; token: string; prefix: string; status: string; expiresOn: string } };
}

describe("API tokens", () => {
  it("are shown once, and only their hash is kept", async () => {
    const { user, cookie, created } = await director();
    expect(created.token).toMatch(/^ea_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 10));
    expect(created.status).toBe("active");
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row?.tokenHash).toBe(createHash("sha256").update(created.token).digest("base64url"));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const list = await t.app.inject({ url: "/api/me/tokens", headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({ id: created.id, label: "Script de consolidation", status: "active", lastUsedAt: null }),
    ]);
    expect(list.body).not.toContain(created.token);
    const [entry] = await auditActions(user.id, "token.created");
    expect(entry?.subject).toBe(`token:${created.id}`);
    expect(JSON.stringify(entry?.details)).not.toContain(created.token);
  });

  it("are for the national, viewer and territory roles, for at most a year from tomorrow", async () => {
    const { cookie } = await director();
    for (const [expiresOn, message] of [
      [await parisDay(0), /après aujourd'hui/],
      [await parisDay(-3), /après aujourd'hui/],
      [await parisDay(367), /au plus 366 jours/],
      ["2027-02-30", /n'existe pas/],
    ] as const) {
      const res = await createToken(cookie, { label: "Essai", expiresOn });
      expect(res.statusCode, expiresOn).toBe(422);
      expect(res.json().errors).toEqual([{ field: "expiresOn", message: expect.stringMatching(message) }]);
    }
    expect((await createToken(cookie, { label: "Un an", expiresOn: await parisDay(366) })).statusCode).toBe(201);
    for (const grants of [[{ role: "atelier" as const, atelierCode: "86" }], [{ role: "admin" as const }]]) {
      const user = await buildUser(t.db, { grants });
      const other = (await signIn(t.app, user.email, user.password)).cookie;
      const res = await createToken(other, { label: "Essai", expiresOn: await parisDay(30) });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("FORBIDDEN");
    }
    for (const grants of [[{ role: "national" as const }], [{ role: "viewer" as const }]]) {
      const user = await buildUser(t.db, { grants });
      const other = (await signIn(t.app, user.email, user.password)).cookie;
      expect((await createToken(other, { label: "Essai", expiresOn: await parisDay(30) })).statusCode).toBe(201);
    }
  });

  it("read with the owner's scope: their territory, not another", async () => {
    const { user, created } = await director();
    const who = await bearer(created.token, "/api/me");
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ id: user.id, roles: [{ role: "territory", territoryCode: "normandie" }] });
    expect((await bearer(created.token, "/api/territories/normandie")).statusCode).toBe(200);
    expect((await bearer(created.token, "/api/territories/normandie", "HEAD")).statusCode).toBe(200);
    const elsewhere = await bearer(created.token, "/api/territories/bretagne-pays-de-la-loire");
    expect(elsewhere.statusCode).toBe(403);
    // The owner's grants of the moment: moved to another territory, the token follows.
    await t.db.update(userRoles).set({ territoryCode: "bretagne-pays-de-la-loire" }).where(eq(userRoles.userId, user.id));
    expect((await bearer(created.token, "/api/territories/bretagne-pays-de-la-loire")).statusCode).toBe(200);
    expect((await bearer(created.token, "/api/territories/normandie")).statusCode).toBe(403);
  });

  it("carry only the roles tokens are for: an owner's administration stays out of reach by script", async () => {
    const user = await buildUser(t.db, { grants: [{ role: "national" }, { role: "admin" }] });
    const { cookie } = await signIn(t.app, user.email, user.password);
    const { token } = (await createToken(cookie, { label: "Script", expiresOn: await parisDay(30) })).json() as { token: string };
    // With the session, the same person reads the accounts; with the token, not.
    expect((await t.app.inject({ url: "/api/users", headers: { cookie } })).statusCode).toBe(200);
    expect((await bearer(token, "/api/users")).statusCode).toBe(403);
    expect((await bearer(token, "/api/audit")).statusCode).toBe(403);
    expect((await bearer(token, "/api/me")).json().roles).toEqual([{ role: "national" }]);
    expect((await bearer(token, "/api/indicators?scope=national&year=2025")).statusCode).toBe(200);
    // The national role taken away: nothing is left that a token is for.
    await t.db.delete(userRoles).where(and(eq(userRoles.userId, user.id), eq(userRoles.role, "national")));
    expect((await bearer(token, "/api/me")).statusCode).toBe(401);
  });

  it("refuse every request but GET and HEAD", async () => {
    const { user, created } = await director();
    for (const [method, url] of [
      ["PUT", "/api/me/password"],
      ["POST", "/api/me/tokens"],
      ["POST", "/api/auth/logout"],
      ["DELETE", `/api/me/tokens/${created.id}`],
      ["PUT", "/api/reports/14/2026-10"],
    ] as const) {
      const res = await bearer(created.token, url, method);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: "FORBIDDEN", message: "Un jeton d'API ne permet que la lecture (requêtes GET)." });
    }
    // Nothing was made nor revoked.
    const rows = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(rows.map((r) => [r.id, r.revokedAt])).toEqual([[created.id, null]]);
  });

  it("note their last use at most once a minute", async () => {
    const { created } = await director();
    const lastUsed = async () => (await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.id)))[0]?.lastUsedAt ?? null;
    await bearer(created.token, "/api/me");
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await bearer(created.token, "/api/me");
    expect((await lastUsed())?.getTime()).toBe(first?.getTime());
    await t.db.update(apiTokens).set({ lastUsedAt: sql`now() - interval '61 seconds'` }).where(eq(apiTokens.id, created.id));
    await bearer(created.token, "/api/me");
    expect((await lastUsed())?.getTime()).toBeGreaterThan((first?.getTime() ?? 0) - 1000);
  });

  it("stop at once when revoked, expired, or their owner disabled: 401, never the cookie instead", async () => {
    const dead = async (token: string) => {
      const res = await bearer(token, "/api/me");
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("INVALID_TOKEN");
      expect(res.json().message).toMatch(/^Ce jeton d'API n'est pas valable/);
    };
    // Revoked.
    const revoked = await director();
    const stranger = await buildUser(t.db);
    const strangerCookie = (await signIn(t.app, stranger.email, stranger.password)).cookie;
    const notYours = await t.app.inject({
      method: "DELETE",
      url: `/api/me/tokens/${revoked.created.id}`,
      headers: { cookie: strangerCookie },
    });
    expect(notYours.statusCode).toBe(404);
    expect((await bearer(revoked.created.token, "/api/me")).statusCode).toBe(200);
    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/api/me/tokens/${revoked.created.id}`,
      headers: { cookie: revoked.cookie },
    });
    expect(revoke.statusCode).toBe(204);
    await dead(revoked.created.token);
    // With a good session cookie beside it, the dead token still decides.
    const both = await t.app.inject({
      url: "/api/me",
      headers: { authorization: `Bearer ${revoked.created.token}`, cookie: revoked.cookie },
    });
    expect(both.statusCode).toBe(401);
    const list = await t.app.inject({ url: "/api/me/tokens", headers: { cookie: revoked.cookie } });
    expect(list.json()[0]).toMatchObject({ id: revoked.created.id, status: "revoked" });
    const [entry] = await auditActions(revoked.user.id, "token.revoked");
    expect(entry?.subject).toBe(`token:${revoked.created.id}`);

    // Expired: its last day was yesterday in Paris.
    const expired = await director();
    await t.db
      .update(apiTokens)
      .set({ expiresOn: await parisDay(-1) })
      .where(eq(apiTokens.id, expired.created.id));
    await dead(expired.created.token);
    expect((await t.app.inject({ url: "/api/me/tokens", headers: { cookie: expired.cookie } })).json()[0].status).toBe("expired");
    // Its last day is today: still good.
    await t.db
      .update(apiTokens)
      .set({ expiresOn: await parisDay(0) })
      .where(eq(apiTokens.id, expired.created.id));
    expect((await bearer(expired.created.token, "/api/me")).statusCode).toBe(200);

    // The owner disabled.
    const disabled = await director();
    await t.db.update(users).set({ active: false }).where(eq(users.id, disabled.user.id));
    await dead(disabled.created.token);

    // Unknown or malformed.
    await dead(`ea_${"A".repeat(43)}`);
    await dead("abc");
    expect((await t.app.inject({ url: "/api/me", headers: { authorization: "Bearer" } })).statusCode).toBe(401);
  });
});

describe("the OpenAPI document", () => {
  it("describes the session cookie and the bearer tokens", async () => {
    const res = await t.app.inject({ url: "/api/openapi.json" });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const doc = res.json();
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "enquete_session" });
    expect(doc.components.securitySchemes.token).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/me/tokens"]).toBeTruthy();
    expect(doc.paths["/api/auth/link-info"]).toBeTruthy();
  });
});
