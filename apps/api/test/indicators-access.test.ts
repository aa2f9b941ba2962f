/**
 * Who reads which indicators, and what a bad request gets: checked on the
 * server, with one JSON error shape and French messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signInPeople } from "./helpers.ts";
import { IDF, NORMANDIE, seedFixture } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await seedFixture(t.db);
  const people = {
    national: [{ role: "national" }],
    admin: [{ role: "admin" }],
    viewer: [{ role: "viewer" }],
    dtNormandie: [{ role: "territory", territoryCode: NORMANDIE }],
    dtIdf: [{ role: "territory", territoryCode: IDF }],
    atelier14: [{ role: "atelier", atelierCode: "14" }],
    nobody: [],
  } as const;
  Object.assign(cookie, await signInPeople(t, people));
});
afterAll(async () => await t.close());

const get = (who: string | null, query: string) =>
  t.app.inject({ url: `/api/indicators?${query}`, headers: who ? { cookie: cookie[who] ?? "" } : {} });

async function status(who: string, query: string) {
  return (await get(who, query)).statusCode;
}

describe("scope", () => {
  it("refuses anyone not signed in", async () => {
    const res = await get(null, "scope=national&year=2025");
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("UNAUTHENTICATED");
  });

  it("national, admin and viewer read every scope", async () => {
    for (const who of ["national", "admin", "viewer"]) {
      for (const scope of ["national", `territory:${NORMANDIE}`, "atelier:14"])
        expect(await status(who, `scope=${scope}&year=2025`), `${who} ${scope}`).toBe(200);
    }
  });

  it("a territorial director reads their territory and its ateliers, also one that left it during the year", async () => {
    expect(await status("dtNormandie", `scope=territory:${NORMANDIE}&year=2025`)).toBe(200);
    expect(await status("dtNormandie", "scope=atelier:14&year=2025")).toBe(200);
    expect(await status("dtNormandie", "scope=atelier:27&year=2025")).toBe(200);
    expect(await status("dtIdf", "scope=atelier:27&year=2025")).toBe(200);
    // Before its move, 27 was never in Île-de-France: being there today gives no reach into its past.
    expect(await status("dtIdf", "scope=atelier:27&year=2024")).toBe(403);
    expect(await status("dtNormandie", "scope=atelier:27&year=2026")).toBe(403);
    const other = await get("dtNormandie", `scope=territory:${IDF}&year=2025`);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toEqual({
      code: "FORBIDDEN",
      message: "Cette direction territoriale n'est pas dans votre périmètre.",
      requestId: expect.any(String),
    });
    expect(other.body).not.toContain("indicators");
    const national = await get("dtNormandie", "scope=national&year=2025");
    expect(national.statusCode).toBe(403);
    expect(national.json().message).toMatch(/indicateurs nationaux sont réservés/);
  });

  it("an atelier director reads their own atelier only", async () => {
    expect(await status("atelier14", "scope=atelier:14&year=2025")).toBe(200);
    const other = await get("atelier14", "scope=atelier:27&year=2025");
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe("Cet atelier n'est pas dans votre périmètre.");
    expect(await status("atelier14", `scope=territory:${NORMANDIE}&year=2025`)).toBe(403);
    expect(await status("atelier14", "scope=national&year=2025")).toBe(403);
    expect(await status("nobody", "scope=atelier:14&year=2025")).toBe(403);
  });

  it("answers 404 for a territory that does not exist (every valid atelier code is a département that has one)", async () => {
    const territory = await get("national", "scope=territory:nulle-part&year=2025");
    expect(territory.statusCode).toBe(404);
    expect(territory.json().message).toBe("Cette direction territoriale n'existe pas.");
  });
});

describe("bad parameters are refused in French with 422", () => {
  const cases: [string, string, RegExp][] = [
    ["year=2025", "scope", /Précisez le périmètre/],
    ["scope=nation&year=2025", "scope", /Périmètre invalide/],
    ["scope=atelier:20&year=2025", "scope", /Périmètre invalide/],
    ["scope=national", "year", /Année invalide/],
    ["scope=national&year=deux-mille", "year", /Année invalide/],
    ["scope=national&year=2015", "year", /commence en 2016/],
    ["scope=national&year=2025&yearType=fiscal", "yearType", /calendar \(janvier–décembre\) ou school/],
    ["scope=national&year=2025&basis=final", "basis", /official \(rapports validés\) ou provisional/],
    ["scope=national&year=2025&month=2026-02", "month", /février 2026 n'appartient pas à l'année 2025/],
    ["scope=national&year=2025&yearType=school&month=2025-08", "month", /août 2025 n'appartient pas à l'année scolaire 2025-2026/],
    ["scope=national&year=2025&month=2025-13", "month", /Mois invalide/],
    ["scope=national&year=2025&quarter=5", "quarter", /trimestre va de 1 à 4/],
    ["scope=national&year=2025&month=2025-02&quarter=1", "quarter", /un mois ou un trimestre, pas les deux/],
    ["scope=national&year=2025&breakdown=region", "breakdown", /territory, atelier, label, lab, espe ou month/],
  ];
  for (const [query, field, message] of cases) {
    it(query, async () => {
      const res = await get("national", query);
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.message).toMatch(/valeurs invalides/);
      expect(body.errors).toContainEqual({ field, message: expect.stringMatching(message) });
    });
  }
});
