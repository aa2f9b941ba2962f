/**
 * Targets and national distance learning: national users set them, others
 * read them; 1-1 adds distance learning nationally only; the CSV import
 * previews every line and refuses the whole file while one line is wrong.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTargets } from "../src/db/seed/targets.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { NORMANDIE, seedFixture } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await seedTargets(t.db);
  await seedFixture(t.db);
  const people = {
    national: [{ role: "national" }],
    viewer: [{ role: "viewer" }],
    dtNormandie: [{ role: "territory", territoryCode: NORMANDIE }],
    atelier14: [{ role: "atelier", atelierCode: "14" }],
  } as const;
  Object.assign(cookie, await signInPeople(t, people));
});
afterAll(async () => await t.close());

const call = (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as string, headers: { cookie: cookie[who] ?? "", ...headers } });
const indicator = async (who: string, query: string, code: string) =>
  (await call(who, "GET", `/api/indicators?${query}`)).json().indicators.find((i: { code: string }) => i.code === code);
const count = async (table: string) => Number((await t.db.execute(sql.raw(`select count(*) as n from ${table}`))).rows[0]?.n);

describe("targets", () => {
  it("are seeded from the contract: the 2016 baseline and the 2017–2019 targets, % as percentages", async () => {
    const res = await call("viewer", "GET", "/api/targets");
    expect(res.statusCode).toBe(200);
    const rows = res.json();
    expect(rows).toHaveLength(24);
    expect(rows[0]).toMatchObject({ indicatorCode: "1-1", year: 2016, value: 87_325, isBaseline: true, updatedBy: null });
    const share = rows.filter((r: { indicatorCode: string }) => r.indicatorCode === "1-5").map((r: { value: number }) => r.value);
    expect(share).toEqual([3, 5, 10, 15]);
    expect(rows.find((r: { indicatorCode: string; year: number }) => r.indicatorCode === "2-2-2" && r.year === 2019).value).toBe(680_000);
    expect(await seedTargets(t.db)).toBe(false);
  });

  it("a national user sets a later year's target, which the indicators then show", async () => {
    const res = await call("national", "PUT", "/api/targets/1-1/2025", { value: 95_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      indicatorCode: "1-1",
      year: 2025,
      value: 95_000,
      isBaseline: false,
      updatedBy: "Personne national",
    });
    expect(await indicator("national", "scope=national&year=2025", "1-1")).toMatchObject({ target: 95_000, baseline: 87_325 });
    const audit = await t.db.execute(sql`select action, subject from audit_events where subject = 'target:1-1:2025'`);
    expect(audit.rows).toEqual([{ action: "target.set", subject: "target:1-1:2025" }]);
  });

  it("a new contract's reference value replaces the 2016 one from its year on", async () => {
    expect((await call("national", "PUT", "/api/targets/4-1-1/2024", { value: 12.5, isBaseline: true })).statusCode).toBe(200);
    expect((await call("national", "PUT", "/api/targets/4-1-1/2025", { value: 20 })).statusCode).toBe(200);
    expect(await indicator("national", "scope=national&year=2025", "4-1-1")).toMatchObject({
      target: 20,
      baseline: 12.5,
      baselineYear: 2024,
    });
    expect(await indicator("national", "scope=national&year=2019", "4-1-1")).toMatchObject({ target: 30, baseline: 6, baselineYear: 2016 });
    // Changing the value of a baseline year keeps it a baseline.
    const again = await call("national", "PUT", "/api/targets/4-1-1/2024", { value: 13 });
    expect(again.json()).toMatchObject({ value: 13, isBaseline: true });
  });

  it("refuses wrong values in French, and anyone but national users", async () => {
    const share = await call("national", "PUT", "/api/targets/1-5/2025", { value: 150 });
    expect(share.statusCode).toBe(422);
    expect(share.json().errors).toEqual([
      { field: "value", message: "Cet indicateur est une part : saisissez un pourcentage entre 0 et 100 (15 pour 15 %)." },
    ]);
    const cases: [string, unknown, string, RegExp][] = [
      ["/api/targets/1-1/2025", { value: -5 }, "value", /négative/],
      ["/api/targets/1-1/2025", { value: 10.123 }, "value", /Deux décimales/],
      ["/api/targets/1-1/2025", { value: "90 000" }, "value", /Saisissez la cible/],
      // Beneficiaries are people: a whole number (1-1's trainee-days may have half days).
      ["/api/targets/2-2-2/2025", { value: 623_333.33 }, "value", /saisissez un nombre entier/],
      ["/api/targets/1-1/2025", {}, "value", /Saisissez la cible/],
      ["/api/targets/1-1/2025", { value: 1, extra: true }, "", /./],
      ["/api/targets/9-9/2025", { value: 1 }, "indicator", /Indicateur inconnu : 1-1, 1-4, 1-5, 2-2-2, 3-4, 4-1-1/],
      ["/api/targets/1-1/2015", { value: 1 }, "year", /commencent en 2016/],
      ["/api/targets/1-1/vingt", { value: 1 }, "year", /Année invalide/],
    ];
    for (const [url, body, field, message] of cases) {
      const res = await call("national", "PUT", url, body);
      expect(res.statusCode, url + JSON.stringify(body)).toBe(422);
      if (field) expect(res.json().errors, url).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect((await call("national", "PUT", "/api/targets/1-1/2026", { value: 90_000.5 })).statusCode).toBe(200);
    for (const who of ["viewer", "dtNormandie", "atelier14"]) {
      const res = await call(who, "PUT", "/api/targets/1-1/2025", { value: 1 });
      expect(res.statusCode, who).toBe(403);
    }
    expect(
      (await call("national", "GET", "/api/targets"))
        .json()
        .find((r: { year: number; indicatorCode: string }) => r.indicatorCode === "1-1" && r.year === 2025).value,
    ).toBe(95_000);
  });
});

describe("national distance learning", () => {
  it("a national user enters a month; 1-1 adds it nationally, in no territory, and no other indicator", async () => {
    const before = await indicator("national", "scope=national&year=2025", "1-1");
    const res = await call("national", "PUT", "/api/distance-learning/2025-03", { moocTraineeDays: 120.5, magistereTraineeDays: 79.25 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      period: "2025-03",
      moocTraineeDays: 120.5,
      magistereTraineeDays: 79.25,
      updatedBy: "Personne national",
    });
    const after = await indicator("national", "scope=national&year=2025", "1-1");
    expect(after.value).toBe(before.value + 199.75);
    expect(after.parts).toEqual([
      { code: "ateliers", label: "Ateliers (dans et hors les murs)", value: before.value },
      { code: "mooc", label: "MOOC", value: 120.5 },
      { code: "magistere", label: "Parcours M@gistère", value: 79.25 },
    ]);
    const body = (await call("national", "GET", "/api/indicators?scope=national&year=2025&breakdown=territory")).json();
    expect(body.distanceLearning).toEqual({ moocTraineeDays: 120.5, magistereTraineeDays: 79.25, months: 1 });
    const groups = body.breakdown.groups.reduce(
      (s: number, g: { indicators: { code: string; value: number }[] }) => s + (g.indicators[0]?.value ?? 0),
      0,
    );
    expect(groups).toBe(before.value);
    expect((await indicator("national", `scope=territory:${NORMANDIE}&year=2025`, "1-1")).parts).toBeUndefined();
    expect((await indicator("national", "scope=national&year=2025&month=2025-04", "1-1")).parts[1].value).toBe(0);
    const year = (await call("viewer", "GET", "/api/distance-learning?year=2025")).json();
    expect(year).toMatchObject({ year: 2025, moocTraineeDays: 120.5, magistereTraineeDays: 79.25, months: [{ period: "2025-03" }] });
  });

  it("refuses a month to come, wrong figures, and other roles", async () => {
    const future = await call("national", "PUT", "/api/distance-learning/2099-01", { moocTraineeDays: 1, magistereTraineeDays: 1 });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([{ field: "period", message: "Le mois de janvier 2099 n'a pas encore commencé." }]);
    const cases: [unknown, string, RegExp][] = [
      [{ moocTraineeDays: -1, magistereTraineeDays: 0 }, "moocTraineeDays", /négatif/],
      [{ moocTraineeDays: 1, magistereTraineeDays: 0.125 }, "magistereTraineeDays", /Deux décimales/],
      [{ moocTraineeDays: 1 }, "magistereTraineeDays", /Saisissez les journées stagiaires M@gistère/],
    ];
    for (const [body, field, message] of cases) {
      const res = await call("national", "PUT", "/api/distance-learning/2025-04", body);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect(
      (await call("national", "PUT", "/api/distance-learning/2025-13", { moocTraineeDays: 1, magistereTraineeDays: 1 })).statusCode,
    ).toBe(422);
    expect(
      (await call("dtNormandie", "PUT", "/api/distance-learning/2025-04", { moocTraineeDays: 1, magistereTraineeDays: 1 })).statusCode,
    ).toBe(403);
    expect((await call("dtNormandie", "GET", "/api/distance-learning?year=2025")).statusCode).toBe(403);
    expect((await call("national", "GET", "/api/distance-learning?year=20")).statusCode).toBe(422);
  });
});

describe("the distance-learning CSV import", () => {
  const post = (who: string, text: string, dryRun: string | null, type = "text/csv; charset=utf-8") =>
    t.app.inject({
      method: "POST",
      url: `/api/distance-learning/import${dryRun === null ? "" : `?dryRun=${dryRun}`}`,
      payload: text,
      headers: { cookie: cookie[who] ?? "", "content-type": type },
    });

  const GOOD = "\uFEFFperiod;moocTraineeDays;magistereTraineeDays\r\n2025-03;120,5;79,25\r\n2025-05;1 234,5;10\r\n\r\n2025-06;0;0\r\n";

  it("previews the lines it would write, and writes nothing (dryRun is the default)", async () => {
    const rowsBefore = await count("distance_learning");
    for (const dryRun of [null, "1"]) {
      const res = await post("national", GOOD, dryRun);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        dryRun: true,
        written: false,
        message: "Aperçu : 2 mois créés, 0 modifié, 1 inchangé. Rien n'a encore été enregistré.",
        lines: [
          {
            line: 2,
            period: "2025-03",
            moocTraineeDays: 120.5,
            magistereTraineeDays: 79.25,
            change: "unchanged",
            previous: { moocTraineeDays: 120.5, magistereTraineeDays: 79.25 },
          },
          { line: 3, period: "2025-05", moocTraineeDays: 1234.5, magistereTraineeDays: 10, change: "create", previous: null },
          { line: 5, period: "2025-06", moocTraineeDays: 0, magistereTraineeDays: 0, change: "create", previous: null },
        ],
        rejected: [],
      });
    }
    expect(await count("distance_learning")).toBe(rowsBefore);
  });

  it("reports every rejected line with its number and reason, and then writes nothing at all", async () => {
    const text = [
      "period,moocTraineeDays,magistereTraineeDays",
      '2025-07,"12,5",3',
      "2025-08,12,5,3",
      "2025-13,1,1",
      "2099-01,1,1",
      "2025-09,-2,abc",
      "2025-10,,1",
      '2025-07,"1",1',
      "2025-11,0.125,1",
    ].join("\n");
    const preview = await post("national", text, "1");
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body.lines.map((l: { line: number }) => l.line)).toEqual([2]);
    expect(body.lines[0]).toMatchObject({ period: "2025-07", moocTraineeDays: 12.5 });
    expect(body.message).toBe("7 lignes refusées : corrigez le fichier. Rien n'est enregistré tant qu'une ligne est refusée.");
    expect(body.rejected).toEqual([
      { line: 3, reason: '4 cellule(s) au lieu de 3 ; avec le séparateur « , », mettez les nombres à virgule entre guillemets ("12,5").' },
      { line: 4, reason: "Mois « 2025-13 » : Mois invalide : attendu AAAA-MM, par exemple 2025-03." },
      { line: 5, reason: "Mois « 2099-01 » : Le mois de janvier 2099 n'a pas encore commencé." },
      {
        line: 6,
        reason:
          "Journées MOOC (moocTraineeDays) : Le nombre de journées stagiaires ne peut pas être négatif ; journées M@gistère (magistereTraineeDays) : « abc » n'est pas un nombre.",
      },
      { line: 7, reason: "Journées MOOC (moocTraineeDays) : valeur manquante, saisissez 0 s'il n'y en a pas." },
      { line: 8, reason: "Le mois 2025-07 figure déjà ligne 2." },
      { line: 9, reason: "Journées MOOC (moocTraineeDays) : Deux décimales au plus (par exemple 12,5)." },
    ]);
    const rowsBefore = await count("distance_learning");
    const refused = await post("national", text, "0");
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: "IMPORT_REJECTED",
      message: body.message,
      errors: expect.arrayContaining([
        { field: "ligne 4", message: "Mois « 2025-13 » : Mois invalide : attendu AAAA-MM, par exemple 2025-03." },
      ]),
      preview: { dryRun: false, written: false, rejected: body.rejected },
    });
    expect(await count("distance_learning")).toBe(rowsBefore);
  });

  it("writes every line in one transaction when none is refused", async () => {
    const res = await post("national", GOOD.replace("2025-06;0;0", "2025-06;2;3"), "0");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, written: true, message: "Import enregistré : 2 mois créés, 0 modifié, 1 inchangé." });
    const year = (await call("national", "GET", "/api/distance-learning?year=2025")).json();
    expect(year.months.map((m: { period: string }) => m.period)).toEqual(["2025-03", "2025-05", "2025-06"]);
    expect(year.moocTraineeDays).toBe(120.5 + 1234.5 + 2);
    const audit = await t.db.execute(
      sql`select count(*)::int as n from audit_events where action = 'distance_learning.set' and details->>'source' = 'import'`,
    );
    expect(audit.rows[0]?.n).toBe(2);
  });

  it("refuses a file without its header, an empty file, another type, a huge file, and anyone but national users", async () => {
    const noHeader = await post("national", "2025-03;1;2\n", "1");
    expect(noHeader.statusCode).toBe(422);
    expect(noHeader.json()).toMatchObject({
      code: "IMPORT_UNREADABLE",
      message: expect.stringMatching(/En-tête|en-tête period;moocTraineeDays;magistereTraineeDays/),
    });
    const onlyHeader = await post("national", "period;moocTraineeDays;magistereTraineeDays\n", "1");
    expect(onlyHeader.json().message).toMatch(/aucune ligne de données/);
    const json = await post("national", JSON.stringify({ period: "2025-03" }), "1", "application/json");
    expect(json.statusCode).toBe(422);
    const xml = await post("national", "<csv/>", "1", "application/xml");
    expect(xml.statusCode).toBe(415);
    expect(xml.json().message).toMatch(/text\/csv/);
    const huge = await post("national", `period;moocTraineeDays;magistereTraineeDays\n${"2025-03;1;1\n".repeat(30_000)}`, "1");
    expect(huge.statusCode).toBe(413);
    const badFlag = await post("national", GOOD, "maybe");
    expect(badFlag.statusCode).toBe(422);
    expect(badFlag.json().errors[0].message).toMatch(/dryRun : 1/);
    for (const who of ["viewer", "dtNormandie"]) expect((await post(who, GOOD, "1")).statusCode).toBe(403);
  });
});
