/**
 * The reports CSV: every column against the reports it comes from (names,
 * the month's territory and attributes, due date and lateness, versions,
 * validator, return comment, justification, the trace of a reopening), the
 * expected reports that are missing, the status filter, French labels or
 * codes as headers, French-Excel conventions, and the caller's reach.
 */
import { BUILT_IN_CATALOGUE, parisDate, reportExportColumns } from "@enquete/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ateliers, indicatorTargets, reports } from "../src/db/schema.ts";
import { seedTargets } from "../src/db/seed/targets.ts";
import { parseFrenchCsv } from "./exports-csv.ts";
import { buildValues } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { IDF, NORMANDIE, seedFixture, values } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
const ARA = "auvergne-rhone-alpes";
/** The month atelier 01 goes through every decision: submitted with a justification, returned, validated, reopened, validated again. */
const JOURNEY = "2025-03";
const today = parisDate();
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? { cookie: cookie[who] ?? "" } : {} });
async function post(who: string, url: string, payload: object = {}) {
  const res = await t.app.inject({ method: "POST", url, payload, headers: { cookie: cookie[who] ?? "" } });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedTargets(t.db);
  await seedFixture(t.db);
  await t.db.insert(indicatorTargets).values([{ indicatorCode: "1-1", year: 2025, value: 2000, isBaseline: false }]);
  await t.db.insert(reports).values({
    atelierCode: "2A",
    period: "2025-05",
    territoryCode: "paca-corse",
    status: "draft",
    version: 1,
    formVersion: 1,
    values: values({ highlights: '=HYPERLINK("http://pirate.example") ; "accueil"\nsur deux lignes' }),
  });
  // 02's January: a figure flagged as unusual, justified (its warning's code names the field).
  await t.db.insert(reports).values({
    atelierCode: "02",
    period: "2025-01",
    territoryCode: "hauts-de-france",
    status: "validated",
    version: 4,
    formVersion: 1,
    values: buildValues(),
    justifications: { "unusualFigure:trainees": "Un colloque académique ce mois-ci." },
    firstSubmittedAt: new Date("2025-02-03T08:00:00Z"),
    submittedAt: new Date("2025-02-03T08:00:00Z"),
    validatedAt: new Date("2025-02-04T08:00:00Z"),
  });
  // 04 opens in April, 05 closes from October: nothing is expected of them outside those months.
  await t.db.update(ateliers).set({ openedOn: "2025-04-01" }).where(eq(ateliers.code, "04"));
  await t.db.update(ateliers).set({ closedOn: "2025-10-01" }).where(eq(ateliers.code, "05"));
  const people = {
    national: [{ role: "national" }],
    viewer: [{ role: "viewer" }],
    dtNormandie: [{ role: "territory", territoryCode: NORMANDIE }],
    dtIdf: [{ role: "territory", territoryCode: IDF }],
    dtAra: [{ role: "territory", territoryCode: ARA }],
    atelier14: [{ role: "atelier", atelierCode: "14" }],
    atelier01: [{ role: "atelier", atelierCode: "01" }],
    nobody: [],
  } as const;
  Object.assign(cookie, await signInPeople(t, people));

  // Atelier 01's March through the API: its publics do not add up (a warning justified), and "12,5" in its highlights.
  const url = `/api/reports/01/${JOURNEY}`;
  const saved = await t.app.inject({
    method: "PUT",
    url,
    payload: { values: buildValues({ beneficiariesOther: 31, highlights: "12,5" }), notes: { trainees: "dont 20 néo-titulaires" } },
    headers: { cookie: cookie.atelier01 ?? "" },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  await post("atelier01", `${url}/submit`, { justifications: { beneficiariesByPublic: "Une classe comptée deux fois." } });
  await post("dtAra", `${url}/return`, { comment: "Merci de revoir les conventions." });
  await post("atelier01", `${url}/submit`, { justifications: { beneficiariesByPublic: "Une classe comptée deux fois." } });
  await post("dtAra", `${url}/validate`);
  await post("national", `${url}/reopen`, { reason: "Erreur de saisie signalée par l'atelier." });
  await post("atelier01", `${url}/submit`, { justifications: { beneficiariesByPublic: "Une classe comptée deux fois." } });
  await post("national", `${url}/validate`);
});
afterAll(async () => await t.close());

async function csv(who: string, query = "year=2025") {
  const res = await get(who, `/api/exports/reports.csv?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return { res, rows: parseFrenchCsv(res.body) };
}
const codes = (who: string, query = "") => csv(who, `year=2025&headers=codes${query}`);
const find = (rows: Record<string, string>[], atelier: string, period: string) => {
  const row = rows.find((r) => r.atelierCode === atelier && r.period === period);
  expect(row, `${atelier} ${period}`).toBeDefined();
  return row as Record<string, string>;
};

describe("the reports CSV", () => {
  it("opens in French Excel: BOM, ;, decimal comma, quoted text, French labels as headers, a French file name", async () => {
    const { res, rows } = await csv("national");
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(
      "attachment; filename=\"rapports-mensuels-annee-2025.csv\"; filename*=UTF-8''rapports-mensuels-ann%C3%A9e-2025.csv",
    );
    const header = (res.body.split("\r\n")[0] ?? "").slice(1).split(";");
    const columns = reportExportColumns(BUILT_IN_CATALOGUE);
    expect(header).toEqual(columns.map((c) => `"${c.label}"`));
    expect(header.slice(0, 5)).toEqual([
      '"Code de l\'atelier"',
      '"Atelier"',
      '"Département"',
      '"Code de la direction territoriale"',
      '"Direction territoriale"',
    ]);
    expect(header).toContain('"Journées stagiaires dans les murs"');
    expect(header.at(-1)).toBe('"Notes sur les chiffres"');
    const line = res.body.split("\r\n").find((l) => l.startsWith('"14";') && l.includes('"2025-01"')) ?? "";
    expect(line).toMatch(
      /^"14";"Atelier Canopé 14 – Caen";"Calvados";"normandie";"Normandie";"Labellisation en cours";"oui";"non";"2025-01";"validated";"Validé";2025-02-10;"non";0;2;1;2025-02-05 10:00;2025-02-05 10:00;2025-02-05 10:00;/,
    );
    expect(line).toContain(";1;0,5;1,25;0,5;");
    const row = rows.find((r) => r["Code de l'atelier"] === "14" && r.Mois === "2025-01");
    expect(row).toMatchObject({
      "Journées stagiaires hors les murs (en résidence, en établissement)": "0,5",
      "Journées stagiaires à distance animées par l'atelier": "1,25",
      "Formateurs enseignants de l'atelier": "10",
      "Faits marquants du mois": "",
    });
  });

  it("gives the stable codes as headers with headers=codes, the same columns in the same order", async () => {
    const { res } = await codes("national");
    const header = (res.body.split("\r\n")[0] ?? "").slice(1).replaceAll('"', "").split(";");
    expect(header).toEqual(reportExportColumns(BUILT_IN_CATALOGUE).map((c) => c.code));
    expect(header.slice(0, 3)).toEqual(["atelierCode", "atelierName", "departement"]);
    expect(header).toContain("traineeDaysOnSite");
    const labelled = (await csv("national")).res.body.split("\r\n").slice(1);
    expect(res.body.split("\r\n").slice(1).length).toBe(labelled.length);
    const bad = await get("national", "/api/exports/reports.csv?year=2025&headers=labelz");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toContainEqual({
      field: "headers",
      message: "En-têtes : labels (intitulés en français) ou codes (codes des champs).",
    });
  });

  it("names the atelier, the territory of the month and the atelier's attributes that month", async () => {
    const { rows } = await codes("national");
    // 27 moved from Normandie to Île-de-France on 1 July.
    expect(find(rows, "27", "2025-06")).toMatchObject({
      territoryCode: NORMANDIE,
      territoryName: "Normandie",
      atelierName: "Atelier Canopé 27 – Évreux",
    });
    expect(find(rows, "27", "2025-07")).toMatchObject({ territoryCode: IDF, territoryName: "Île-de-France", departement: "Eure" });
    // 14 is "en cours" until May, labelled from June, with a laboratoire des usages; 61 is within an ESPE.
    expect(find(rows, "14", "2025-05")).toMatchObject({ labellisation: "Labellisation en cours", lab: "oui", espe: "non" });
    expect(find(rows, "14", "2025-06")).toMatchObject({ labellisation: "Labellisé", lab: "oui" });
    expect(find(rows, "50", "2025-03")).toMatchObject({ labellisation: "Non engagé", lab: "non", espe: "non" });
    expect(find(rows, "61", "2025-01")).toMatchObject({ espe: "oui", lab: "non" });
  });

  it("gives the due date and the lateness of the first submission", async () => {
    const { rows } = await codes("national");
    // 14's March came on 15 April: 5 days after the 10th.
    expect(find(rows, "14", "2025-03")).toMatchObject({ dueDate: "2025-04-10", late: "oui", daysLate: "5", statusLabel: "Validé" });
    expect(find(rows, "14", "2025-04")).toMatchObject({ dueDate: "2025-05-10", late: "non", daysLate: "0" });
    // December's report is due in January of the next year.
    expect(find(rows, "14", "2025-12")).toMatchObject({ dueDate: "2026-01-10" });
    // Submitted today for the first time: as late as today is.
    const first = find(rows, "01", JOURNEY);
    expect(first).toMatchObject({ dueDate: "2025-04-10", late: "oui", daysLate: String(days("2025-04-10", today)) });
  });

  it("carries the report's versions, dates, validator, last return, justification and the trace of its reopening", async () => {
    const { rows } = await codes("national");
    const row = find(rows, "01", JOURNEY);
    const events = (await get("national", `/api/reports/01/${JOURNEY}`)).json();
    expect(row).toMatchObject({
      atelierCode: "01",
      atelierName: "Atelier Canopé 01 – Bourg-en-Bresse",
      territoryName: "Auvergne-Rhône-Alpes",
      status: "validated",
      statusLabel: "Validé",
      version: String(events.version),
      formVersion: "1",
      validatedBy: "Personne national",
      lastReturnComment: "Merci de revoir les conventions.",
      lastReturnedBy: "Personne dtAra",
      justifications: "beneficiariesByPublic : Une classe comptée deux fois.",
      reopenings: "1",
      lastReopenedBy: "Personne national",
      lastReopenReason: "Erreur de saisie signalée par l'atelier.",
      highlights: "12,5",
      notes: "trainees : dont 20 néo-titulaires",
    });
    // Dates as Paris wall-clock time, in the order things happened: first submission ≤ return ≤ reopening ≤ last submission ≤ validation.
    const stamp = /^\d{4}-\d\d-\d\d \d\d:\d\d$/;
    for (const c of ["firstSubmittedAt", "lastReturnedAt", "lastReopenedAt", "lastSubmittedAt", "validatedAt"])
      expect(row[c], c).toMatch(stamp);
    const order = ["firstSubmittedAt", "lastReturnedAt", "lastReopenedAt", "lastSubmittedAt", "validatedAt"].map((c) => row[c] ?? "");
    expect([...order].sort()).toEqual(order);
    expect((row.firstSubmittedAt ?? "").slice(0, 10)).toBe(today);
    // For people, the justification is worded by its warning, the note by its field.
    const people = (await csv("national")).rows.find((r) => r["Code de l'atelier"] === "01" && r.Mois === JOURNEY);
    expect(people?.Justifications).toBe(
      "La répartition par public ne correspond pas au total des personnes accueillies et des bénéficiaires hors les murs : expliquez l'écart. : Une classe comptée deux fois.",
    );
    expect(people?.["Notes sur les chiffres"]).toBe("Stagiaires formés (personnes) : dont 20 néo-titulaires");
    expect(people?.["Validé par"]).toBe("Personne national");
    // A figure flagged as unusual: the warning names its field.
    const unusual = (await csv("national")).rows.find((r) => r["Code de l'atelier"] === "02" && r.Mois === "2025-01");
    expect(unusual?.Justifications).toBe(
      "Stagiaires formés (personnes) : Ce chiffre s'écarte fortement des habitudes de l'atelier (plus de 3 fois ou moins du tiers de sa médiane sur 12 mois) : confirmez-le. : Un colloque académique ce mois-ci.",
    );
    expect(find(rows, "02", "2025-01").justifications).toBe("unusualFigure:trainees : Un colloque académique ce mois-ci.");
  });

  it("keeps the trace of a reopening while the report is back with the atelier", async () => {
    const url = "/api/reports/01/2025-04";
    const saved = await t.app.inject({
      method: "PUT",
      url,
      payload: { values: buildValues() },
      headers: { cookie: cookie.atelier01 ?? "" },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await post("atelier01", `${url}/submit`);
    await post("dtAra", `${url}/validate`);
    const before = find((await codes("national")).rows, "01", "2025-04");
    expect(before).toMatchObject({ status: "validated", validatedBy: "Personne dtAra", reopenings: "0", lastReopenedAt: "" });
    await post("national", `${url}/reopen`, { reason: "Chiffres de formation à vérifier." });
    const after = find((await codes("national")).rows, "01", "2025-04");
    // Its validation is gone from the report's dates; the reopening says when, who and why.
    expect(after).toMatchObject({
      status: "returned",
      statusLabel: "Renvoyé",
      validatedAt: "",
      validatedBy: "",
      reopenings: "1",
      lastReopenedBy: "Personne national",
      lastReopenReason: "Chiffres de formation à vérifier.",
      firstSubmittedAt: before.firstSubmittedAt,
      lastReturnComment: "",
    });
    expect(after.lastReopenedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it("has a row for each expected report that is missing, in the territory of its month", async () => {
    const { rows } = await codes("national");
    // Every month of 2025 is over: a row per atelier and month it is open (04 from April, 05 until September).
    expect(rows).toHaveLength(101 * 12 - 3 - 3);
    expect(rows.filter((r) => r.atelierCode === "04").map((r) => r.period)).toEqual(
      ["04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2025-${m}`),
    );
    expect(rows.filter((r) => r.atelierCode === "05").map((r) => r.period)).toEqual(
      ["01", "02", "03", "04", "05", "06", "07", "08", "09"].map((m) => `2025-${m}`),
    );
    const missing = find(rows, "01", "2025-01");
    expect(missing).toMatchObject({
      atelierName: "Atelier Canopé 01 – Bourg-en-Bresse",
      territoryCode: ARA,
      territoryName: "Auvergne-Rhône-Alpes",
      status: "not_started",
      statusLabel: "Non commencé",
      dueDate: "2025-02-10",
      late: "oui",
      daysLate: String(days("2025-02-10", today)),
      version: "",
      formVersion: "",
      firstSubmittedAt: "",
      reopenings: "",
      trainees: "",
    });
    // 27's missing months do not exist (all reported); 50's missing months follow its reports.
    expect(rows.filter((r) => r.atelierCode === "50").map((r) => r.status)).toEqual([
      "not_started",
      "not_started",
      "returned",
      "submitted",
      "validated",
      "draft",
      ...Array(6).fill("not_started"),
    ]);
    expect(rows.filter((r) => r.atelierCode === "27" && r.territoryCode === NORMANDIE)).toHaveLength(6);
    // A month that is not over expects nothing yet.
    const future = (await csv("national", `year=${Number(today.slice(0, 4)) + 1}&headers=codes`)).rows;
    expect(future).toEqual([]);
  });

  it("keeps only the statuses asked for", async () => {
    const all = (await codes("national")).rows;
    const validated = (await codes("national", "&status=validated")).rows;
    expect(validated.length).toBeGreaterThan(0);
    expect(validated).toEqual(all.filter((r) => r.status === "validated"));
    const sent = (await codes("national", "&status=submitted,validated")).rows;
    expect(new Set(sent.map((r) => r.status))).toEqual(new Set(["submitted", "validated"]));
    expect(sent).toHaveLength(all.filter((r) => r.status === "submitted" || r.status === "validated").length);
    const missing = (await codes("national", "&status=not_started")).rows;
    expect(missing).toHaveLength(all.filter((r) => r.status === "not_started").length);
    expect(missing.every((r) => r.version === "" && r.status === "not_started")).toBe(true);
    const named = await get("national", "/api/exports/reports.csv?year=2025&status=validated");
    expect(named.headers["content-disposition"]).toContain("rapports-mensuels-ann%C3%A9e-2025-validated.csv");
    const bad = await get("national", "/api/exports/reports.csv?year=2025&status=validated,lost");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe("status");
  });

  it("keeps whole the school year's months, September to August", async () => {
    const school = (await csv("national", "year=2025&yearType=school&headers=codes&status=draft,submitted,returned,validated")).rows;
    expect(school.filter((r) => r.atelierCode === "75").map((r) => r.period)).toEqual(["2025-09", "2025-12", "2026-01", "2026-08"]);
  });

  it("quotes a text with separators and line breaks, and defuses a formula", async () => {
    const { res, rows } = await codes("national");
    expect(res.body).toContain('"\'=HYPERLINK(""http://pirate.example"") ; ""accueil""\nsur deux lignes"');
    expect(find(rows, "2A", "2025-05").highlights).toBe('\'=HYPERLINK("http://pirate.example") ; "accueil"\nsur deux lignes');
    // A comment that looks like a number is written as quoted text, never as a number.
    expect(res.body).toContain(';"12,5";');
  });

  it("is limited to the caller's reach: a territory gets the rows of its months, an atelier its own", async () => {
    const normandie = (await codes("dtNormandie")).rows;
    expect(new Set(normandie.map((r) => r.territoryCode))).toEqual(new Set([NORMANDIE]));
    expect(normandie.filter((r) => r.atelierCode === "27")).toHaveLength(6);
    const idf = (await codes("dtIdf")).rows;
    expect(new Set(idf.map((r) => r.territoryCode))).toEqual(new Set([IDF]));
    expect(idf.filter((r) => r.atelierCode === "27").map((r) => r.period)).toEqual(
      ["07", "08", "09", "10", "11", "12"].map((m) => `2025-${m}`),
    );
    const own = (await codes("atelier14")).rows;
    expect(new Set(own.map((r) => r.atelierCode))).toEqual(new Set(["14"]));
    expect(own).toHaveLength(12);
    expect((await codes("viewer")).rows.length).toBe((await codes("national")).rows.length);
  });

  it("refuses the signed-out, the role-less and bad parameters", async () => {
    expect((await get(null, "/api/exports/reports.csv?year=2025")).statusCode).toBe(401);
    expect((await get("nobody", "/api/exports/reports.csv?year=2025")).statusCode).toBe(403);
    const bad = await get("national", "/api/exports/reports.csv?year=25");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toContainEqual({ field: "year", message: "L'enquête commence en 2016." });
    expect((await get("national", "/api/exports/reports.csv?year=2025&yearType=civil")).statusCode).toBe(422);
  });
});
