/**
 * Single sign-on against a real OpenID provider started here (oidc-provider),
 * the API served over real HTTP: the browser's journey is followed redirect
 * by redirect, with its cookies, from the login button to the session.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcConfig } from "../src/config.ts";
import { oidcLogins, sessions, signInAddresses, users } from "../src/db/schema.ts";
import { safeReturnTo } from "../src/modules/auth/oidc-service.ts";
import { appOn, buildUser, createTestApp, createTestDatabase } from "./helpers.ts";
import { browserGet, CookieJar, followUntil, startTestProvider, type TestProvider } from "./oidc-test-provider.ts";

type TestApp = Awaited<ReturnType<typeof appOn>>;

let idp: TestProvider;
let dbUrl: string;
/** The platform as ProConnect sees it: userinfo as a signed JWT. The other, plain JSON userinfo. */
let main: { t: TestApp; base: string; oidc: OidcConfig };
let jwtApp: { t: TestApp; base: string; oidc: OidcConfig };
const logLines: string[] = [];

async function platform(clientId: string, logStream?: Writable) {
  const oidc: OidcConfig = {
    issuer: idp.issuer,
    clientId,
    clientSecret: randomBytes(24).toString("hex"),
    redirectUri: "",
    label: "ProConnect",
  };
  const t = await appOn(dbUrl, { oidc, ...(logStream ? { logLevel: "info" } : {}) }, logStream);
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // The callback's address is known once the port is: the app reads config.oidc at each request,
  // and the provider, configured after this, registers the same address.
  oidc.redirectUri = `${base}/api/auth/oidc/callback`;
  return { t, base, oidc };
}

beforeAll(async () => {
  idp = await startTestProvider();
  dbUrl = await createTestDatabase();
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  main = await platform("enquete-atelier", stream);
  jwtApp = await platform("enquete-atelier-jwt");
  idp.configure([
    { client_id: main.oidc.clientId, client_secret: main.oidc.clientSecret, redirect_uris: [main.oidc.redirectUri] },
    {
      client_id: jwtApp.oidc.clientId,
      client_secret: jwtApp.oidc.clientSecret,
      redirect_uris: [jwtApp.oidc.redirectUri],
      userinfo_signed_response_alg: "RS256",
    },
  ]);
});

afterAll(async () => {
  await main?.t.close();
  await jwtApp?.t.close();
  await idp?.close();
});

/**
 * The person clicks the button, signs in at the provider, and comes back:
 * the answer of the callback (its redirect) and the browser's cookies.
 */
async function journey(app: { base: string; oidc: OidcConfig }, returnTo?: string) {
  const jar = new CookieJar();
  const login = await browserGet(
    jar,
    `${app.base}/api/auth/oidc/login${returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`}`,
  );
  expect(login.response.status).toBe(302);
  expect(login.location?.origin).toBe(idp.issuer);
  const callback = await followUntil(jar, login.location as URL, (u) => u.href.startsWith(app.oidc.redirectUri));
  const back = await browserGet(jar, callback);
  expect(back.response.status).toBe(302);
  return { jar, callback, location: back.location, session: jar.get(app.base, "enquete_session") };
}

const sessionsOf = (t: TestApp, userId: string) => t.db.select().from(sessions).where(eq(sessions.userId, userId));

describe("single sign-on with a real OpenID provider", () => {
  it("signs in the account matched by email, whatever its case, with a session of method oidc", async () => {
    const user = await buildUser(main.t.db, { email: "Claire.Martin@Canope.test", displayName: "Claire Martin" });
    idp.signInAs({ email: "claire.martin@canope.TEST" });
    const { location, session, callback } = await journey(main, "/rapports/86?periode=2026-11");
    expect(location?.href).toBe(`${main.base}/rapports/86?periode=2026-11`);
    expect(session).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const me = await fetch(`${main.base}/api/me`, { headers: { cookie: `enquete_session=${session}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: user.id, email: "Claire.Martin@Canope.test", displayName: "Claire Martin" });

    const opened = await sessionsOf(main.t, user.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ method: "oidc", ip: "127.0.0.1" });
    const [account] = await main.t.db.select().from(users).where(eq(users.id, user.id));
    expect(account?.lastLoginAt).not.toBeNull();
    const addresses = await main.t.db.select().from(signInAddresses).where(eq(signInAddresses.userId, user.id));
    expect(addresses.map((a) => a.ip)).toEqual(["127.0.0.1"]);

    // The state is spent, and the log never carries the authorization code.
    expect(await main.t.db.select().from(oidcLogins).where(sql`true`)).toHaveLength(0);
    const code = callback.searchParams.get("code") ?? "";
    expect(code.length).toBeGreaterThan(10);
    const log = logLines.join("");
    expect(log).toContain('"method":"oidc"');
    expect(log).not.toContain(code);
  });

  it("takes the email from a userinfo signed as a JWT, as ProConnect answers it", async () => {
    const user = await buildUser(jwtApp.t.db, { email: "agent.public@exemple.gouv.test" });
    idp.signInAs({ email: "agent.public@exemple.gouv.test" });
    const { location, session } = await journey(jwtApp);
    expect(location?.href).toBe(`${jwtApp.base}/`);
    const me = await fetch(`${jwtApp.base}/api/me`, { headers: { cookie: `enquete_session=${session}` } });
    expect((await me.json()).id).toBe(user.id);
  });

  it("signs in an invited account (no password yet): its first sign-in makes it active", async () => {
    const user = await buildUser(main.t.db, { email: `invitee.${randomBytes(3).toString("hex")}@canope.test` });
    await main.t.db.update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    idp.signInAs({ email: user.email });
    const { session } = await journey(main);
    expect(session).toBeDefined();
    const [account] = await main.t.db.select().from(users).where(eq(users.id, user.id));
    expect(account?.lastLoginAt).not.toBeNull();
  });

  it("refuses an email that is no account, creating nobody and no session", async () => {
    const before = await main.t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    idp.signInAs({ email: "inconnu@ailleurs.test" });
    const { location, session } = await journey(main);
    expect(location?.href).toBe(`${main.base}/connexion?sso=inconnu`);
    expect(session).toBeUndefined();
    expect(await main.t.db.select({ n: sql<number>`count(*)::int` }).from(users)).toEqual(before);
    expect(await main.t.db.select().from(users).where(sql`lower(${users.email}) = 'inconnu@ailleurs.test'`)).toHaveLength(0);
  });

  it("refuses a deactivated account the same way", async () => {
    const user = await buildUser(main.t.db, { active: false });
    idp.signInAs({ email: user.email });
    const { location, session } = await journey(main);
    expect(location?.href).toBe(`${main.base}/connexion?sso=inconnu`);
    expect(session).toBeUndefined();
    expect(await sessionsOf(main.t, user.id)).toHaveLength(0);
  });

  it("refuses an email the provider says it has not verified", async () => {
    const user = await buildUser(main.t.db);
    idp.signInAs({ email: user.email, emailVerified: false });
    const { location, session } = await journey(main);
    expect(location?.href).toBe(`${main.base}/connexion?sso=erreur`);
    expect(session).toBeUndefined();
  });

  it("answers an error when the person refuses at the provider", async () => {
    idp.signInAs("refuse");
    const { location, session } = await journey(main);
    expect(location?.href).toBe(`${main.base}/connexion?sso=erreur`);
    expect(session).toBeUndefined();
    // The operator reads why in the log.
    const failure = logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === "single sign-on failed" && l.providerError === "access_denied");
    expect(failure).toMatchObject({ sso: "callback", level: 40 });
  });

  it("refuses a replayed callback: a state works once", async () => {
    const user = await buildUser(main.t.db);
    idp.signInAs({ email: user.email });
    const first = await journey(main);
    expect(first.session).toBeDefined();
    // The same answer again, with the state cookie put back: only the spent state stops it.
    const replay = new CookieJar();
    replay.set(main.base, "enquete_sso", first.callback.searchParams.get("state") ?? "");
    const again = await browserGet(replay, first.callback);
    expect(again.location?.href).toBe(`${main.base}/connexion?sso=erreur`);
    expect(replay.get(main.base, "enquete_session")).toBeUndefined();
    expect(await sessionsOf(main.t, user.id)).toHaveLength(1);
  });

  it("refuses a forged state, and the end of a sign-in started by another browser", async () => {
    const forged = "f".repeat(43);
    const jar = new CookieJar();
    jar.set(main.base, "enquete_sso", forged);
    const res = await browserGet(jar, `${main.base}/api/auth/oidc/callback?code=abc&state=${forged}`);
    expect(res.location?.href).toBe(`${main.base}/connexion?sso=erreur`);

    // An attacker's own sign-in, its last step sent to a victim's browser (which never got that state).
    const user = await buildUser(main.t.db);
    idp.signInAs({ email: user.email });
    const attacker = new CookieJar();
    const login = await browserGet(attacker, `${main.base}/api/auth/oidc/login`);
    const callback = await followUntil(attacker, login.location as URL, (u) => u.href.startsWith(main.oidc.redirectUri));
    const victim = new CookieJar();
    const landed = await browserGet(victim, callback);
    expect(landed.location?.href).toBe(`${main.base}/connexion?sso=erreur`);
    expect(victim.get(main.base, "enquete_session")).toBeUndefined();
    expect(await sessionsOf(main.t, user.id)).toHaveLength(0);
  });

  it("refuses a state older than 10 minutes", async () => {
    const user = await buildUser(main.t.db);
    idp.signInAs({ email: user.email });
    const jar = new CookieJar();
    const login = await browserGet(jar, `${main.base}/api/auth/oidc/login`);
    const callback = await followUntil(jar, login.location as URL, (u) => u.href.startsWith(main.oidc.redirectUri));
    await main.t.db.update(oidcLogins).set({ createdAt: sql`now() - interval '11 minutes'` });
    const late = await browserGet(jar, callback);
    expect(late.location?.href).toBe(`${main.base}/connexion?sso=erreur`);
    expect(await sessionsOf(main.t, user.id)).toHaveLength(0);
  });

  it("sends the person home, not to another site, for a returnTo that is not a local path", async () => {
    const user = await buildUser(main.t.db);
    idp.signInAs({ email: user.email });
    const { location, session } = await journey(main, "//evil.example/piege");
    expect(session).toBeDefined();
    expect(location?.href).toBe(`${main.base}/`);
  });

  it("keeps only paths of this site as returnTo", () => {
    expect(safeReturnTo("/rapports/86?periode=2026-11#f")).toBe("/rapports/86?periode=2026-11#f");
    for (const unsafe of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "/\t/evil.example",
      "rapports",
      "",
      undefined,
      42,
    ]) {
      expect(safeReturnTo(unsafe), String(unsafe)).toBe("/");
    }
  });

  it("says single sign-on is on, with its label", async () => {
    const res = await fetch(`${main.base}/api/auth/options`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ oidc: { enabled: true, label: "ProConnect" } });
  });

  it("answers an error while the provider is down, and discovers it again once it is back", async () => {
    const fresh = await appOn(dbUrl, { oidc: { ...main.oidc } });
    try {
      idp.down = true;
      const down = await fresh.app.inject({ url: "/api/auth/oidc/login" });
      expect(down.statusCode).toBe(302);
      expect(down.headers.location).toBe("/connexion?sso=erreur");
      idp.down = false;
      const back = await fresh.app.inject({ url: "/api/auth/oidc/login" });
      expect(back.statusCode).toBe(302);
      expect(String(back.headers.location)).toMatch(new RegExp(`^${idp.issuer}/`));
      const to = new URL(String(back.headers.location));
      expect(to.searchParams.get("code_challenge_method")).toBe("S256");
      expect(to.searchParams.get("scope")).toBe("openid email");
    } finally {
      idp.down = false;
      await fresh.close();
    }
  });
});

describe("single sign-on not configured", () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp({ oidc: null });
  });
  afterAll(async () => await t.close());

  it("says so on the login page's options, and its addresses answer 404 in French", async () => {
    const options = await t.app.inject({ url: "/api/auth/options" });
    expect(options.statusCode).toBe(200);
    expect(options.json()).toEqual({ oidc: { enabled: false, label: "ProConnect" } });
    for (const url of ["/api/auth/oidc/login?returnTo=/rapports", "/api/auth/oidc/callback?code=x&state=y"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: "NOT_FOUND", message: "La connexion unique n'est pas configurée." });
    }
  });

  it("documents its three addresses in the OpenAPI document", async () => {
    const res = await t.app.inject({ url: "/api/openapi.json" });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const doc = res.json();
    for (const path of ["/api/auth/options", "/api/auth/oidc/login", "/api/auth/oidc/callback"])
      expect(doc.paths[path]?.get, path).toBeTruthy();
    expect(JSON.stringify(doc.paths["/api/auth/oidc/login"].get.parameters)).toContain("returnTo");
  });
});
