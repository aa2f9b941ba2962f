/**
 * The month's rhythm (domain page, section 4) through the API: drafts from
 * the 1st, submission once the month is over (from its last day, in Paris),
 * due on the due day, lateness by the first submission; nothing for a month
 * the atelier is not open; the territory's queue of every waiting month; the
 * reminder days. "Today" is set with a fake clock (Date only: PostgreSQL and
 * the timers keep the real time).
 */
import type { ReportValues } from "@enquete/domain";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ateliers, outbox, reports } from "../src/db/schema.ts";
import { queueReminders } from "../src/jobs/reminders.ts";
import { buildReport, buildValues } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: Record<string, string> = {};
const ALPC = "aquitaine-limousin-poitou-charentes";

beforeAll(async () => {
  t = await createTestApp();
  cookie = await signInPeople(t, {
    a86: [{ role: "atelier", atelierCode: "86" }],
    a17: [{ role: "atelier", atelierCode: "17" }],
    a50: [{ role: "atelier", atelierCode: "50" }],
    dtAlpc: [{ role: "territory", territoryCode: ALPC }],
    dtNormandie: [{ role: "territory", territoryCode: "normandie" }],
    national: [{ role: "national" }],
    a16: [{ role: "atelier", atelierCode: "16" }],
  });
});
afterAll(async () => await t.close());
afterEach(() => {
  vi.useRealTimers();
});

/** Paris time: 11:00 in winter is 10:00 UTC, 12:00 in summer too; noon avoids any doubt about the day. */
const setToday = (day: string, time = "11:00:00Z") => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${day}T${time}`));
};

const req = (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookie[who] ?? "", ...headers } });
const save = (who: string, atelier: string, period: string, values: ReportValues, version?: number) =>
  req(who, "PUT", `/api/reports/${atelier}/${period}`, { values }, version === undefined ? {} : { "if-match": `"${version}"` });
const submit = (who: string, atelier: string, period: string) => req(who, "POST", `/api/reports/${atelier}/${period}/submit`, {});
const statusOf = async (atelier: string, period: string) =>
  (
    await t.db
      .select({ status: reports.status })
      .from(reports)
      .where(sql`${reports.atelierCode} = ${atelier} and ${reports.period} = ${period}`)
  )[0]?.status;

describe("submitting once the month is over", () => {
  it("saves a draft from the 1st, refuses the submission the day before the last day, accepts it on the last day", async () => {
    setToday("2027-01-01");
    expect((await save("a86", "86", "2027-01", buildValues())).statusCode).toBe(200);
    setToday("2027-01-30");
    const early = await submit("a86", "86", "2027-01");
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: "MONTH_NOT_OVER", errors: [{ field: "period" }] });
    expect(early.json().message).toContain("pourra être soumis à partir du 31 janvier 2027");
    expect(await statusOf("86", "2027-01")).toBe("draft");
    // What the form reads: still editable, submittable from the last day.
    const read = (await req("a86", "GET", "/api/reports/86/2027-01")).json();
    expect(read).toMatchObject({ editable: true, submittableFrom: "2027-01-31", expected: false, open: true });
    setToday("2027-01-31");
    const onTime = await submit("a86", "86", "2027-01");
    expect(onTime.statusCode).toBe(200);
    expect(onTime.json()).toMatchObject({ status: "submitted", late: false, expected: true, timeliness: { kind: "on_time" } });
  });

  it("counts the last day in Paris: 23:30 UTC on 30 January is already the 31st", async () => {
    setToday("2027-01-01");
    expect((await save("a17", "17", "2027-01", buildValues())).statusCode).toBe(200);
    setToday("2027-01-30", "22:30:00Z");
    expect((await submit("a17", "17", "2027-01")).statusCode).toBe(422);
    setToday("2027-01-30", "23:30:00Z");
    expect((await submit("a17", "17", "2027-01")).statusCode).toBe(200);
  });

  it("ends February on the 29th in a leap year, on the 28th otherwise", async () => {
    setToday("2028-02-03");
    expect((await save("a86", "86", "2028-02", buildValues())).statusCode).toBe(200);
    setToday("2028-02-28");
    expect((await submit("a86", "86", "2028-02")).json().message).toContain("29 février 2028");
    setToday("2028-02-29");
    expect((await submit("a86", "86", "2028-02")).statusCode).toBe(200);
    setToday("2027-02-27");
    expect((await save("a86", "86", "2027-02", buildValues())).statusCode).toBe(200);
    expect((await submit("a86", "86", "2027-02")).json().code).toBe("MONTH_NOT_OVER");
    setToday("2027-02-28");
    expect((await submit("a86", "86", "2027-02")).statusCode).toBe(200);
  });

  it("refuses a month that has not started, to save as to submit, and writes nothing", async () => {
    setToday("2027-03-31");
    const saved = await save("a86", "86", "2027-04", buildValues());
    expect(saved.statusCode).toBe(422);
    expect(saved.json().code).toBe("PERIOD_NOT_STARTED");
    expect((await submit("a86", "86", "2027-04")).json().code).toBe("PERIOD_NOT_STARTED");
    expect(await statusOf("86", "2027-04")).toBeUndefined();
  });
});

describe("months the atelier is not open", () => {
  beforeAll(async () => {
    // Atelier 16 opened in March 2026 and closes from October 2026 (its first closed month).
    await t.db.update(ateliers).set({ openedOn: "2026-03-01", closedOn: "2026-10-01" }).where(eq(ateliers.code, "16"));
    await buildReport(t.db, { atelierCode: "16", territoryCode: ALPC, period: "2026-10", status: "draft" });
  });

  it("refuses a report before the opening month and from the closing month, with a French reason; accepts the months between", async () => {
    setToday("2026-12-05");
    const before = await save("a16", "16", "2026-02", buildValues());
    expect(before.statusCode).toBe(422);
    expect(before.json()).toMatchObject({ code: "ATELIER_NOT_OPEN" });
    expect(before.json().message).toBe(
      "L'atelier n'était pas encore ouvert en février 2026 (il est ouvert à partir de mars 2026) : aucun rapport n'est attendu pour ce mois.",
    );
    const after = await save("a16", "16", "2026-11", buildValues());
    expect(after.json()).toMatchObject({ code: "ATELIER_NOT_OPEN" });
    expect(after.json().message).toContain("fermé depuis octobre 2026");
    // A draft left in the closing month can be neither saved nor submitted.
    expect((await save("a16", "16", "2026-10", buildValues(), 1)).json().code).toBe("ATELIER_NOT_OPEN");
    expect((await submit("a16", "16", "2026-10")).json().code).toBe("ATELIER_NOT_OPEN");
    expect(await statusOf("16", "2026-02")).toBeUndefined();
    expect(await statusOf("16", "2026-10")).toBe("draft");
    expect((await save("a16", "16", "2026-09", buildValues())).statusCode).toBe(200);
    expect((await submit("a16", "16", "2026-09")).statusCode).toBe(200);
  });

  it("does not list them as missing: the months row says not open, not expected", async () => {
    setToday("2026-12-05");
    const rows = (await req("a16", "GET", "/api/ateliers/16/reports?from=2026-01&to=2026-12")).json() as {
      period: string;
      open: boolean;
      expected: boolean;
      late: boolean;
      timeliness: { kind: string };
    }[];
    const of = (period: string) => rows.find((r) => r.period === period);
    expect(of("2026-02")).toMatchObject({ open: false, expected: false, late: false, timeliness: { kind: "not_expected" } });
    expect(of("2026-03")).toMatchObject({ open: true, expected: true, late: true, timeliness: { kind: "overdue" } });
    expect(of("2026-11")).toMatchObject({ open: false, expected: false, late: false, timeliness: { kind: "not_expected" } });
    // The report left in its closing month is still listed as it stands (not hidden), but expected of nobody.
    expect(of("2026-10")).toMatchObject({
      status: "draft",
      open: false,
      expected: false,
      late: false,
      timeliness: { kind: "not_expected" },
    });
    expect((await req("a16", "GET", "/api/reports/16/2026-02")).json()).toMatchObject({ late: false, editable: false, expected: false });
    expect(rows.filter((r) => r.expected).map((r) => r.period)).toEqual([
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
    ]);
    // The month's list of the territory leaves out an atelier not open that month (and without a report of it).
    const feb = (await req("dtAlpc", "GET", "/api/reports?period=2026-02")).json() as { atelierCode: string }[];
    expect(feb.map((r) => r.atelierCode)).not.toContain("16");
    expect(feb.map((r) => r.atelierCode)).toContain("86");
  });
});

describe("lateness by the first submission", () => {
  it("keeps a returned report resubmitted after the due date on time, and says the deadline is past", async () => {
    setToday("2027-03-02");
    const draft = await save("a50", "50", "2027-03", buildValues());
    expect(draft.statusCode).toBe(200);
    setToday("2027-04-08");
    expect((await submit("a50", "50", "2027-03")).json()).toMatchObject({ late: false, timeliness: { kind: "on_time" } });
    setToday("2027-04-09");
    const returned = await req("dtNormandie", "POST", "/api/reports/50/2027-03/return", { comment: "Les effectifs manquent." });
    expect(returned.json()).toMatchObject({ status: "returned", late: false, returnedAt: expect.any(String) });
    // Seven weeks after the due date (10 April): still not late, and not "in time" either.
    setToday("2027-05-29");
    const seen = (await req("a50", "GET", "/api/reports/50/2027-03")).json();
    expect(seen).toMatchObject({ status: "returned", late: false, timeliness: { kind: "returned_overdue" } });
    expect(seen.timeliness.label).toMatch(/^Renvoyé le .+, échéance dépassée \(soumis à temps le 8 avril\)$/);
    const row = (await req("a50", "GET", "/api/ateliers/50/reports?from=2027-03&to=2027-03")).json()[0];
    expect(row).toMatchObject({ late: false, timeliness: seen.timeliness, firstSubmittedAt: expect.stringMatching(/^2027-04-08/) });
    const again = await submit("a50", "50", "2027-03");
    expect(again.json()).toMatchObject({
      status: "submitted",
      late: false,
      timeliness: { kind: "on_time", label: "Soumis à temps le 8 avril (soumis à nouveau le 29 mai)" },
    });
  });

  it("keeps a report first submitted late, late, even once corrected", async () => {
    setToday("2027-03-02");
    expect((await save("a17", "17", "2027-03", buildValues())).statusCode).toBe(200);
    setToday("2027-04-11");
    expect((await submit("a17", "17", "2027-03")).json()).toMatchObject({
      late: true,
      timeliness: { kind: "submitted_late", label: "Soumis en retard le 11 avril" },
    });
    await req("dtAlpc", "POST", "/api/reports/17/2027-03/return", { comment: "À revoir." });
    setToday("2027-04-12");
    expect((await req("a17", "GET", "/api/reports/17/2027-03")).json()).toMatchObject({
      late: true,
      timeliness: { kind: "returned_late" },
    });
  });

  it("says by when before the due date, and late after it, for a report not sent", async () => {
    setToday("2027-05-10");
    const due = (await req("a86", "GET", "/api/reports/86/2027-04")).json();
    expect(due).toMatchObject({ late: false, timeliness: { kind: "due", label: "À rendre au plus tard le 10 mai" } });
    setToday("2027-05-11");
    expect((await req("a86", "GET", "/api/reports/86/2027-04")).json()).toMatchObject({
      late: true,
      timeliness: { kind: "overdue", label: "En retard (dû le 10 mai)" },
    });
  });
});

describe("the queue of every waiting month", () => {
  type Queue = { total: number; months: { period: string; count: number }[]; rows: { atelierCode: string; period: string }[] };
  beforeAll(async () => {
    const submitted = (atelierCode: string, territoryCode: string, period: string) =>
      buildReport(t.db, { atelierCode, territoryCode, period, status: "submitted", submittedOn: `${period}-28` });
    await submitted("33", ALPC, "2025-09");
    await submitted("24", ALPC, "2025-07");
    await submitted("40", ALPC, "2025-08");
    await submitted("47", ALPC, "2025-07");
    await buildReport(t.db, { atelierCode: "64", territoryCode: ALPC, period: "2025-08", status: "validated", submittedOn: "2025-09-02" });
    await submitted("14", "normandie", "2025-08");
    // A report of atelier 79 that belongs to Normandie (the atelier was Normandie's that month): Normandie reviews it.
    await submitted("79", "normandie", "2025-07");
  });

  const queue = async (who: string, query = "") => {
    const res = await req(who, "GET", `/api/review-queue${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as Queue;
  };

  it("lists every report waiting in the territory, all months together, oldest first, with the total", async () => {
    setToday("2026-12-05");
    const alpc = await queue("dtAlpc");
    const mine = alpc.rows.filter((r) => r.period < "2026-01");
    expect(mine.map((r) => `${r.period}:${r.atelierCode}`)).toEqual(["2025-07:24", "2025-07:47", "2025-08:40", "2025-09:33"]);
    expect(alpc.rows.map((r) => r.period)).toEqual([...alpc.rows.map((r) => r.period)].sort());
    const submittedInAlpc = await t.db.$count(reports, sql`${reports.status} = 'submitted' and ${reports.territoryCode} = ${ALPC}`);
    expect(alpc.total).toBe(submittedInAlpc);
    expect(alpc.rows).toHaveLength(alpc.total);
    expect(alpc.months.filter((m) => m.period < "2026-01")).toEqual([
      { period: "2025-07", count: 2 },
      { period: "2025-08", count: 1 },
      { period: "2025-09", count: 1 },
    ]);
  });

  it("filters by month without changing the total", async () => {
    setToday("2026-12-05");
    const all = await queue("dtAlpc");
    const july = await queue("dtAlpc", "?period=2025-07");
    expect(july.rows.map((r) => r.atelierCode)).toEqual(["24", "47"]);
    expect(july.total).toBe(all.total);
    expect((await req("dtAlpc", "GET", "/api/review-queue?period=2025-13")).statusCode).toBe(422);
  });

  it("is scoped by the report's territory: Normandie has 79's report, not its other months; national has all", async () => {
    setToday("2026-12-05");
    const normandie = await queue("dtNormandie");
    expect(normandie.rows.filter((r) => r.period < "2026-01").map((r) => `${r.period}:${r.atelierCode}`)).toEqual([
      "2025-07:79",
      "2025-08:14",
    ]);
    expect((await queue("dtAlpc")).rows.some((r) => r.atelierCode === "79" && r.period === "2025-07")).toBe(false);
    const national = await queue("national");
    expect(national.total).toBe(await t.db.$count(reports, eq(reports.status, "submitted")));
    expect((await queue("national", `?territory=normandie`)).total).toBe(normandie.total);
    expect((await req("dtAlpc", "GET", "/api/review-queue?territory=normandie")).statusCode).toBe(403);
    expect((await req("a86", "GET", "/api/review-queue")).statusCode).toBe(403);
  });

  it("validates reports of several months at once, refusing those out of the caller's territory", async () => {
    setToday("2026-12-05");
    const before = await queue("dtAlpc");
    const res = await req("dtAlpc", "POST", "/api/review-queue/validate", {
      items: [
        { atelierCode: "33", period: "2025-09" },
        { atelierCode: "24", period: "2025-07" },
        { atelierCode: "14", period: "2025-08" },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().validated).toEqual([
      { atelierCode: "24", period: "2025-07" },
      { atelierCode: "33", period: "2025-09" },
    ]);
    expect(res.json().refused).toMatchObject([{ atelierCode: "14", period: "2025-08", code: "FORBIDDEN" }]);
    expect(await statusOf("14", "2025-08")).toBe("submitted");
    expect(await statusOf("33", "2025-09")).toBe("validated");
    expect((await queue("dtAlpc")).total).toBe(before.total - 2);
    expect((await req("dtAlpc", "POST", "/api/review-queue/validate", { items: [] })).statusCode).toBe(422);
  });
});

describe("the reminder days", () => {
  it("refuses values out of range, a reminder before the month is over, and anyone but the national team", async () => {
    const put = (who: string, body: unknown) => req(who, "PUT", "/api/settings/reminders", body);
    for (const body of [
      { daysBefore: 0, daysAfter: 1 },
      { daysBefore: 3, daysAfter: 16 },
      { daysBefore: 2.5, daysAfter: 1 },
      { daysBefore: "3", daysAfter: 1 },
      { daysAfter: 1 },
    ]) {
      const res = await put("national", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors[0].message).toMatch(/jour/);
    }
    const early = await put("national", { daysBefore: 10, daysAfter: 1 });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: "REMINDER_TOO_EARLY", errors: [{ field: "daysBefore" }] });
    expect((await put("dtAlpc", { daysBefore: 5, daysAfter: 2 })).statusCode).toBe(403);
    expect((await req("national", "GET", "/api/settings")).json()).toMatchObject({ reminderDaysBefore: 3, reminderDaysAfter: 1 });
  });

  it("sends the reminders on the configured days, and keeps the due day above the reminder", async () => {
    const saved = await req("national", "PUT", "/api/settings/reminders", { daysBefore: 5, daysAfter: 2 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ dueDay: 10, reminderDaysBefore: 5, reminderDaysAfter: 2 });
    // November 2030, due on 10 December 2030: nobody has reported it.
    for (const day of ["2030-12-04", "2030-12-06", "2030-12-07", "2030-12-11", "2030-12-13"]) {
      expect(await queueReminders(t.db, t.config, day), day).toEqual({ before: 0, after: 0 });
    }
    const before = await queueReminders(t.db, t.config, "2030-12-05");
    expect(before.before).toBeGreaterThan(0);
    expect(before.after).toBe(0);
    const [mail] = await t.db.select().from(outbox).where(sql`${outbox.dedupeKey} like 'reminder:before:86:2030-11:%'`);
    expect(mail?.body).toContain("dans cinq jours");
    const after = await queueReminders(t.db, t.config, "2030-12-12");
    expect(after).toEqual({ before: 0, after: before.before });
    // The due day cannot go under the reminder now set: 5 days before the 4th would be in the month itself.
    const due = await req("national", "PUT", "/api/settings/due-day", { dueDay: 4 });
    expect(due.statusCode).toBe(422);
    expect(due.json().code).toBe("REMINDER_TOO_EARLY");
    expect((await req("national", "GET", "/api/settings")).json().dueDay).toBe(10);
  });
});
