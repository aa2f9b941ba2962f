import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atelierTerritories } from "../src/db/schema.ts";
import { createTestApp, signInPeople } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const people = {
    atelier86: [{ role: "atelier", atelierCode: "86" }],
    dtNormandie: [{ role: "territory", territoryCode: "normandie" }],
    national: [{ role: "national" }],
    admin: [{ role: "admin" }],
    viewer: [{ role: "viewer" }],
    nobody: [],
    nationalAndAtelier: [{ role: "national" }, { role: "atelier", atelierCode: "14" }],
  } as const;
  Object.assign(cookies, await signInPeople(t, people));
});
afterAll(async () => await t.close());

const get = (url: string, who?: string) => t.app.inject({ url, headers: who ? { cookie: cookies[who] ?? "" } : {} });

describe("every route checks access on the server", () => {
  it("refuses the referential to someone not signed in", async () => {
    for (const url of ["/api/territories", "/api/ateliers", "/api/ateliers/86", "/api/users", "/api/me"]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });

  it("gives the referential to every signed-in role", async () => {
    for (const who of ["atelier86", "dtNormandie", "national", "admin", "viewer"]) {
      const territories = await get("/api/territories", who);
      expect(territories.statusCode).toBe(200);
      expect(territories.json()).toHaveLength(12);
      const ateliers = await get("/api/ateliers", who);
      expect(ateliers.json()).toHaveLength(101);
    }
  });

  it("lets an atelier director read their own atelier, and not another one", async () => {
    const own = await get("/api/ateliers/86", "atelier86");
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ code: "86", city: "Poitiers", territoryCode: "aquitaine-limousin-poitou-charentes" });
    const other = await get("/api/ateliers/14", "atelier86");
    expect(other.statusCode).toBe(403);
    expect(other.json()).toEqual({
      code: "FORBIDDEN",
      message: "Cet atelier n'est pas dans votre périmètre.",
      requestId: expect.any(String),
    });
    expect(other.body).not.toContain("Caen");
  });

  it("lets a territorial director read the ateliers of their territory only", async () => {
    expect((await get("/api/ateliers/14", "dtNormandie")).statusCode).toBe(200);
    expect((await get("/api/ateliers/86", "dtNormandie")).statusCode).toBe(403);
  });

  it("follows a move: the territory that gets an atelier gains access, the one that loses it loses it", async () => {
    const before = await get("/api/ateliers/28", "dtNormandie");
    expect(before.statusCode).toBe(403);
    await t.db.execute(sql`update atelier_territories set valid_to = '2026-01-01' where atelier_code = '28' and valid_to is null`);
    await t.db.insert(atelierTerritories).values({ atelierCode: "28", territoryCode: "normandie", validFrom: "2026-01-01" });
    const after = await get("/api/ateliers/28", "dtNormandie");
    expect(after.statusCode).toBe(200);
    // The past is not rewritten: the old membership is still there, closed.
    expect(after.json().territoryHistory).toEqual([
      { territoryCode: "centre-val-de-loire", territoryName: expect.any(String), from: "2016-01-01", to: "2026-01-01" },
      { territoryCode: "normandie", territoryName: "Normandie", from: "2026-01-01", to: null },
    ]);
  });

  it("lets national and admin users read any atelier, and keeps the viewer to indicators", async () => {
    expect((await get("/api/ateliers/971", "national")).statusCode).toBe(200);
    expect((await get("/api/ateliers/2A", "admin")).statusCode).toBe(200);
    expect((await get("/api/ateliers/86", "viewer")).statusCode).toBe(403);
    expect((await get("/api/ateliers/86", "nobody")).statusCode).toBe(403);
  });

  it("adds up the scopes of a user with several roles", async () => {
    expect((await get("/api/ateliers/14", "nationalAndAtelier")).statusCode).toBe(200);
    expect((await get("/api/ateliers/86", "nationalAndAtelier")).statusCode).toBe(200);
  });

  it("answers 404, not 403, for an atelier that does not exist, and 422 for a code that cannot be one", async () => {
    expect((await get("/api/ateliers/96", "national")).statusCode).toBe(422);
    const res = await get("/api/ateliers/96", "atelier86");
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: "code" });
  });

  it("opens a territory's page to its director and to national readers, not to another territory or an atelier", async () => {
    const own = await get("/api/territories/normandie", "dtNormandie");
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ code: "normandie", name: "Normandie" });
    expect(own.json().ateliers.map((a: { code: string }) => a.code)).toEqual(expect.arrayContaining(["14", "27", "50", "61", "76"]));
    expect(own.json().directors).toHaveLength(1);
    for (const who of ["national", "admin", "viewer"]) expect((await get("/api/territories/normandie", who)).statusCode, who).toBe(200);
    const other = await get("/api/territories/paca-corse", "dtNormandie");
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe("Cette direction territoriale n'est pas dans votre périmètre.");
    expect((await get("/api/territories/normandie", "atelier86")).statusCode).toBe(403);
    expect((await get("/api/territories/atlantide", "national")).statusCode).toBe(404);
    expect((await get("/api/territories/normandie")).statusCode).toBe(401);
  });

  it("keeps the administration routes to admins", async () => {
    for (const who of ["atelier86", "dtNormandie", "national", "viewer"]) {
      const res = await get("/api/users", who);
      expect(res.statusCode, who).toBe(403);
      expect(res.json()).toMatchObject({ code: "FORBIDDEN", message: "Votre rôle ne donne pas accès à cette fonction." });
    }
    const ok = await get("/api/users", "admin");
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.length).toBeGreaterThanOrEqual(7);
    expect(ok.body).not.toContain("argon2");
  });

  it("filters the ateliers by territory and refuses an unknown territory", async () => {
    const res = await get("/api/ateliers?territory=normandie", "national");
    const codes = res.json().map((a: { code: string; territoryCode: string }) => a.code);
    expect(codes).toEqual(expect.arrayContaining(["14", "27", "50", "61", "76"]));
    expect(res.json().every((a: { territoryCode: string }) => a.territoryCode === "normandie")).toBe(true);
    expect((await get("/api/ateliers?territory=atlantide", "national")).json()).toEqual([]);
    expect((await get("/api/ateliers?territory=Pas%20un%20code", "national")).statusCode).toBe(422);
  });
});
