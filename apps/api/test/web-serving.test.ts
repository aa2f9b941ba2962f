import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), "enquete-dist-"));
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), "<!doctype html><title>Enquête atelier</title>");
  await writeFile(path.join(dist, "assets", "index-abc123.js"), `console.log(${JSON.stringify("x".repeat(5000))});`);
  t = await createTestApp({ webDist: dist });
});
afterAll(async () => {
  await t.close();
  await rm(dist, { recursive: true, force: true });
});

describe("the web app served by the API process", () => {
  it("serves index.html at / and for client-side routes, never cached", async () => {
    for (const url of ["/", "/connexion", "/ateliers/86/2026-10"]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.body).toContain("Enquête atelier");
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    }
  });

  it("caches hashed assets for a year and compresses them", async () => {
    const res = await t.app.inject({ url: "/assets/index-abc123.js", headers: { "accept-encoding": "gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["content-encoding"]).toBe("gzip");
  });

  it("answers 404 for a missing file and a JSON 404 for an unknown API route", async () => {
    expect((await t.app.inject({ url: "/assets/absent.js" })).statusCode).toBe(404);
    const api = await t.app.inject({ url: "/api/absent" });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe("NOT_FOUND");
  });

  it("compresses large API answers for weak connections", async () => {
    const user = await buildUser(t.db, { grants: [{ role: "national" }] });
    const s = await signIn(t.app, user.email, user.password);
    const res = await t.app.inject({ url: "/api/ateliers", headers: { cookie: s.cookie, "accept-encoding": "gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
  });
});
