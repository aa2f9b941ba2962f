/**
 * Reports across questionnaire versions (domain page, section 3): a report
 * keeps the version it was started with, reads, validates, exports and
 * counts with it after a newer version is published; a draft of a month the
 * newer version covers may move to it, its values kept by code; notes on
 * figures are saved with the draft, listed in the history and exported.
 *
 * The version published here is version 2 as the national team prepares it
 * (VERSION_2_CHANGES) plus the retirement of one field (agreementsOther), so
 * that a move shows both sides: fields to fill and a value not kept. It is
 * published from last month, as only the demo may (a past month), so that
 * last month's drafts, started on version 1, are covered by it.
 */
import {
  addMonths,
  FORM_V1,
  type FormDefinition,
  formatPeriod,
  parisDate,
  periodOfDate,
  type ReportValues,
  VERSION_2_CHANGES,
} from "@enquete/domain";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportEvents, reports } from "../src/db/schema.ts";
import { createDraft, publishVersion } from "../src/modules/forms/service.ts";
import { notesDiff } from "../src/modules/reports/drafts.ts";
import { valuesOf } from "../src/modules/reports/state.ts";
import { parseFrenchCsv } from "./exports-csv.ts";
import { buildReport, buildValues } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
const now = periodOfDate(parisDate());
const month = (k: number) => formatPeriod(addMonths(now, k));
const THIS_MONTH = month(0);
const LAST_MONTH = month(-1);
/** Before version 2: filled, submitted and validated with version 1. */
const OLD = month(-4);
const ALPC = "aquitaine-limousin-poitou-charentes";

/** Version 1 values that break no rule, with a retired field's value to follow. */
const V1_VALUES = buildValues({ agreementsOther: 2 });
/** The same month under version 2: the training days, and nothing of the retired field. */
const V2_EXTRA = { trainingDays: 12, trainingDaysEspe: 3 };

beforeAll(async () => {
  t = await createTestApp();
  const people = {
    a86: [{ role: "atelier", atelierCode: "86" }],
    a14: [{ role: "atelier", atelierCode: "14" }],
    dtAlpc: [{ role: "territory", territoryCode: ALPC }],
    dtNormandie: [{ role: "territory", territoryCode: "normandie" }],
    national: [{ role: "national" }],
  } as const;
  Object.assign(cookie, await signInPeople(t, people));

  // Before version 2. Atelier 86: an old month validated (with a note), two months before last validated
  // straight in the database, last month a draft with notes on a kept and a retired field.
  await fill("a86", "86", OLD, V1_VALUES, { trainees: "dont 40 pour le plan académique numérique" });
  expect((await req("a86", "POST", `/api/reports/86/${OLD}/submit`, {})).statusCode).toBe(200);
  expect((await req("dtAlpc", "POST", `/api/reports/86/${OLD}/validate`)).statusCode).toBe(200);
  await buildReport(t.db, { atelierCode: "86", territoryCode: ALPC, period: month(-2), status: "validated", values: V1_VALUES });
  await fill("a86", "86", LAST_MONTH, V1_VALUES, { trainees: "dont 8 néo-titulaires", agreementsOther: "deux éditeurs" });
  // Atelier 14: last month submitted with two justifications, one of a field version 2 retires
  // (its agreements far above the validated month before; its publics ten short of the total, under the outlier's threshold).
  await buildReport(t.db, { atelierCode: "14", territoryCode: "normandie", period: month(-2), status: "validated" });
  await fill("a14", "14", LAST_MONTH, buildValues({ agreementsOther: 50, beneficiariesOther: 20 }), { trainers: "dont 2 à mi-temps" });
  const submitted = await req("a14", "POST", `/api/reports/14/${LAST_MONTH}/submit`, {
    justifications: { beneficiariesByPublic: "30 visiteurs sans public identifié.", "unusualFigure:agreementsOther": "Un salon régional." },
  });
  expect(submitted.statusCode, submitted.body).toBe(200);

  const actor = { id: null, label: "test" };
  const draft = await createDraft(t.db, actor, FORM_V1.version, [...VERSION_2_CHANGES, { kind: "retireField", field: "agreementsOther" }]);
  expect(draft.version).toBe(2);
  await publishVersion(t.db, actor, draft.version, LAST_MONTH, { today: parisDate(), allowPast: true });
});
afterAll(async () => await t?.close());

const req = (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookie[who] ?? "", ...headers } });
const put = (
  who: string,
  atelier: string,
  period: string,
  body: { values: ReportValues; notes?: Record<string, string>; formVersion?: number },
  v?: number,
) => req(who, "PUT", `/api/reports/${atelier}/${period}`, body, v === undefined ? {} : { "if-match": `"${v}"` });
const read = async (who: string, atelier: string, period: string) => {
  const res = await req(who, "GET", `/api/reports/${atelier}/${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const move = (who: string, atelier: string, period: string, formVersion: number, v?: number) =>
  req(who, "POST", `/api/reports/${atelier}/${period}/form-version`, { formVersion }, v === undefined ? {} : { "if-match": `"${v}"` });

/** Creates or saves a draft, over the version it stands at. */
async function fill(who: string, atelier: string, period: string, values: ReportValues, notes?: Record<string, string>) {
  const current = await read(who, atelier, period);
  const res = await put(who, atelier, period, { values, ...(notes ? { notes } : {}) }, current.version || undefined);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The report's row and its events, to show that a refusal changed nothing. */
async function stored(atelier: string, period: string) {
  const [row] = await t.db
    .select()
    .from(reports)
    .where(and(eq(reports.atelierCode, atelier), eq(reports.period, period)));
  const [events] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(reportEvents)
    .where(eq(reportEvents.reportId, row?.id ?? 0));
  return { row, events: events?.n };
}

const fieldsOf = (form: { sections: { fields: { code: string }[] }[] }) => form.sections.flatMap((s) => s.fields.map((f) => f.code));
const errorFields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

describe("a month's questionnaire", () => {
  it("is the version in force that month for a report not started, and the report's own once it exists", async () => {
    const fresh = await read("a86", "86", THIS_MONTH);
    expect(fresh).toMatchObject({ status: "not_started", formVersion: 2, form: { version: 2, validFrom: LAST_MONTH }, formUpgrade: null });
    expect(fieldsOf(fresh.form)).toContain("trainingDays");
    expect(fieldsOf(fresh.form)).not.toContain("agreementsOther");
    const earlier = await read("a86", "86", month(-6));
    expect(earlier).toMatchObject({ status: "not_started", formVersion: 1, form: { version: 1 }, formUpgrade: null });
    expect(fieldsOf(earlier.form)).not.toContain("trainingDays");
    // Started on version 1 last month: still version 1, until the director moves it.
    expect(await read("a86", "86", LAST_MONTH)).toMatchObject({ status: "draft", formVersion: 1, form: { version: 1 } });
  });

  it("has nothing to move for a report not created yet: it is created with the month's version", async () => {
    const res = await move("a86", "86", THIS_MONTH, 2, 0);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain("version 2");
    expect(await stored("86", THIS_MONTH)).toMatchObject({ row: undefined });
  });

  it("refuses a first save typed on the version the page read before the publication: 409, nothing created", async () => {
    // The page of this month was loaded on version 1; version 2 now covers the month.
    const stale = await put("a86", "86", THIS_MONTH, { values: { trainees: 3 }, formVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: "FORM_VERSION_CHANGED",
      message: "Le questionnaire de ce mois est passé à la version 2 : rechargez la page, vos saisies seront reprises.",
    });
    expect(await stored("86", THIS_MONTH)).toMatchObject({ row: undefined });
  });
});

describe("a version 1 report after version 2 is published", () => {
  it("still reads with its own questionnaire, values and notes", async () => {
    const old = await read("a86", "86", OLD);
    expect(old).toMatchObject({
      status: "validated",
      formVersion: 1,
      form: { version: 1 },
      formUpgrade: null,
      values: { agreementsOther: 2, trainees: 120 },
      notes: { trainees: "dont 40 pour le plan académique numérique" },
    });
    expect(old.values).not.toHaveProperty("trainingDays");
    expect(old.history.map((e: { action: string }) => e.action)).toEqual(["create", "submit", "validate"]);
  });

  it("is reopened, submitted again and validated with version 1's checks, and keeps its note", async () => {
    const reopened = await req("national", "POST", `/api/reports/86/${OLD}/reopen`, { reason: "Vérifier les conventions." });
    expect(reopened.statusCode, reopened.body).toBe(200);
    // Returned and editable, but its month is version 1's: nothing to move to.
    expect(await read("a86", "86", OLD)).toMatchObject({ status: "returned", editable: true, formUpgrade: null });
    const again = await req("a86", "POST", `/api/reports/86/${OLD}/submit`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: "submitted", formVersion: 1, notes: { trainees: expect.any(String) } });
    const validated = await req("dtAlpc", "POST", `/api/reports/86/${OLD}/validate`);
    expect(validated.json()).toMatchObject({ status: "validated", formVersion: 1 });
  });

  it("is exported with its version: every version's columns, empty where its version has no such field, and its notes", async () => {
    const res = await req("national", "GET", `/api/exports/reports.csv?year=${OLD.slice(0, 4)}&headers=codes`);
    expect(res.statusCode).toBe(200);
    const header = (res.body.split("\r\n")[0] ?? "").replaceAll('"', "").replace("\uFEFF", "").split(";");
    expect(header).toEqual(expect.arrayContaining(["formVersion", "agreementsOther", "trainingDays", "trainingDaysEspe"]));
    expect(header.at(-1)).toBe("notes");
    const row = parseFrenchCsv(res.body).find((r) => r.atelierCode === "86" && r.period === OLD);
    expect(row).toMatchObject({
      formVersion: "1",
      agreementsOther: "2",
      trainees: "120",
      trainingDays: "",
      trainingDaysEspe: "",
      notes: "trainees : dont 40 pour le plan académique numérique",
    });
  });

  it("is counted by the indicators beside the others", async () => {
    const year = OLD.slice(0, 4);
    const validated = await t.db
      .select({ values: reports.values })
      .from(reports)
      .where(and(eq(reports.atelierCode, "86"), eq(reports.status, "validated"), sql`${reports.period} like ${`${year}-%`}`));
    const res = await req("national", "GET", `/api/indicators?scope=atelier:86&year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const beneficiaries = res.json().indicators.find((i: { code: string }) => i.code === "2-2-2");
    const expected = validated.reduce((s, r) => s + Number(r.values.visitorsOnSite) + Number(r.values.beneficiariesOffSite), 0);
    expect(validated.length).toBeGreaterThan(0);
    expect(beneficiaries.value).toBe(expected);
  });
});

describe("moving a draft to the month's version", () => {
  it("is offered to the director of a version 1 draft of a month version 2 covers, with what it changes", async () => {
    const draft = await read("a86", "86", LAST_MONTH);
    expect(draft.formUpgrade).toEqual({
      version: 2,
      validFrom: LAST_MONTH,
      added: [
        { code: "trainingDays", label: expect.stringContaining("Jours de formation réalisés") },
        { code: "trainingDaysEspe", label: expect.stringContaining("jours de formation en partenariat") },
      ],
      retired: [{ code: "agreementsOther", label: expect.any(String), value: 2 }],
    });
    // Compared with last month's own fields: version 1 has agreementsOther.
    expect(draft.reference.previousMonth).toMatchObject({ agreementsOther: 2 });
    // The territory reads it, but has nothing to move.
    expect((await read("dtAlpc", "86", LAST_MONTH)).formUpgrade).toBeNull();
    // Until it moves, the new fields are not the report's.
    const early = await put("a86", "86", LAST_MONTH, { values: { ...V1_VALUES, ...V2_EXTRA }, formVersion: 1 }, draft.version);
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual(
      expect.arrayContaining([{ field: "trainingDays", message: "Champ inconnu du questionnaire (version 1)." }]),
    );
  });

  it("is refused to anyone but its director, for a submitted report, to another version, on a stale or missing version: nothing changes", async () => {
    const before = await stored("86", LAST_MONTH);
    const v = before.row?.version ?? 0;
    const other = await move("a14", "86", LAST_MONTH, 2, v);
    expect(other.statusCode).toBe(403);
    expect((await move("national", "86", LAST_MONTH, 2, v)).statusCode).toBe(403);
    expect((await move("dtAlpc", "86", LAST_MONTH, 2, v)).statusCode).toBe(403);
    for (const wrong of [1, 3]) {
      const res = await move("a86", "86", LAST_MONTH, wrong, v);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([{ field: "formVersion", message: expect.stringContaining("version 2") }]);
    }
    const stale = await move("a86", "86", LAST_MONTH, 2, v - 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "VERSION_CONFLICT", current: { version: v } });
    expect((await move("a86", "86", LAST_MONTH, 2)).statusCode).toBe(428);
    const bad = await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/form-version`, { formVersion: "deux" }, { "if-match": `"${v}"` });
    expect(bad.statusCode).toBe(422);
    expect(await stored("86", LAST_MONTH)).toEqual(before);

    const submitted = await stored("14", LAST_MONTH);
    const res = await move("a14", "14", LAST_MONTH, 2, submitted.row?.version);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      "Ce rapport est soumis : seul un brouillon ou un rapport renvoyé peut passer à une autre version du questionnaire.",
    );
    expect(await stored("14", LAST_MONTH)).toEqual(submitted);
  });

  it("keeps the values and notes of the codes version 2 has, drops the retired ones, and says so in the history", async () => {
    const draft = await read("a86", "86", LAST_MONTH);
    const res = await move("a86", "86", LAST_MONTH, 2, draft.version);
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json();
    expect(moved).toMatchObject({
      status: "draft",
      version: draft.version + 1,
      formVersion: 2,
      form: { version: 2 },
      formUpgrade: null,
      editable: true,
      notes: { trainees: "dont 8 néo-titulaires" },
    });
    const { agreementsOther: _retired, ...kept } = V1_VALUES;
    expect(moved.values).toEqual(kept);
    expect(moved.notes).not.toHaveProperty("agreementsOther");
    // Compared with last month's fields that version 2 has: not the retired one.
    expect(moved.reference.previousMonth).toMatchObject({ trainees: 120 });
    expect(moved.reference.previousMonth).not.toHaveProperty("agreementsOther");
    const upgrade = (await read("a86", "86", LAST_MONTH)).history.at(-1);
    expect(upgrade).toMatchObject({
      action: "upgrade",
      actor: "Personne a86",
      fromStatus: "draft",
      toStatus: "draft",
      version: draft.version + 1,
      // The retired field by its label: the report's new form no longer has it to name it.
      comment:
        "Passage de la version 1 à la version 2 du questionnaire ; non repris : " +
        "Autres conventions (industriels, associations, éditeurs, laboratoires, international) (2), " +
        "note sur « Autres conventions (industriels, associations, éditeurs, laboratoires, international) ».",
      changes: [
        { field: "agreementsOther", from: 2, to: null },
        { field: "note:agreementsOther", from: "deux éditeurs", to: null },
      ],
    });
    expect((await stored("86", LAST_MONTH)).row).toMatchObject({ formVersion: 2, values: kept });
  });

  it("then saves the new fields, refuses the retired one, and needs the new fields and rules to submit", async () => {
    const v = (await read("a86", "86", LAST_MONTH)).version;
    // A page still showing version 1 (another tab moved the report): refused whole, not field by field.
    const before = await stored("86", LAST_MONTH);
    const stale = await put("a86", "86", LAST_MONTH, { values: { ...V1_VALUES }, formVersion: 1 }, v);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: "FORM_VERSION_CHANGED",
      message: "Le questionnaire de ce mois est passé à la version 2 : rechargez la page, vos saisies seront reprises.",
    });
    expect(await stored("86", LAST_MONTH)).toEqual(before);
    const retired = await put("a86", "86", LAST_MONTH, { values: { ...V1_VALUES } }, v);
    expect(retired.statusCode).toBe(422);
    expect(retired.json().errors).toEqual([{ field: "agreementsOther", message: "Champ inconnu du questionnaire (version 2)." }]);
    const missing = await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/submit`, {});
    expect(missing.statusCode).toBe(422);
    expect(errorFields(missing.json())).toEqual(["trainingDays", "trainingDaysEspe"]);
    const { agreementsOther: _retired, ...kept } = V1_VALUES;
    // More training days than trainee days, with trainees: version 2's rule.
    const tooMany = await put("a86", "86", LAST_MONTH, { values: { ...kept, trainingDays: 70, trainingDaysEspe: 3 } }, v);
    expect(tooMany.statusCode, tooMany.body).toBe(200);
    const refused = await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/submit`, {});
    expect(refused.json().errors).toEqual([
      {
        field: "trainingDays",
        message: "Les jours de formation ne peuvent pas dépasser le total des journées stagiaires quand il y a des stagiaires.",
      },
    ]);
    const fixed = await put("a86", "86", LAST_MONTH, { values: { ...kept, ...V2_EXTRA } }, tooMany.json().version);
    expect(fixed.json()).toMatchObject({ formVersion: 2, values: V2_EXTRA, notes: { trainees: "dont 8 néo-titulaires" } });
    const submitted = await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await req("dtAlpc", "POST", `/api/reports/86/${LAST_MONTH}/validate`)).json()).toMatchObject({ status: "validated" });
  });

  it("moves a returned report too: its return comment stays, the justification of a retired field goes", async () => {
    const returned = await req("dtNormandie", "POST", `/api/reports/14/${LAST_MONTH}/return`, { comment: "Précisez le salon." });
    expect(returned.statusCode).toBe(200);
    // The note stays with the report through submission and return.
    expect(returned.json()).toMatchObject({ status: "returned", notes: { trainers: "dont 2 à mi-temps" } });
    const seen = await read("a14", "14", LAST_MONTH);
    expect(seen.formUpgrade).toMatchObject({ version: 2, retired: [{ code: "agreementsOther", value: 50 }] });
    const res = await move("a14", "14", LAST_MONTH, 2, seen.version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: "returned",
      formVersion: 2,
      returnComment: "Précisez le salon.",
      returnEvent: { action: "return", actor: "Personne dtNormandie" },
      justifications: { beneficiariesByPublic: "30 visiteurs sans public identifié." },
      notes: { trainers: "dont 2 à mi-temps" },
    });
    expect(res.json().justifications).not.toHaveProperty("unusualFigure:agreementsOther");
    expect(res.json().history).toBeUndefined();
  });
});

describe("reading across versions", () => {
  it("compares a version 2 month with the fields each past month has: a median only from the months that have the field", async () => {
    const report = await read("a86", "86", THIS_MONTH);
    // Validated before: two months of version 1 (no training days) and last month of version 2.
    expect(report.reference.medians).toMatchObject({ trainingDays: 12, trainees: 120 });
    expect(report.reference.medians).not.toHaveProperty("agreementsOther");
    expect(report.reference.previousMonth).toMatchObject({ trainingDays: 12 });
  });

  it("exports a version 2 report with its new fields and nothing under the retired one", async () => {
    const res = await req("national", "GET", `/api/exports/reports.csv?year=${LAST_MONTH.slice(0, 4)}&headers=codes`);
    const row = parseFrenchCsv(res.body).find((r) => r.atelierCode === "86" && r.period === LAST_MONTH);
    expect(row).toMatchObject({
      formVersion: "2",
      trainingDays: "12",
      trainingDaysEspe: "3",
      agreementsOther: "",
      notes: "trainees : dont 8 néo-titulaires",
    });
  });
});

describe("notes on figures", () => {
  it("are saved with the draft, answered, shown and listed in the history as note:<code>", async () => {
    const note = "dont 4 jours pour le plan académique numérique";
    const created = await put("a86", "86", THIS_MONTH, {
      values: { trainingDays: 6 },
      notes: { trainingDays: note, trainees: "  " },
      formVersion: 2,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ formVersion: 2, notes: { trainingDays: note } });
    expect(created.json().notes).not.toHaveProperty("trainees");
    const report = await read("dtAlpc", "86", THIS_MONTH);
    expect(report.notes).toEqual({ trainingDays: note });
    expect(report.history[0].changes).toEqual(
      expect.arrayContaining([
        { field: "trainingDays", from: null, to: 6 },
        { field: "note:trainingDays", from: null, to: note },
      ]),
    );
  });

  it("make a save of their own when only they change, stay when absent, and go when emptied", async () => {
    const v = (await read("a86", "86", THIS_MONTH)).version;
    const changed = await put("a86", "86", THIS_MONTH, { values: { trainingDays: 6 }, notes: { trainingDays: "dont 4 jours PAN" } }, v);
    expect(changed.json()).toMatchObject({ version: v + 1, notes: { trainingDays: "dont 4 jours PAN" } });
    const absent = await put("a86", "86", THIS_MONTH, { values: { trainingDays: 7 } }, v + 1);
    expect(absent.json()).toMatchObject({ version: v + 2, values: { trainingDays: 7 }, notes: { trainingDays: "dont 4 jours PAN" } });
    const emptied = await put("a86", "86", THIS_MONTH, { values: { trainingDays: 7 }, notes: { trainingDays: "" } }, v + 2);
    expect(emptied.json()).toMatchObject({ version: v + 3, notes: {} });
    // Each save is its own event, with its note as a remark ("" for the note removed)...
    const [row] = await t.db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.atelierCode, "86"), eq(reports.period, THIS_MONTH)));
    const events = await t.db
      .select({ changes: reportEvents.changes, remarks: reportEvents.remarks })
      .from(reportEvents)
      .where(eq(reportEvents.reportId, row?.id ?? 0))
      .orderBy(reportEvents.id);
    expect(events.at(-3)?.changes).toEqual([
      { field: "note:trainingDays", from: "dont 4 jours pour le plan académique numérique", to: "dont 4 jours PAN" },
    ]);
    expect(events.at(-3)?.remarks).toEqual([{ kind: "note", field: "trainingDays", label: expect.any(String), text: "dont 4 jours PAN" }]);
    expect(events.at(-2)).toEqual({ changes: [{ field: "trainingDays", from: 6, to: 7 }], remarks: [] });
    expect(events.at(-1)?.changes).toEqual([{ field: "note:trainingDays", from: "dont 4 jours PAN", to: null }]);
    expect(events.at(-1)?.remarks).toEqual([{ kind: "note", field: "trainingDays", label: expect.any(String), text: "" }]);
    // ...and the history reads the sitting as one line, from the first value to the last.
    const last = (await read("a86", "86", THIS_MONTH)).history.at(-1);
    expect(last).toMatchObject({ action: "save", saves: 3, version: v + 3 });
    expect(last.changes).toEqual([
      { field: "note:trainingDays", from: "dont 4 jours pour le plan académique numérique", to: null },
      { field: "trainingDays", from: 6, to: 7 },
    ]);
    expect(last.remarks).toEqual([{ kind: "note", field: "trainingDays", label: expect.any(String), text: "" }]);
  });

  it("are refused on a field the report's version does not have, or when too long, and nothing changes", async () => {
    const before = await stored("86", THIS_MONTH);
    const v = before.row?.version ?? 0;
    const unknown = await put(
      "a86",
      "86",
      THIS_MONTH,
      { values: { trainingDays: 8 }, notes: { agreementsOther: "retiré", inventedField: "x" } },
      v,
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([
      { field: "notes.agreementsOther", message: "Champ inconnu du questionnaire (version 2)." },
      { field: "notes.inventedField", message: "Champ inconnu du questionnaire (version 2)." },
    ]);
    const long = await put("a86", "86", THIS_MONTH, { values: { trainingDays: 8 }, notes: { trainees: "é".repeat(501) } }, v);
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([{ field: "notes.trainees", message: "500 caractères au plus pour une note." }]);
    // A note is about a figure: the form shows none beside a text, and a text field takes none.
    const onText = await put("a86", "86", THIS_MONTH, { values: { trainingDays: 8 }, notes: { highlights: "à relire" } }, v);
    expect(onText.statusCode).toBe(422);
    expect(onText.json().errors).toEqual([
      { field: "notes.highlights", message: "Une note accompagne un chiffre : ce champ n'en prend pas." },
    ]);
    expect(await stored("86", THIS_MONTH)).toEqual(before);
    const ok = await put("a86", "86", THIS_MONTH, { values: { trainingDays: 8 }, notes: { trainees: "é".repeat(500) } }, v);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().notes.trainees).toHaveLength(500);
  });
});

describe("values and notes read by code", () => {
  // The domain refuses such codes; a code that is also a member of Object.prototype must still read nothing.
  const withCode = (code: string): FormDefinition => ({
    ...FORM_V1,
    sections: FORM_V1.sections.slice(0, 1).map((s) => ({ ...s, fields: s.fields.slice(0, 1).map((f) => ({ ...f, code })) })),
  });

  it("take the map's own entries only, never Object.prototype's", () => {
    const compared = valuesOf(withCode("constructor"), { trainees: 4 });
    expect(compared).toEqual({});
    expect(Object.keys(compared ?? {})).toEqual([]);
    expect(valuesOf(withCode("toString"), { toString: 3 })).toEqual({ toString: 3 });
    expect(notesDiff({}, { constructor: "une note" })).toEqual([{ field: "note:constructor", from: null, to: "une note" }]);
    expect(notesDiff({ constructor: "une note" }, {})).toEqual([{ field: "note:constructor", from: "une note", to: null }]);
  });
});
