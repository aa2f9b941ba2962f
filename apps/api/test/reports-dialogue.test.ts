/**
 * The conversation on a report (issue 12): the director's reply to a return,
 * each justification, comment, reason and note as what it is, in order, in
 * the report's conversation and in its history; and the history's lines, a
 * sitting's autosaves being one line.
 */
import { readFileSync } from "node:fs";
import { addMonths, formatPeriod, parisDate, periodOfDate, type ReportValues } from "@enquete/domain";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportEvents, reports } from "../src/db/schema.ts";
import { buildReport, buildValues } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
const now = periodOfDate(parisDate());
const month = (k: number) => formatPeriod(addMonths(now, k));
const DIALOGUE = month(-1);
const SITTINGS = month(-2);
const LEGACY = month(-3);
const LONG = month(-4);
const ALPC = "aquitaine-limousin-poitou-charentes";

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(
    cookie,
    await signInPeople(t, {
      a86: [{ role: "atelier", atelierCode: "86" }],
      a86bis: [{ role: "atelier", atelierCode: "86" }],
      dtAlpc: [{ role: "territory", territoryCode: ALPC }],
      national: [{ role: "national" }],
    }),
  );
});
afterAll(async () => await t.close());

const req = (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookie[who] ?? "", ...headers } });
const read = async (who: string, period: string) => (await req(who, "GET", `/api/reports/86/${period}`)).json();
/** Saves over the version the report stands at. */
async function save(who: string, period: string, values: ReportValues, notes?: Record<string, string>) {
  const { version } = await read(who, period);
  const res = await req(
    who,
    "PUT",
    `/api/reports/86/${period}`,
    { values, ...(notes ? { notes } : {}) },
    version > 0 ? { "if-match": `"${version}"` } : {},
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const counts = async () =>
  (
    await t.db.execute<{ reports: number; events: number }>(
      sql`select (select count(*)::int from reports) as reports, (select count(*)::int from report_events) as events`,
    )
  ).rows[0];
async function eventsOf(period: string) {
  const [row] = await t.db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.atelierCode, "86"), eq(reports.period, period)));
  return await t.db
    .select()
    .from(reportEvents)
    .where(eq(reportEvents.reportId, row?.id ?? 0))
    .orderBy(reportEvents.id);
}

type Entry = { kind: string; actor: string; text: string; label?: string; field?: string; at: string };

describe("the dialogue on a report", () => {
  // A warning that needs a justification: the five publics do not add up to the visitors.
  const warned = buildValues({ beneficiariesOther: 0 });
  let warning = "";

  it("refuses a reply on a report that was not returned: 422 on reply, nothing written", async () => {
    const saved = await save("a86", DIALOGUE, warned);
    warning = saved.warnings.find((w: { code: string }) => w.code === "beneficiariesByPublic")?.message;
    expect(warning).toBeTruthy();
    const before = await counts();
    const res = await req("a86", "POST", `/api/reports/86/${DIALOGUE}/submit`, {
      justifications: { beneficiariesByPublic: "30 visiteurs sans public identifié." },
      reply: "Voici ma réponse.",
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: "reply", message: "Ce rapport n'a pas été renvoyé : il n'y a pas de commentaire auquel répondre." },
    ]);
    expect(await counts()).toEqual(before);
    expect((await read("a86", DIALOGUE)).status).toBe("draft");
  });

  it("records each justification under its warning's message, never as a comment; an empty reply is no reply", async () => {
    const res = await req("a86", "POST", `/api/reports/86/${DIALOGUE}/submit`, {
      justifications: { beneficiariesByPublic: "30 visiteurs sans public identifié." },
      reply: "   ",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().conversation).toEqual([
      {
        at: expect.any(String),
        actor: "Personne a86",
        kind: "justification",
        field: "beneficiariesByPublic",
        label: warning,
        text: "30 visiteurs sans public identifié.",
      },
    ]);
    const submit = (await eventsOf(DIALOGUE)).at(-1);
    expect(submit).toMatchObject({ action: "submit", comment: null });
    expect(submit?.remarks).toEqual([
      { kind: "justification", field: "beneficiariesByPublic", label: warning, text: "30 visiteurs sans public identifié." },
    ]);
    const line = (await read("dtAlpc", DIALOGUE)).history.at(-1);
    expect(line).toMatchObject({ action: "submit", comment: null, saves: 1, until: null, remarks: submit?.remarks });
  });

  it("return, reply on resubmitting, validate, reopen: every remark in order, with who and when, in the conversation and the history", async () => {
    const returned = await req("dtAlpc", "POST", `/api/reports/86/${DIALOGUE}/return`, {
      comment: "Les journées à distance semblent élevées.",
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().conversation.map((e: Entry) => e.kind)).toEqual(["justification", "return_comment"]);
    await save("a86", DIALOGUE, { ...warned, traineeDaysRemote: 2 });
    const resubmitted = await req("a86", "POST", `/api/reports/86/${DIALOGUE}/submit`, {
      justifications: { beneficiariesByPublic: "Toujours 30 visiteurs sans public identifié." },
      reply: "  Corrigé : 2 journées, et non 5.  ",
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    const validated = await req("dtAlpc", "POST", `/api/reports/86/${DIALOGUE}/validate`);
    expect(validated.statusCode).toBe(200);
    const reopened = await req("national", "POST", `/api/reports/86/${DIALOGUE}/reopen`, { reason: "Erreur signalée par l'atelier." });
    expect(reopened.statusCode).toBe(200);
    const expected = [
      { kind: "justification", actor: "Personne a86", text: "30 visiteurs sans public identifié.", label: warning },
      { kind: "return_comment", actor: "Personne dtAlpc", text: "Les journées à distance semblent élevées." },
      { kind: "reply", actor: "Personne a86", text: "Corrigé : 2 journées, et non 5." },
      { kind: "justification", actor: "Personne a86", text: "Toujours 30 visiteurs sans public identifié.", label: warning },
      { kind: "reopen_reason", actor: "Personne national", text: "Erreur signalée par l'atelier." },
    ];
    const shape = (c: Entry[]) => c.map(({ kind, actor, text, label }) => ({ kind, actor, text, ...(label ? { label } : {}) }));
    // The transition's answer and the reviewer's reading say the same, oldest first.
    expect(shape(reopened.json().conversation)).toEqual(expected);
    const report = await read("dtAlpc", DIALOGUE);
    expect(shape(report.conversation)).toEqual(expected);
    const times = report.conversation.map((e: Entry) => e.at);
    expect([...times].sort()).toEqual(times);
    // The reply came with the resubmission: it carries that event's time.
    const history = report.history as { action: string; at: string; remarks: { kind: string; text: string }[]; comment: string | null }[];
    const resubmission = history.filter((e) => e.action === "submit").at(-1);
    expect(resubmission?.remarks.map((r) => r.kind)).toEqual(["reply", "justification"]);
    expect(report.conversation[2].at).toBe(resubmission?.at);
    expect(history.find((e) => e.action === "return")).toMatchObject({
      comment: "Les journées à distance semblent élevées.",
      remarks: [{ kind: "return_comment", text: "Les journées à distance semblent élevées." }],
    });
    expect(history.at(-1)).toMatchObject({
      action: "reopen",
      comment: "Erreur signalée par l'atelier.",
      remarks: [{ kind: "reopen_reason", text: "Erreur signalée par l'atelier." }],
    });
    expect(history.find((e) => e.action === "validate")?.remarks).toEqual([]);
    // A reopened report is returned: the director may answer the reason.
    const answered = await req("a86", "POST", `/api/reports/86/${DIALOGUE}/submit`, {
      justifications: { beneficiariesByPublic: "Idem." },
      reply: "Vérifié avec l'équipe.",
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(
      answered
        .json()
        .conversation.slice(-2)
        .map((e: Entry) => [e.kind, e.text]),
    ).toEqual([
      ["reply", "Vérifié avec l'équipe."],
      ["justification", "Idem."],
    ]);
  });

  it("keeps each note saved as a note on its field, with the field's label, and says when one is removed", async () => {
    const { form } = await read("a86", SITTINGS);
    const label = form.sections
      .flatMap((s: { fields: { code: string; label: string }[] }) => s.fields)
      .find((f: { code: string }) => f.code === "trainees").label;
    await save("a86", SITTINGS, buildValues(), { trainees: "dont 8 néo-titulaires" });
    const created = (await eventsOf(SITTINGS)).at(-1);
    expect(created?.remarks).toEqual([{ kind: "note", field: "trainees", label, text: "dont 8 néo-titulaires" }]);
    await save("a86bis", SITTINGS, buildValues(), {});
    const removed = (await eventsOf(SITTINGS)).at(-1);
    expect(removed?.remarks).toEqual([{ kind: "note", field: "trainees", label, text: "" }]);
    const history = (await read("a86", SITTINGS)).history;
    expect(history.at(-1)).toMatchObject({ action: "save", remarks: [{ kind: "note", field: "trainees", label, text: "" }] });
    // Notes are read as they stand (`notes`), not in the conversation.
    expect((await read("a86", SITTINGS)).conversation).toEqual([]);
  });
});

describe("the history's lines", () => {
  it("makes one line of a sitting's autosaves; a gap of 31 minutes, another person, or a decision starts another; pages count lines", async () => {
    const start = (await read("a86", SITTINGS)).history.length;
    // Five saves by one person, seconds apart; trainees changed and changed back.
    const base = buildValues({ trainingActions: 1 });
    await save("a86", SITTINGS, base);
    await save("a86", SITTINGS, { ...base, trainingActions: 2, trainees: 121 });
    await save("a86", SITTINGS, { ...base, trainingActions: 3, trainees: 120 });
    await save("a86", SITTINGS, { ...base, trainingActions: 4 });
    await save("a86", SITTINGS, { ...base, trainingActions: 5 });
    let history = (await read("a86", SITTINGS)).history;
    expect(history).toHaveLength(start + 1);
    const sitting = history.at(-1);
    expect(sitting).toMatchObject({ action: "save", saves: 5, actor: "Personne a86", comment: null });
    expect(sitting.changes).toEqual([{ field: "trainingActions", from: 10, to: 5 }]);
    expect(sitting.until > sitting.at).toBe(true);
    // The sitting ended 31 minutes ago: the next save is a line of its own.
    const [row] = await t.db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.atelierCode, "86"), eq(reports.period, SITTINGS)));
    await t.db.execute(sql`update report_events set at = at - interval '31 minutes' where report_id = ${row?.id ?? 0}`);
    await save("a86", SITTINGS, { ...base, trainingActions: 6 });
    // Another person: another line, even a moment later; their second save joins it.
    await save("a86bis", SITTINGS, { ...base, trainingActions: 7 });
    await save("a86bis", SITTINGS, { ...base, trainingActions: 8 });
    // A submission and a return between two saves of the same person: three more lines.
    expect((await req("a86bis", "POST", `/api/reports/86/${SITTINGS}/submit`, {})).statusCode).toBe(200);
    expect((await req("dtAlpc", "POST", `/api/reports/86/${SITTINGS}/return`, { comment: "À revoir." })).statusCode).toBe(200);
    await save("a86bis", SITTINGS, { ...base, trainingActions: 9 });
    history = (await read("a86", SITTINGS)).history;
    const tail = history.slice(start).map((e: { action: string; saves: number; actor: string }) => [e.action, e.saves, e.actor]);
    expect(tail).toEqual([
      ["save", 5, "Personne a86"],
      ["save", 1, "Personne a86"],
      ["save", 2, "Personne a86bis"],
      ["submit", 1, "Personne a86bis"],
      ["return", 1, "Personne dtAlpc"],
      ["save", 1, "Personne a86bis"],
    ]);
    expect(history.at(-4).changes).toEqual([{ field: "trainingActions", from: 6, to: 8 }]);
    expect(history.at(-1)).toMatchObject({ saves: 1, until: null });
    // Pages count and cut lines, not events: the same lines, the latest first, without a gap or a repeat.
    const events = (await eventsOf(SITTINGS)).length;
    expect(events).toBeGreaterThan(history.length);
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      const res = await req("dtAlpc", "GET", `/api/reports/86/${SITTINGS}/history?page=${page}&pageSize=3`);
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(history.length);
      pages.push(...res.json().items);
    }
    expect(pages).toEqual([...history].reverse());
    // A script that replays the history asks for every event, each save with its own values.
    const each = (await req("dtAlpc", "GET", `/api/reports/86/${SITTINGS}/history?pageSize=100&group=none`)).json();
    expect(each.total).toBe(events);
    expect(each.items.every((e: { saves: number; until: string | null }) => e.saves === 1 && e.until === null)).toBe(true);
    // The third save of the sitting, as it was: trainees put back, which the sitting's line no longer shows.
    const third = each.items.find((e: { version: number }) => e.version === sitting.version - 2);
    expect([...third.changes].sort((a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field))).toEqual([
      { field: "trainees", from: 121, to: 120 },
      { field: "trainingActions", from: 2, to: 3 },
    ]);
    const refused = await req("dtAlpc", "GET", `/api/reports/86/${SITTINGS}/history?group=tout`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: "group", message: "Regroupement attendu : sittings ou none." });
  });

  it("reads a report of 2,000 autosaves quickly, by lines", async () => {
    const report = await buildReport(t.db, { atelierCode: "86", territoryCode: ALPC, period: LONG, status: "draft" });
    // Created before them: 2,000 saves a minute apart, with a pause of 45 minutes every 40, are 50 sittings.
    await t.db.execute(sql`update report_events set at = now() - interval '6 days' where report_id = ${report.id}`);
    await t.db.execute(sql`insert into report_events (report_id, at, actor_label, action, from_status, to_status, version, changes)
      select ${report.id}, now() - interval '5 days' + g * interval '1 minute' + (g / 40) * interval '45 minutes', 'Personne a86', 'save',
        'draft', 'draft', g + 1, jsonb_build_array(jsonb_build_object('field', 'trainees', 'from', g, 'to', g + 1))
      from generate_series(0, 1999) g`);
    const started = performance.now();
    const page = await req("a86", "GET", `/api/reports/86/${LONG}/history?page=2&pageSize=20`);
    const pageTime = performance.now() - started;
    expect(page.json()).toMatchObject({ total: 51, page: 2 });
    expect(page.json().items).toHaveLength(20);
    expect(page.json().items[0]).toMatchObject({ saves: 40, changes: [{ field: "trainees", from: 1160, to: 1200 }] });
    const whole = performance.now();
    const all = await read("a86", LONG);
    const wholeTime = performance.now() - whole;
    expect(all.history).toHaveLength(51);
    expect(all.history.slice(1).reduce((n: number, e: { saves: number }) => n + e.saves, 0)).toBe(2000);
    // Loose budgets (a shared machine): the page reads the lines in SQL, not 2,000 events in JavaScript.
    expect(pageTime).toBeLessThan(1500);
    expect(wholeTime).toBeLessThan(3000);
  });
});

describe("events written before the remarks", () => {
  it("are filled by the migration's backfill, and read the same way before it", async () => {
    const report = await buildReport(t.db, { atelierCode: "86", territoryCode: ALPC, period: LEGACY, status: "returned" });
    const old = (action: string, comment: string | null, changes: unknown[] = []) => ({
      reportId: report.id,
      actorLabel: `Ancien ${action}`,
      action,
      toStatus: "returned" as const,
      version: 1,
      comment,
      changes: changes as never,
    });
    await t.db.insert(reportEvents).values([
      old("save", null, [
        { field: "trainees", from: 1, to: 2 },
        { field: "note:trainees", from: null, to: "dont 2 néo-titulaires" },
      ]),
      old("submit", "Écart expliqué · Pic de fréquentation"),
      old("return", "Merci de vérifier."),
      old("reopen", "Chiffres à reprendre."),
      old("move", "Rattaché à la direction territoriale Normandie."),
    ]);
    const expected = [
      [{ kind: "note", field: "trainees", text: "dont 2 néo-titulaires" }],
      [{ kind: "justification", text: "Écart expliqué · Pic de fréquentation" }],
      [{ kind: "return_comment", text: "Merci de vérifier." }],
      [{ kind: "reopen_reason", text: "Chiffres à reprendre." }],
      [],
    ];
    // Before the backfill (the demo history writes its returns so): the reads derive the comments' remarks.
    const before = await read("national", LEGACY);
    expect(before.conversation.map((e: Entry) => [e.kind, e.text])).toEqual([
      ["justification", "Écart expliqué · Pic de fréquentation"],
      ["return_comment", "Merci de vérifier."],
      ["reopen_reason", "Chiffres à reprendre."],
    ]);
    expect(before.history.find((e: { action: string }) => e.action === "return").remarks).toEqual(expected[2]);
    // The migration's own statement, run on these rows.
    const migration = readFileSync(new URL("../../../migrations/0014_report_event_remarks.sql", import.meta.url), "utf8");
    const update = migration
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .find((s) => s.startsWith("UPDATE report_events"));
    expect(update).toBeDefined();
    await t.db.execute(sql.raw(update as string));
    const rows = (await eventsOf(LEGACY)).slice(1);
    expect(rows.map((r) => r.remarks)).toEqual(expected);
    // The note filled, the history names its field by the report's questionnaire.
    const note = (await read("national", LEGACY)).history.find((e: { actor: string }) => e.actor === "Ancien save");
    expect(note.remarks).toEqual([{ ...expected[0]?.[0], label: "Stagiaires formés (personnes)" }]);
    // Already-typed remarks are left alone by a second run.
    await t.db.execute(sql.raw(update as string));
    expect((await eventsOf(LEGACY)).slice(1).map((r) => r.remarks)).toEqual(expected);
  });
});
