import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "../src/db/schema.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => await t.close());

const count = async (table: typeof users | typeof sessions) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;

describe("bad input changes nothing and gets one clear JSON error", () => {
  const login = (payload: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
    t.app.inject({ method: "POST", url: "/api/auth/login", payload, headers, remoteAddress: "10.50.0.1" });

  it("a malformed JSON body", async () => {
    const res = await login('{"email": "a@b.fr", "password": ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: "MALFORMED_JSON",
      message: "Le corps de la requête n'est pas un JSON valide.",
      requestId: expect.any(String),
    });
  });

  it("an empty body", async () => {
    const res = await login("");
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("EMPTY_BODY");
    const none = await t.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress: "10.50.0.2" });
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe("VALIDATION_FAILED");
  });

  it("a 10 MB body", async () => {
    const before = { users: await count(users), sessions: await count(sessions) };
    const res = await login(JSON.stringify({ email: "a@b.fr", password: "x".repeat(10 * 1024 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "BODY_TOO_LARGE", message: "Le corps de la requête est trop volumineux." });
    expect({ users: await count(users), sessions: await count(sessions) }).toEqual(before);
  });

  it("a body that is not JSON", async () => {
    const res = await login("email=a@b.fr", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("an unknown API address", async () => {
    const res = await t.app.inject({ url: "/api/nulle-part" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: "NOT_FOUND", message: "Cette adresse n'existe pas.", requestId: expect.any(String) });
  });
});

describe("cross-site request forgery", () => {
  it("refuses a cross-site POST by Sec-Fetch-Site or Origin, and the session survives", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password);
    const attempts = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://pirate.example" },
      { origin: "null" },
    ];
    for (const headers of attempts) {
      const res = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie, ...headers } });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe("FORBIDDEN");
      expect(res.json().message).toMatch(/autre site/);
    }
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).statusCode).toBe(200);
    // A cross-site sign-in is refused before any password is checked.
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: user.email, password: user.password },
      headers: { origin: "https://pirate.example" },
    });
    expect(login.statusCode).toBe(403);
    expect(login.cookies).toHaveLength(0);
  });

  it("accepts a same-origin POST from the web app", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: s.cookie, origin: "http://localhost:80", host: "localhost:80", "sec-fetch-site": "same-origin" },
    });
    expect(res.statusCode).toBe(204);
  });
});

describe("conventions", () => {
  it("health answers ok when the database answers", async () => {
    const res = await t.app.inject({ url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("health answers 503 when the database does not", async () => {
    const broken = await createTestApp();
    await broken.pool.end();
    try {
      const res = await broken.app.inject({ url: "/api/health" });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: "unavailable" });
    } finally {
      await broken.app.close();
    }
  });

  it("sends helmet headers with a real Content-Security-Policy and a request id", async () => {
    const res = await t.app.inject({ url: "/api/health" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("never shows a stack trace: an unexpected failure is a French 500 with a request id", async () => {
    const { buildApp } = await import("../src/app.ts");
    const app = await buildApp({ config: t.config, db: t.db });
    app.get("/api/boom-test", async () => {
      throw new Error("secret internal detail at /srv/app.ts:12");
    });
    const res = await app.inject({ url: "/api/boom-test" });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      code: "INTERNAL_ERROR",
      message: expect.stringMatching(/^Une erreur inattendue/),
      requestId: res.headers["x-request-id"],
    });
    expect(res.body).not.toContain("secret");
    await app.close();
  });

  it("publishes the OpenAPI document generated from the contract, and its page", async () => {
    const res = await t.app.inject({ url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/auth/login",
      "/api/auth/logout",
      "/api/me",
      "/api/territories",
      "/api/ateliers",
      "/api/ateliers/{code}",
      "/api/health",
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    const loginBody = doc.paths["/api/auth/login"].post.requestBody.content["application/json"].schema;
    expect(JSON.stringify(loginBody)).toMatch(/LoginBody|email/);
    const ui = await t.app.inject({ url: "/api/docs/" });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

describe("logs", () => {
  it("carry the request id and never a password or a cookie", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const { buildApp } = await import("../src/app.ts");
    const logged = await buildApp({ config: { ...t.config, logLevel: "debug" }, db: t.db, logStream: stream });
    const user = await buildUser(t.db, { password: "mot-de-passe-tres-secret" });
    const res = await logged.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: user.password } });
    const cookie = res.cookies[0]?.value ?? "";
    await logged.inject({ url: "/api/me", headers: { cookie: `enquete_session=${cookie}` } });
    await logged.close();
    const all = lines.join("");
    expect(all).toContain(String(res.headers["x-request-id"]));
    expect(all).not.toContain("mot-de-passe-tres-secret");
    expect(cookie.length).toBeGreaterThan(20);
    expect(all).not.toContain(cookie);
  });
});
