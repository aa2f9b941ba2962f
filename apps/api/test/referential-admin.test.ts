/**
 * The referential over time (domain page, section 7.3): every route for
 * administrators only, each refusal in French and changing nothing, a move
 * that re-attaches the reports of its months (an event on each, territorial
 * sums moved, the nation unchanged), closures refused while a later report
 * counts, and every change in the audit journal.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { values } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
const CVL = "centre-val-de-loire";
const NORMANDIE = "normandie";

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(
    cookie,
    await signInPeople(t, {
      admin: [{ role: "admin" }],
      national: [{ role: "national" }],
      dtCvl: [{ role: "territory", territoryCode: CVL }],
    }),
  );
  await t.db.execute(sql`insert into closed_years (year) values (2024)`);
});
afterAll(async () => await t.close());

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
const call = (who: string, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { cookie: cookie[who] ?? "" } });
const rows = async <T>(query: ReturnType<typeof sql>) => (await t.db.execute(query)).rows as T[];
const count = async (table: string) => Number((await rows<{ n: string }>(sql.raw(`select count(*) as n from ${table}`)))[0]?.n);
/** Everything the referential holds, to show that a refused change changed nothing. */
const snapshot = async () =>
  await rows(sql`select
    (select json_agg(t order by code) from territories t) as territories,
    (select json_agg(a order by code) from (select code, name, city, departement, opened_on, closed_on from ateliers) a) as ateliers,
    (select json_agg(m order by atelier_code, valid_from) from atelier_territories m) as memberships,
    (select json_agg(l order by atelier_code, valid_from) from atelier_labels l) as labels,
    (select json_agg(f order by atelier_code, flag, valid_from) from atelier_flags f) as flags,
    (select json_agg(r order by id) from (select id, territory_code, status, version from reports) r) as reports,
    (select count(*) from report_events) as events,
    (select count(*) from audit_events) as audit`);

describe("access", () => {
  const routes: [Method, string, unknown?][] = [
    ["POST", "/api/territories", { code: "jura", name: "Jura" }],
    ["PATCH", "/api/territories/normandie", { name: "Normandie" }],
    ["POST", "/api/ateliers", { code: "69-M", name: "Atelier Canopé 69-M", city: "Lyon", territoryCode: CVL, openFrom: "2026-01" }],
    ["PATCH", "/api/ateliers/86", { name: "Atelier de Poitiers" }],
    ["POST", "/api/ateliers/86/moves", { territoryCode: NORMANDIE, from: "2026-05" }],
    ["POST", "/api/ateliers/86/closure", { from: "2026-05" }],
    ["DELETE", "/api/ateliers/86/closure"],
    ["PUT", "/api/ateliers/86/attributes", { from: "2026-05", lab: true }],
    ["GET", "/api/ateliers/86/history"],
  ];

  it("every route is for administrators: 401 signed out, 403 for national and territorial users, nothing changed", async () => {
    const before = await snapshot();
    for (const [method, url, payload] of routes) {
      expect((await call("nobody", method, url, payload)).statusCode, `${method} ${url}`).toBe(401);
      for (const who of ["national", "dtCvl"]) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
        expect(res.json().message).toBe("Votre rôle ne donne pas accès à cette fonction.");
      }
    }
    const imported = await t.app.inject({
      method: "POST",
      url: "/api/referential/import?dryRun=0",
      payload: "type;code;nom\ndirection;jura;Jura\n",
      headers: { cookie: cookie.national ?? "", "content-type": "text/csv" },
    });
    expect(imported.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("an unknown atelier is 404 on every atelier route", async () => {
    for (const [method, url, payload] of routes.filter(([, url]) => url.startsWith("/api/ateliers/86"))) {
      const missing = await call("admin", method, url.replace("/86", "/69-Z"), payload);
      expect(missing.statusCode, `${method} ${url}`).toBe(404);
      expect(missing.json().message).toBe("L'atelier 69-Z n'existe pas.");
    }
  });
});

describe("territories", () => {
  it("are created once, with a French 409 for a code or a name already used, and renamed, each in the journal", async () => {
    const created = await call("admin", "POST", "/api/territories", { code: "jura-alpes", name: "Jura – Alpes" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ code: "jura-alpes", name: "Jura – Alpes", atelierCount: 0 });
    const again = await call("admin", "POST", "/api/territories", { code: "jura-alpes", name: "Autre nom" });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe("Le code « jura-alpes » est déjà celui de la direction territoriale Jura – Alpes.");
    const homonym = await call("admin", "POST", "/api/territories", { code: "normandie-bis", name: "normandie" });
    expect(homonym.statusCode).toBe(409);
    expect(homonym.json().message).toContain("s'appelle déjà « Normandie »");

    const renamed = await call("admin", "PATCH", "/api/territories/jura-alpes", { name: "Jura et Alpes" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe("Jura et Alpes");
    expect((await call("admin", "PATCH", "/api/territories/inconnue", { name: "Inconnue" })).statusCode).toBe(404);
    const audit = await rows(sql`select action, details->'before' as before, details->'after' as after from audit_events
      where subject = 'territory:jura-alpes' order by id`);
    expect(audit).toEqual([
      { action: "territory.created", before: null, after: { code: "jura-alpes", name: "Jura – Alpes" } },
      { action: "territory.renamed", before: { name: "Jura – Alpes" }, after: { name: "Jura et Alpes" } },
    ]);
  });

  it("refuses a bad body with French messages (422)", async () => {
    const res = await call("admin", "POST", "/api/territories", { code: "Jura Alpes", name: "J" });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { field: "code", message: "Code de direction territoriale invalide." },
        { field: "name", message: "Le nom doit compter au moins 2 caractères." },
      ]),
    );
  });
});

describe("opening, renaming and the list", () => {
  it("opens an atelier from a month, its département taken from the atelier of the same code", async () => {
    const res = await call("admin", "POST", "/api/ateliers", {
      code: "69-M",
      name: "Atelier Canopé 69-M – Villeurbanne",
      city: "Villeurbanne",
      territoryCode: "auvergne-rhone-alpes",
      openFrom: "2026-01",
      labellisation: "en_cours",
      lab: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: "69-M",
      departement: "Rhône",
      openFrom: "2026-01",
      closedFrom: null,
      territories: [{ territoryCode: "auvergne-rhone-alpes", territoryName: "Auvergne-Rhône-Alpes", from: "2026-01", to: null }],
      labellisation: [{ from: "2026-01", value: "en_cours" }],
      lab: [{ from: "2026-01", value: true }],
      espe: [],
      changes: [{ action: "atelier.opened", actor: "Personne admin" }],
    });
    expect(res.json().changes[0].description).toContain(
      "ouvert à partir de janvier 2026, rattaché à la direction territoriale Auvergne-Rhône-Alpes",
    );
    const listed = (await call("national", "GET", "/api/ateliers")).json().find((a: { code: string }) => a.code === "69-M");
    expect(listed).toMatchObject({ openFrom: "2026-01", closedFrom: null, territoryCode: "auvergne-rhone-alpes", hasLab: true });
  });

  it("refuses a code already used, even closed (409, with a suffix to use), an unknown territory (422) and a closed year (409)", async () => {
    const before = await snapshot();
    const body = { code: "86", name: "Atelier Canopé 86 – Poitiers", city: "Poitiers", territoryCode: NORMANDIE, openFrom: "2026-01" };
    const taken = await call("admin", "POST", "/api/ateliers", body);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toContain(
      "Un code ne sert qu'une fois : donnez au nouvel atelier un code avec un suffixe (par exemple 86-B).",
    );
    const unknown = await call("admin", "POST", "/api/ateliers", { ...body, code: "86-B", territoryCode: "atlantide" });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([
      { field: "territoryCode", message: "La direction territoriale « atlantide » n'existe pas : créez-la d'abord." },
    ]);
    const closedYear = await call("admin", "POST", "/api/ateliers", { ...body, code: "86-B", openFrom: "2024-09" });
    expect(closedYear.statusCode).toBe(409);
    expect(closedYear.json().message).toContain("l'année 2024 est close");
    const badMonth = await call("admin", "POST", "/api/ateliers", { ...body, code: "86-B", openFrom: "2026-13" });
    expect(badMonth.statusCode).toBe(422);
    expect(badMonth.json().errors).toEqual([{ field: "openFrom", message: "Mois invalide : attendu AAAA-MM, par exemple 2026-10." }]);
    expect(await snapshot()).toEqual(before);
  });

  it("renames an atelier, keeping the old name in its history", async () => {
    const res = await call("admin", "PATCH", "/api/ateliers/69-M", { name: "Atelier Canopé 69-M – Villeurbanne Gratte-Ciel" });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe("Atelier Canopé 69-M – Villeurbanne Gratte-Ciel");
    expect(res.json().changes.map((c: { action: string }) => c.action)).toEqual(["atelier.renamed", "atelier.opened"]);
    expect(res.json().changes[0].description).toContain("(auparavant « Atelier Canopé 69-M – Villeurbanne »)");
    const empty = await call("admin", "PATCH", "/api/ateliers/69-M", {});
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].message).toBe("Indiquez un nouveau nom ou une nouvelle ville.");
  });
});

describe("a move from a month", () => {
  const sums = async (period: string) =>
    await rows<{
      territory: string;
      days: number;
    }>(sql`select territory_code as territory, sum((sums->>'traineeDaysOnSite')::numeric)::int as days
      from report_monthly_sums where period = ${period} and territory_code in (${CVL}, ${NORMANDIE}) group by 1 order by 1`);
  const nation = async () =>
    Number(
      (await rows<{ n: string }>(sql`select coalesce(sum((sums->>'traineeDaysOnSite')::numeric), 0) as n from report_monthly_sums`))[0]?.n,
    );

  it("re-attaches the reports of its months, each with an event, moving territorial sums and leaving the nation equal", async () => {
    const made: Record<string, number> = {};
    for (const [period, status] of [
      ["2026-03", "validated"],
      ["2026-05", "validated"],
      ["2026-06", "submitted"],
      ["2026-07", "draft"],
    ] as const) {
      const r = await buildReport(t.db, {
        atelierCode: "28",
        territoryCode: CVL,
        period,
        status,
        values: values({ traineeDaysOnSite: 40 }),
      });
      made[period] = r.id;
    }
    await buildReport(t.db, {
      atelierCode: "14",
      territoryCode: NORMANDIE,
      period: "2026-05",
      status: "validated",
      values: values({ traineeDaysOnSite: 7 }),
    });
    const nationBefore = await nation();
    expect(await sums("2026-05")).toEqual([
      { territory: CVL, days: 40 },
      { territory: NORMANDIE, days: 7 },
    ]);

    const res = await call("admin", "POST", "/api/ateliers/28/moves", { territoryCode: NORMANDIE, from: "2026-05" });
    expect(res.statusCode).toBe(200);
    expect(res.json().movedReports).toBe(3);
    expect(res.json().history.territories).toEqual([
      { territoryCode: CVL, territoryName: "Centre-Val de Loire", from: "2016-01", to: "2026-04" },
      { territoryCode: NORMANDIE, territoryName: "Normandie", from: "2026-05", to: null },
    ]);
    const after = await rows(sql`select period, territory_code, status, version from reports where atelier_code = '28' order by period`);
    expect(after).toEqual([
      { period: "2026-03", territory_code: CVL, status: "validated", version: 1 },
      { period: "2026-05", territory_code: NORMANDIE, status: "validated", version: 1 },
      { period: "2026-06", territory_code: NORMANDIE, status: "submitted", version: 1 },
      { period: "2026-07", territory_code: NORMANDIE, status: "draft", version: 1 },
    ]);
    const events = await rows(sql`select r.period, e.action, e.from_status, e.to_status, e.version, e.actor_label, e.comment
      from report_events e join reports r on r.id = e.report_id where r.atelier_code = '28' and e.action = 'move' order by r.period`);
    expect(events).toEqual(
      ["2026-05", "2026-06", "2026-07"].map((period, i) => ({
        period,
        action: "move",
        from_status: ["validated", "submitted", "draft"][i],
        to_status: ["validated", "submitted", "draft"][i],
        version: 1,
        actor_label: "Personne admin",
        comment: "Rattaché à la direction territoriale Normandie à partir de mai 2026 (auparavant : Centre-Val de Loire).",
      })),
    );
    expect(await sums("2026-05")).toEqual([
      { territory: CVL, days: 0 },
      { territory: NORMANDIE, days: 47 },
    ]);
    expect(await sums("2026-03")).toEqual([{ territory: CVL, days: 40 }]);
    expect(await nation()).toBe(nationBefore);
    const audit = await rows<{ action: string; after: { movedReports: number; from: string } }>(
      sql`select action, details->'after' as after from audit_events where subject = 'atelier:28'`,
    );
    expect(audit).toMatchObject([{ action: "atelier.moved", after: { movedReports: 3, from: "2026-05", until: null } }]);
  });

  it("a back-dated move stops at the next recorded move", async () => {
    const res = await call("admin", "POST", "/api/ateliers/28/moves", { territoryCode: "ile-de-france", from: "2026-03" });
    expect(res.statusCode).toBe(200);
    expect(res.json().movedReports).toBe(1);
    expect(
      res
        .json()
        .history.territories.map((p: { territoryCode: string; from: string; to: string | null }) => [p.territoryCode, p.from, p.to]),
    ).toEqual([
      [CVL, "2016-01", "2026-02"],
      ["ile-de-france", "2026-03", "2026-04"],
      [NORMANDIE, "2026-05", null],
    ]);
    const territories = await rows(sql`select period, territory_code from reports where atelier_code = '28' order by period`);
    expect(territories.map((r) => Object.values(r as object))).toEqual([
      ["2026-03", "ile-de-france"],
      ["2026-05", NORMANDIE],
      ["2026-06", NORMANDIE],
      ["2026-07", NORMANDIE],
    ]);
  });

  it("is refused into a closed year, before the opening, after the closure and to the same territory (409), changing nothing", async () => {
    const before = await snapshot();
    const cases: [string, unknown, string][] = [
      ["28", { territoryCode: NORMANDIE, from: "2024-06" }, "l'année 2024 est close"],
      [
        "28",
        { territoryCode: NORMANDIE, from: "2026-06" },
        "L'atelier est déjà rattaché à la direction territoriale Normandie en juin 2026.",
      ],
      ["69-M", { territoryCode: CVL, from: "2025-12" }, "l'atelier n'ouvre qu'en janvier 2026"],
    ];
    for (const [code, body, message] of cases) {
      const res = await call("admin", "POST", `/api/ateliers/${code}/moves`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json().message).toContain(message);
    }
    const bad = await call("admin", "POST", "/api/ateliers/28/moves", { territoryCode: "atlantide", from: "2026-08" });
    expect(bad.statusCode).toBe(422);
    const badMonth = await call("admin", "POST", "/api/ateliers/28/moves", { territoryCode: CVL, from: "mai 2026" });
    expect(badMonth.statusCode).toBe(422);
    expect(badMonth.json().errors).toEqual([{ field: "from", message: "Mois invalide : attendu AAAA-MM, par exemple 2026-10." }]);
    const yearZero = await call("admin", "POST", "/api/ateliers/28/moves", { territoryCode: CVL, from: "0000-05" });
    expect(yearZero.statusCode).toBe(422);
    expect(yearZero.json().errors[0].message).toContain("hors des années de l'enquête");
    expect(await snapshot()).toEqual(before);
  });
});

describe("closures", () => {
  it("are refused while a report of that month or later is submitted or validated, naming the months; drafts stay", async () => {
    const before = await snapshot();
    const refused = await call("admin", "POST", "/api/ateliers/28/closure", { from: "2026-05" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("REPORTS_SUBMITTED");
    expect(refused.json().message).toContain("des rapports ont été soumis ou validés pour mai 2026 (validé) et juin 2026 (soumis)");
    expect((await call("admin", "POST", "/api/ateliers/28/closure", { from: "2016-01" })).statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);

    const closed = await call("admin", "POST", "/api/ateliers/28/closure", { from: "2026-07" });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      closedFrom: "2026-07",
      changes: [{ action: "atelier.closed" }, { action: "atelier.moved" }, { action: "atelier.moved" }],
    });
    expect((await rows(sql`select status from reports where atelier_code = '28' and period = '2026-07'`))[0]).toEqual({ status: "draft" });
    const listed = (await call("admin", "GET", "/api/ateliers")).json().find((a: { code: string }) => a.code === "28");
    expect(listed).toMatchObject({ closedFrom: "2026-07" });
    const twice = await call("admin", "POST", "/api/ateliers/28/closure", { from: "2026-09" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain("déjà fermé depuis juillet 2026");
    const moveAfter = await call("admin", "POST", "/api/ateliers/28/moves", { territoryCode: CVL, from: "2026-08" });
    expect(moveAfter.statusCode).toBe(409);
    expect(moveAfter.json().message).toContain("l'atelier est fermé depuis juillet 2026");
  });

  it("can be cancelled, to undo a mistake; cancelling none is a 409", async () => {
    const res = await call("admin", "DELETE", "/api/ateliers/28/closure");
    expect(res.statusCode).toBe(200);
    expect(res.json().closedFrom).toBeNull();
    expect(res.json().changes[0]).toMatchObject({ action: "atelier.closure_cancelled" });
    const none = await call("admin", "DELETE", "/api/ateliers/28/closure");
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toBe("L'atelier n'est pas fermé : il n'y a pas de fermeture à annuler.");
  });
});

describe("dated attributes", () => {
  it("sets labellisation, lab and ESPE location from a month, until their next recorded change", async () => {
    const res = await call("admin", "PUT", "/api/ateliers/14/attributes", { from: "2026-03", labellisation: "labellise", espe: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      labellisation: [{ from: "2026-03", value: "labellise" }],
      espe: [{ from: "2026-03", value: true }],
    });
    const back = await call("admin", "PUT", "/api/ateliers/14/attributes", { from: "2026-01", labellisation: "en_cours" });
    expect(back.json().labellisation).toEqual([
      { from: "2026-01", value: "en_cours" },
      { from: "2026-03", value: "labellise" },
    ]);
    expect(back.json().changes[0].description).toBe(
      "Atelier 14, à partir de janvier 2026 : labellisation : labellisation en cours (auparavant non renseignée).",
    );
    const listed = (await call("admin", "GET", "/api/ateliers/14")).json();
    expect(listed).toMatchObject({ labelStatus: "labellise", inEspe: true });
  });

  it("are refused into a closed year (409) and without any attribute (422)", async () => {
    const before = await snapshot();
    const closed = await call("admin", "PUT", "/api/ateliers/14/attributes", { from: "2024-05", lab: true });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toContain("l'année 2024 est close");
    const empty = await call("admin", "PUT", "/api/ateliers/14/attributes", { from: "2026-05" });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].message).toBe("Indiquez au moins un attribut à changer.");
    expect(await snapshot()).toEqual(before);
  });
});

describe("the import", () => {
  const send = (dryRun: "0" | "1", body: string, contentType = "text/csv") =>
    t.app.inject({
      method: "POST",
      url: `/api/referential/import?dryRun=${dryRun}`,
      payload: body,
      headers: { cookie: cookie.admin ?? "", "content-type": contentType },
    });
  const FILE = [
    "\uFEFFtype;code;nom;ville;direction_territoriale;a_partir_de;labellisation;laboratoire;espe",
    "direction;grand-ouest;Grand Ouest;;;;;;",
    "atelier;35-R;Atelier Canopé 35-R – Rennes Villejean;Rennes;grand-ouest;2026-09;en_cours;oui;non",
    "atelier;86;;;grand-ouest;2026-09;Labellisé;;",
    "atelier;87;Atelier Canopé 87 – Limoges centre;;;;;;",
    "fermeture;2A;;;;2026-10;;;",
  ].join("\r\n");

  it("previews every change it would make and writes nothing", async () => {
    const before = await snapshot();
    const res = await send("1", FILE);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, applied: false, lines: 5, refused: [] });
    expect(body.changes.map((c: { line: number; kind: string; subject: string }) => [c.line, c.kind, c.subject])).toEqual([
      [2, "territory.created", "grand-ouest"],
      [3, "atelier.opened", "35-R"],
      [4, "atelier.moved", "86"],
      [4, "atelier.attributes", "86"],
      [5, "atelier.renamed", "87"],
      [6, "atelier.closed", "2A"],
    ]);
    expect(body.changes[2].description).toContain(
      "rattaché à la direction territoriale Grand Ouest à partir de septembre 2026 (auparavant : Aquitaine – Limousin – Poitou-Charentes)",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("lists every refused line with its French reason; with dryRun=0 it answers 422 with the same result and writes nothing", async () => {
    await buildReport(t.db, { atelierCode: "2B", territoryCode: "paca-corse", period: "2026-10", status: "submitted" });
    const file = [
      FILE,
      "atelier;35-R;Atelier Canopé 35-R – Rennes Villejean;Rennes;grand-ouest;2026-09;en_cours;oui;non",
      "atelier;29;;;atlantide;2026-09;;;",
      "atelier;29;;;normandie;2024-03;;;",
      "atelier;29;;;;2026-13;non_engage;;",
      "fermeture;2B;;;;2026-10;;;",
      "atelier;99;Atelier;Nulle part;normandie;2026-01;;;",
      "regroupement;x;;;;;;;",
      "atelier;30;;;;2026-01;;peut-être;",
      "atelier;31;trop;de;cellules;;;;;;;",
    ].join("\n");
    const before = await snapshot();
    const preview = await send("1", file);
    expect(preview.statusCode).toBe(200);
    const reasons = Object.fromEntries(preview.json().refused.map((r: { line: number; reason: string }) => [r.line, r.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(reasons[7]).toContain("Doublon : la ligne 3");
    expect(reasons[8]).toContain("La direction territoriale « atlantide » n'existe pas");
    expect(reasons[9]).toContain("l'année 2024 est close");
    expect(reasons[10]).toContain("Mois « 2026-13 » invalide");
    expect(reasons[11]).toContain("soumis ou validé pour octobre 2026 (soumis)");
    expect(reasons[12]).toContain("Code d'atelier « 99 » invalide");
    expect(reasons[13]).toContain("Type « regroupement » inconnu");
    expect(reasons[14]).toContain("Laboratoire « peut-être » : attendu oui ou non");
    expect(reasons[15]).toContain("12 cellule(s) au lieu de 9");
    expect(preview.json().changes).toHaveLength(6);

    const applied = await send("0", file);
    expect(applied.statusCode).toBe(422);
    expect(applied.json()).toMatchObject({ code: "IMPORT_REFUSED", dryRun: false, applied: false, lines: 14 });
    expect(applied.json().message).toBe("9 lignes refusées : corrigez le fichier. Rien n'est enregistré tant qu'une ligne est refusée.");
    expect(applied.json().refused).toEqual(preview.json().refused);
    expect(await snapshot()).toEqual(before);
  });

  it("with dryRun=0 and every line accepted, applies the whole file with its audit and report events", async () => {
    await buildReport(t.db, {
      atelierCode: "86",
      territoryCode: "aquitaine-limousin-poitou-charentes",
      period: "2026-09",
      status: "draft",
    });
    const auditBefore = await count("audit_events");
    const res = await send("0", FILE.replaceAll(";", ","));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, applied: true, lines: 5, refused: [] });
    expect(await count("audit_events")).toBe(auditBefore + 6);
    const sources = await rows(
      sql`select distinct details->>'source' as source from audit_events where id > (select max(id) - 6 from audit_events)`,
    );
    expect(sources).toEqual([{ source: "import" }]);
    const history = (await call("admin", "GET", "/api/ateliers/86/history")).json();
    expect(history).toMatchObject({
      territoryCode: "grand-ouest",
      labellisation: [{ from: "2026-09", value: "labellise" }],
    });
    expect(history.territories.at(-1)).toMatchObject({ territoryCode: "grand-ouest", from: "2026-09", to: null });
    expect((await rows(sql`select territory_code from reports where atelier_code = '86' and period = '2026-09'`))[0]).toEqual({
      territory_code: "grand-ouest",
    });
    const opened = (await call("admin", "GET", "/api/ateliers/35-R/history")).json();
    expect(opened).toMatchObject({
      departement: "Ille-et-Vilaine",
      openFrom: "2026-09",
      lab: [{ from: "2026-09", value: true }],
      espe: [],
    });
    expect((await call("admin", "GET", "/api/ateliers/2A/history")).json().closedFrom).toBe("2026-10");
  });

  it("refuses an unreadable file (422) and another content type (415), writing nothing", async () => {
    const before = await snapshot();
    const header = await send("1", "genre;code\natelier;86\n");
    expect(header.statusCode).toBe(422);
    expect(header.json().message).toContain("colonnes manquantes : type ; colonnes inconnues : genre");
    expect((await send("1", "type;code\n")).json().message).toContain("aucune ligne après l'en-tête");
    const xml = await send("1", "<atelier/>", "application/xml");
    expect(xml.statusCode).toBe(415);
    expect(xml.json().message).toBe("Envoyez le fichier CSV tel quel, avec le type text/csv.");
    expect(await snapshot()).toEqual(before);
  });
});
