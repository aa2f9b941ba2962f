import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginFailures, sessions } from "../src/db/schema.ts";
import { hashSessionId } from "../src/modules/auth/service.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";
import { withinOneWindow } from "./limits-helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => await t.close());

const countSessions = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions))[0]?.n ?? 0;

describe("sign-in", () => {
  it("opens a server-side session in an HttpOnly, SameSite=Lax cookie and answers who signed in", async () => {
    const user = await buildUser(t.db, { grants: [{ role: "atelier", atelierCode: "86" }] });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: `  ${user.email.toUpperCase()} `, password: user.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: [{ role: "atelier", atelierCode: "86" }],
    });
    const cookie = res.cookies.find((c) => c.name === "enquete_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBeFalsy(); // local development: plain HTTP
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash of the id is kept on the server.
    const stored = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(cookie?.value ?? "")));
    expect(stored).toHaveLength(1);
    const raw = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, cookie?.value ?? ""));
    expect(raw).toHaveLength(0);
  });

  it("sets the Secure flag outside local development, with the __Host- prefix", async () => {
    const secure = await createTestApp({ cookieSecure: true });
    try {
      const user = await buildUser(secure.db);
      const res = await secure.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: user.email, password: user.password },
      });
      // Secure, so the __Host- prefix: this host only, over HTTPS, Path=/ and no Domain.
      const cookie = res.cookies.find((c) => c.name === "__Host-enquete_session");
      expect(cookie?.secure).toBe(true);
      expect(cookie?.path).toBe("/");
      expect(cookie?.domain).toBeUndefined();
      expect(res.cookies.find((c) => c.name === "enquete_session")).toBeUndefined();
      // And that is the cookie the server reads back.
      const me = await secure.app.inject({ method: "GET", url: "/api/me", cookies: { "__Host-enquete_session": cookie?.value ?? "" } });
      expect(me.statusCode).toBe(200);
    } finally {
      await secure.close();
    }
  });

  it("gives a new session id at every sign-in, and drops the one the browser had", async () => {
    const user = await buildUser(t.db);
    const first = await signIn(t.app, user.email, user.password);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: user.password },
      headers: { cookie: first.cookie },
    });
    const second = res.cookies.find((c) => c.name === "enquete_session")?.value;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first.raw);
    const old = await t.app.inject({ url: "/api/me", headers: { cookie: first.cookie } });
    expect(old.statusCode).toBe(401);
  });

  it("answers the same 401 for a wrong password and an unknown email, and opens no session", async () => {
    const user = await buildUser(t.db);
    const before = await countSessions();
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: "pas-le-bon" },
      remoteAddress: "10.9.0.1",
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "personne@inconnu.test", password: "pas-le-bon" },
      remoteAddress: "10.9.0.2",
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "INVALID_CREDENTIALS", message: "Adresse électronique ou mot de passe incorrect." });
      expect(res.cookies.find((c) => c.name === "enquete_session")).toBeUndefined();
    }
    expect(await countSessions()).toBe(before);
  });

  it("takes about as long to refuse an unknown email as a wrong password", async () => {
    const user = await buildUser(t.db);
    const time = async (email: string, ip: string) => {
      const start = performance.now();
      await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "pas-le-bon" }, remoteAddress: ip });
      return performance.now() - start;
    };
    await time("echauffement@inconnu.test", "10.9.1.0");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(user.email, `10.9.1.${i + 1}`));
      unknown.push(await time(`inconnu${i}@inconnu.test`, `10.9.2.${i + 1}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    // Both verify an argon2id hash: the unknown email is not answered noticeably faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it("refuses a disabled account like a wrong password", async () => {
    const user = await buildUser(t.db, { active: false });
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: user.password } });
    expect(res.statusCode).toBe(401);
  });

  it("explains a malformed sign-in body field by field, in French", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "pas-une-adresse", password: "" } });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["email", "password"]);
    expect(body.errors.find((e: { field: string }) => e.field === "password").message).toBe("Saisissez votre mot de passe.");
  });
});

describe("rate limits", () => {
  it("lets the right password in from another address after ten wrong ones from ten addresses", async () => {
    const user = await buildUser(t.db);
    for (let i = 0; i < 10; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: user.email, password: "mauvais" },
        remoteAddress: `10.1.0.${i + 1}`,
      });
      expect(res.statusCode).toBe(401);
    }
    const failures = async () =>
      (await t.db.select({ n: sql<number>`count(*)::int` }).from(loginFailures).where(eq(loginFailures.emailKey, user.email)))[0]?.n;
    expect(await failures()).toBe(10);
    // An attacker spread over addresses does not keep the person out (the old per-minute account lock did).
    const right = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: user.password },
      remoteAddress: "10.1.0.99",
    });
    expect(right.statusCode).toBe(200);
  });

  it("refuses the 11th attempt in a minute from one address, whatever the account", async () => {
    const ip = "10.2.0.1";
    for (let i = 0; i < 10; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: `x${i}@inconnu.test`, password: "mauvais" },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(401);
    }
    const user = await buildUser(t.db);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: user.password },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    expect(res.json().message).toMatch(
      /^Trop de tentatives de connexion depuis cette adresse\. Réessayez dans (\d+ secondes?|1 minute)\.$/,
    );
    expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(res.cookies).toHaveLength(0);
  });

  it("lets colleagues behind one office address sign in: successful sign-ins do not count", async () => {
    const ip = "10.3.0.1";
    for (let i = 0; i < 15; i++) {
      const colleague = await buildUser(t.db);
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: colleague.email, password: colleague.password },
        remoteAddress: ip,
      });
      expect(res.statusCode, `colleague ${i + 1}`).toBe(200);
    }
  });

  it("still bounds all attempts from one address, failed or not", async () => {
    const ip = "10.4.0.1";
    const user = await buildUser(t.db);
    // The ceiling counts in fixed minutes shared by every process: the 61 attempts must fall in one.
    await withinOneWindow(20_000);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: user.email, password: user.password },
        remoteAddress: ip,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe("sessions", () => {
  it("logout deletes the session on the server: the cookie no longer opens anything", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie } });
    expect(out.statusCode).toBe(204);
    expect(
      await t.db
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, hashSessionId(s.raw))),
    ).toHaveLength(0);
    const after = await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    // Logging out twice is a plain 401, not an error.
    expect((await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it("expires after 30 idle minutes", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '29 minutes'` })
      .where(eq(sessions.idHash, hashSessionId(s.raw)));
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).statusCode).toBe(200);
    // That request slid the idle limit; now let 31 minutes pass.
    await t.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(eq(sessions.idHash, hashSessionId(s.raw)));
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it("expires 12 hours after sign-in however active the user is", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password);
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(s.raw)));
    const lifetimeHours = ((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)) / 3_600_000;
    expect(lifetimeHours).toBeCloseTo(12, 3);
    await t.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.idHash, hashSessionId(s.raw)));
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it("ignores a forged cookie", async () => {
    for (const forged of [
      "enquete_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "enquete_session=../../etc/passwd",
      "enquete_session=",
    ]) {
      const res = await t.app.inject({ url: "/api/me", headers: { cookie: forged } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });

  it("closes the sessions of an account that is disabled", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password);
    await t.db.execute(sql`update users set active = false where id = ${user.id}`);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it("is shared by every API process through PostgreSQL", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password);
    const { buildApp } = await import("../src/app.ts");
    const other = await buildApp({ config: t.config, db: t.db });
    try {
      const res = await other.inject({ url: "/api/me", headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json().email).toBe(user.email);
    } finally {
      await other.close();
    }
  });
});
