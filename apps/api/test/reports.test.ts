import { addMonths, formatPeriod, parisDate, periodOfDate, type ReportValues } from "@enquete/domain";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportEvents, reports } from "../src/db/schema.ts";
import { buildValues } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
const now = periodOfDate(parisDate());
const THIS_MONTH = formatPeriod(now);
const LAST_MONTH = formatPeriod(addMonths(now, -1));
const NEXT_MONTH = formatPeriod(addMonths(now, 1));

beforeAll(async () => {
  t = await createTestApp();
  const people = {
    a86: [{ role: "atelier", atelierCode: "86" }],
    a86bis: [{ role: "atelier", atelierCode: "86" }],
    a14: [{ role: "atelier", atelierCode: "14" }],
    dtAlpc: [{ role: "territory", territoryCode: "aquitaine-limousin-poitou-charentes" }],
    dtNormandie: [{ role: "territory", territoryCode: "normandie" }],
    national: [{ role: "national" }],
    viewer: [{ role: "viewer" }],
  } as const;
  Object.assign(cookie, await signInPeople(t, people));
});
afterAll(async () => await t.close());

const req = (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookie[who] ?? "", ...headers } });
const save = (who: string, atelier: string, period: string, values: ReportValues, version?: number) =>
  req(who, "PUT", `/api/reports/${atelier}/${period}`, { values }, version === undefined ? {} : { "if-match": `"${version}"` });
const countRows = async () => ({
  reports: (await t.db.select({ n: sql<number>`count(*)::int` }).from(reports))[0]?.n,
  events: (await t.db.select({ n: sql<number>`count(*)::int` }).from(reportEvents))[0]?.n,
});

describe("the questionnaire", () => {
  it("comes with the report, as data: the version it is filled with", async () => {
    const res = await req("a86", "GET", `/api/reports/86/${THIS_MONTH}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ formVersion: 1, form: { version: 1 }, formUpgrade: null, notes: {} });
    expect(res.json().form.sections.flatMap((s: { fields: unknown[] }) => s.fields)).toHaveLength(28);
  });
});

describe("saving a draft", () => {
  it("creates the report at the first save, then needs If-Match, and records every change", async () => {
    const first = await save("a86", "86", LAST_MONTH, { trainingActions: 4, traineeDaysOnSite: 12.5 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: "draft",
      version: 1,
      values: { trainingActions: 4, traineeDaysOnSite: 12.5 },
      editable: true,
    });
    // The small answer: what this save wrote and what the form needs, no history, no reference values.
    expect(Object.keys(first.json()).sort()).toEqual(
      ["atelierCode", "editable", "formVersion", "notes", "period", "savedAt", "status", "values", "version", "warnings"].sort(),
    );
    expect(new Date(first.json().savedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const noVersion = await save("a86", "86", LAST_MONTH, { trainingActions: 5 });
    expect(noVersion.statusCode).toBe(428);
    const second = await save("a86", "86", LAST_MONTH, { trainingActions: 5, traineeDaysOnSite: 12.5 }, 1);
    expect(second.json()).toMatchObject({ version: 2, values: { trainingActions: 5, traineeDaysOnSite: 12.5 } });
    const report = (await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`)).json();
    expect(report.territoryCode).toBe("aquitaine-limousin-poitou-charentes");
    expect(report).toMatchObject({ updatedBy: "Personne a86", updatedAt: second.json().savedAt });
    const history = report.history;
    expect(history.map((e: { action: string }) => e.action)).toEqual(["create", "save"]);
    expect(history[1]).toMatchObject({
      actor: "Personne a86",
      fromStatus: "draft",
      toStatus: "draft",
      version: 2,
      changes: [{ field: "trainingActions", from: 4, to: 5 }],
    });
  });

  it("answers a save that changes nothing with the version it named and the values as stored, writing nothing", async () => {
    const before = await countRows();
    const same = await save("a86", "86", LAST_MONTH, { trainingActions: 5, traineeDaysOnSite: 12.5, trainees: null }, 2);
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ version: 2, values: { trainingActions: 5, traineeDaysOnSite: 12.5 } });
    expect(same.json().values).not.toHaveProperty("trainees");
    expect(await countRows()).toEqual(before);
  });

  it("refuses a stale version with 409 and the current values, and changes nothing", async () => {
    const before = await countRows();
    const stale = await save("a86bis", "86", LAST_MONTH, { trainingActions: 99 }, 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: "VERSION_CONFLICT",
      current: { version: 2, status: "draft", values: { trainingActions: 5, traineeDaysOnSite: 12.5 }, updatedBy: "Personne a86" },
    });
    expect(await countRows()).toEqual(before);
  });

  it("refuses wrong types, negatives, three decimals, long comments and unknown fields, listing each, and changes nothing", async () => {
    const before = await countRows();
    const res = await save(
      "a86",
      "86",
      LAST_MONTH,
      {
        trainees: "douze",
        trainingActions: -1,
        traineeDaysOnSite: 1.234,
        trainers: 2.5,
        highlights: "x".repeat(2001),
        inventedField: 3,
      },
      2,
    );
    expect(res.statusCode).toBe(422);
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(["highlights", "inventedField", "traineeDaysOnSite", "trainees", "trainers", "trainingActions"]);
    expect(res.json().errors.find((e: { field: string }) => e.field === "trainingActions").message).toBe(
      "Le nombre ne peut pas être négatif.",
    );
    expect(await countRows()).toEqual(before);
    const ok = await save("a86", "86", LAST_MONTH, { highlights: "é".repeat(2000) }, 2);
    expect(ok.statusCode).toBe(200);
  });

  it("refuses a month that has not begun and one before the survey", async () => {
    const future = await save("a86", "86", NEXT_MONTH, { trainees: 1 });
    expect(future.statusCode).toBe(422);
    expect(future.json().code).toBe("PERIOD_NOT_STARTED");
    expect((await save("a86", "86", "2015-12", { trainees: 1 })).statusCode).toBe(422);
    expect((await save("a86", "86", "2026-13", { trainees: 1 })).statusCode).toBe(422);
  });

  it("keeps other ateliers' reports out of reach: 403 and nothing changed", async () => {
    const before = await countRows();
    expect((await save("a14", "86", THIS_MONTH, { trainees: 1 })).statusCode).toBe(403);
    expect((await save("national", "86", THIS_MONTH, { trainees: 1 })).statusCode).toBe(403);
    expect((await save("dtAlpc", "86", THIS_MONTH, { trainees: 1 })).statusCode).toBe(403);
    const read = await req("a14", "GET", `/api/reports/86/${LAST_MONTH}`);
    expect(read.statusCode).toBe(403);
    expect(read.body).not.toContain("trainingActions");
    expect((await req("viewer", "GET", `/api/reports/86/${LAST_MONTH}`)).statusCode).toBe(403);
    expect((await req("dtNormandie", "GET", `/api/reports/86/${LAST_MONTH}`)).statusCode).toBe(403);
    expect(await countRows()).toEqual(before);
  });
});

describe("submitting", () => {
  it("lists every missing field, broken rule and unjustified warning at once, in French", async () => {
    const draft = await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`);
    const v = draft.json().version;
    await save("a86", "86", LAST_MONTH, buildValues({ trainees: null, eventsDpe: 5, beneficiariesOther: 0 }), v);
    const res = await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/submit`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("SUBMISSION_INCOMPLETE");
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["eventsDpe", "justifications.beneficiariesByPublic", "trainees"]);
    expect((await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`)).json().status).toBe("draft");
  });

  it("submits once corrected and justified; the report is then read-only for the atelier", async () => {
    const v = (await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`)).json().version;
    const saved = await save("a86", "86", LAST_MONTH, buildValues({ beneficiariesOther: 0 }), v);
    expect(saved.json().warnings.map((w: { code: string }) => w.code)).toEqual(["beneficiariesByPublic"]);
    const res = await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/submit`, {
      justifications: { beneficiariesByPublic: "30 visiteurs sans public identifié." },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "submitted",
      editable: false,
      justifications: { beneficiariesByPublic: "30 visiteurs sans public identifié." },
    });
    const edit = await save("a86", "86", LAST_MONTH, buildValues(), res.json().version);
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toBe("Ce rapport est soumis : il n'est plus modifiable.");
    expect((await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/submit`, {})).statusCode).toBe(409);
  });

  it("goes back to the atelier when returned, with the comment shown, and can be submitted again", async () => {
    expect((await req("dtNormandie", "POST", `/api/reports/86/${LAST_MONTH}/return`, { comment: "Non." })).statusCode).toBe(403);
    expect((await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/validate`)).statusCode).toBe(403);
    const noComment = await req("dtAlpc", "POST", `/api/reports/86/${LAST_MONTH}/return`, { comment: "  " });
    expect(noComment.statusCode).toBe(422);
    const returned = await req("dtAlpc", "POST", `/api/reports/86/${LAST_MONTH}/return`, {
      comment: "Les journées à distance semblent élevées.",
    });
    expect(returned.json()).toMatchObject({ status: "returned", returnEvent: { action: "return", actor: "Personne dtAlpc" } });
    const seen = (await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`)).json();
    expect(seen).toMatchObject({ status: "returned", editable: true, returnComment: "Les journées à distance semblent élevées." });
    const fixed = await save("a86", "86", LAST_MONTH, buildValues({ traineeDaysRemote: 2 }), seen.version);
    expect(fixed.json().status).toBe("returned");
    const again = await req("a86", "POST", `/api/reports/86/${LAST_MONTH}/submit`, {});
    expect(again.json().status).toBe("submitted");
    const validated = await req("dtAlpc", "POST", `/api/reports/86/${LAST_MONTH}/validate`);
    expect(validated.json()).toMatchObject({ status: "validated", validatedAt: expect.any(String) });
    expect((await req("dtAlpc", "POST", `/api/reports/86/${LAST_MONTH}/reopen`, { reason: "x" })).statusCode).toBe(403);
    const reopened = await req("national", "POST", `/api/reports/86/${LAST_MONTH}/reopen`, { reason: "Erreur de saisie signalée." });
    expect(reopened.json()).toMatchObject({ status: "returned", returnComment: "Erreur de saisie signalée." });
    // A transition answers the report's state as it left it, without the history (GET and …/history have it).
    expect(reopened.json().history).toBeUndefined();
    expect(reopened.json()).toMatchObject({
      returnEvent: { action: "reopen", actor: "Personne national" },
      updatedBy: "Personne national",
      version: validated.json().version + 1,
    });
    const actions = (await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`)).json().history.map((e: { action: string }) => e.action);
    expect(actions.slice(-5)).toEqual(["return", "save", "submit", "validate", "reopen"]);
  });
});

describe("reading", () => {
  it("prefills the snapshot fields of a new month from the previous report and shows comparisons", async () => {
    const res = await req("a86", "GET", `/api/reports/86/${THIS_MONTH}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "not_started", version: 0, values: { trainers: 6, trainersCertified: 1 } });
    expect(res.json().reference.previousMonth).toMatchObject({ trainingActions: 10 });
  });

  it("lists a month for the caller's scope, not_started where no report exists", async () => {
    const mine = (await req("a86", "GET", `/api/reports?period=${LAST_MONTH}`)).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ atelierCode: "86", status: "returned" });
    const territory = (await req("dtAlpc", "GET", `/api/reports?period=${LAST_MONTH}`)).json();
    expect(territory.length).toBeGreaterThan(5);
    expect(territory.every((r: { territoryCode: string }) => r.territoryCode === "aquitaine-limousin-poitou-charentes")).toBe(true);
    const national = (await req("national", "GET", `/api/reports?period=${LAST_MONTH}&status=not_started`)).json();
    expect(national).toHaveLength(100);
    expect((await req("dtAlpc", "GET", `/api/reports?period=${LAST_MONTH}&territory=normandie`)).statusCode).toBe(403);
    expect((await req("viewer", "GET", `/api/reports?period=${LAST_MONTH}`)).statusCode).toBe(403);
    expect((await req("a86", "GET", "/api/reports?period=2026-1")).statusCode).toBe(422);
  });

  it("gives an atelier its months of this year and the last", async () => {
    const res = await req("a86", "GET", "/api/ateliers/86/reports");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(24);
    expect(res.json().find((r: { period: string }) => r.period === LAST_MONTH).status).toBe("returned");
    expect((await req("a14", "GET", "/api/ateliers/86/reports")).statusCode).toBe(403);
  });

  it("pages the history from the latest change, with its total, under the report's own access", async () => {
    const all = (await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`)).json().history as { version: number; action: string }[];
    expect(all.length).toBeGreaterThan(6);
    const first = await req("a86", "GET", `/api/reports/86/${LAST_MONTH}/history?page=1&pageSize=4`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ page: 1, pageSize: 4, total: all.length });
    const second = (await req("dtAlpc", "GET", `/api/reports/86/${LAST_MONTH}/history?page=2&pageSize=4`)).json();
    const paged = [...first.json().items, ...second.items] as { version: number; action: string }[];
    // Newest first: the same events as GET's (oldest first), reversed, without a gap or a repeat across pages.
    expect(paged.map((e) => e.version)).toEqual(
      [...all]
        .reverse()
        .slice(0, 8)
        .map((e) => e.version),
    );
    expect(paged[0]?.action).toBe("reopen");
    const beyond = (await req("a86", "GET", `/api/reports/86/${LAST_MONTH}/history?page=99&pageSize=4`)).json();
    expect(beyond).toMatchObject({ items: [], total: all.length });
    expect((await req("a86", "GET", `/api/reports/86/${LAST_MONTH}/history`)).json().pageSize).toBe(20);
    // Another atelier, another territory, a viewer: refused, and nothing of the history in the answer.
    for (const who of ["a14", "dtNormandie", "viewer"]) {
      const refused = await req(who, "GET", `/api/reports/86/${LAST_MONTH}/history`);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain("changes");
    }
    expect((await req("a86", "GET", `/api/reports/86/${LAST_MONTH}/history?pageSize=101`)).statusCode).toBe(422);
    expect((await req("a86", "GET", `/api/reports/86/${LAST_MONTH}/history?page=0`)).statusCode).toBe(422);
    expect((await req("a86", "GET", `/api/reports/86/2026-13/history`)).statusCode).toBe(422);
    expect((await req("national", "GET", `/api/reports/ZZ/${LAST_MONTH}/history`)).statusCode).toBe(422);
    const none = (await req("a14", "GET", `/api/reports/14/${LAST_MONTH}/history`)).json();
    expect(none).toEqual({ items: [], page: 1, pageSize: 20, total: 0 });
  });

  it("stores the values keyed by field code", async () => {
    const [row] = await t.db.select().from(reports).where(eq(reports.atelierCode, "86"));
    expect(row?.values).toMatchObject({ trainingActions: 10, traineeDaysOffSite: 20.5 });
  });
});
