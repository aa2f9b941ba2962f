import { addMonths, firstMonthNotOver, formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportEvents } from "../src/db/schema.ts";
import { buildReport, buildValues } from "./factories.ts";
import { createTestApp, signInPeople } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const cookie: Record<string, string> = {};
const now = periodOfDate(parisDate());
const LAST_MONTH = formatPeriod(addMonths(now, -1));
const TWO_AGO = formatPeriod(addMonths(now, -2));
const THREE_AGO = formatPeriod(addMonths(now, -3));
const LAST_YEAR = now.year - 1;

beforeAll(async () => {
  t = await createTestApp();
  const people = {
    a86: [{ role: "atelier", atelierCode: "86" }],
    a87: [{ role: "atelier", atelierCode: "87" }],
    dtAlpc: [{ role: "territory", territoryCode: "aquitaine-limousin-poitou-charentes" }],
    dtNormandie: [{ role: "territory", territoryCode: "normandie" }],
    national: [{ role: "national" }],
    viewer: [{ role: "viewer" }],
  } as const;
  Object.assign(cookie, await signInPeople(t, people));
  // Last year: 86 validated in January (on time), 87 submitted late in January; nothing else.
  await buildReport(t.db, {
    atelierCode: "86",
    territoryCode: "aquitaine-limousin-poitou-charentes",
    period: `${LAST_YEAR}-01`,
    status: "validated",
    submittedOn: `${LAST_YEAR}-02-05`,
  });
  await buildReport(t.db, {
    atelierCode: "87",
    territoryCode: "aquitaine-limousin-poitou-charentes",
    period: `${LAST_YEAR}-01`,
    status: "submitted",
    submittedOn: `${LAST_YEAR}-02-20`,
  });
  await buildReport(t.db, { atelierCode: "14", territoryCode: "normandie", period: `${LAST_YEAR}-01`, status: "draft" });
});
afterAll(async () => await t.close());

const req = (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookie[who] ?? "" } });

describe("the campaign grid", () => {
  it("shows every atelier and month of the year with its status, and the rates of a finished year", async () => {
    const res = await req("national", "GET", `/api/campaign?year=${LAST_YEAR}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.months).toHaveLength(12);
    expect(body.territories).toHaveLength(12);
    const ateliers = body.territories.flatMap((x: { ateliers: unknown[] }) => x.ateliers);
    expect(ateliers).toHaveLength(101);
    const alpc = body.territories.find((x: { code: string }) => x.code === "aquitaine-limousin-poitou-charentes");
    const a86 = alpc.ateliers.find((a: { code: string }) => a.code === "86");
    expect(a86.cells[0]).toEqual({
      period: `${LAST_YEAR}-01`,
      status: "validated",
      notExpected: null,
      expected: true,
      late: false,
      territoryCode: "aquitaine-limousin-poitou-charentes",
    });
    expect(a86.cells[1]).toMatchObject({ status: "not_started", late: true });
    const a87 = alpc.ateliers.find((a: { code: string }) => a.code === "87");
    expect(a87.cells[0]).toMatchObject({ status: "submitted", late: true });
    // A finished year: 101 × 12 expected, 2 submitted (one validated), 1 on time.
    const share = (n: number, d: number) => Math.round((n / d) * 10000) / 100;
    expect(body.national).toEqual({
      expected: 1212,
      submitted: 2,
      validated: 1,
      onTime: 1,
      submittedRate: share(2, 1212),
      validatedRate: share(1, 1212),
      onTimeRate: share(1, 1212),
    });
    const alpcExpected = alpc.ateliers.length * 12;
    expect(alpc.rates).toEqual({
      expected: alpcExpected,
      submitted: 2,
      validated: 1,
      onTime: 1,
      submittedRate: share(2, alpcExpected),
      validatedRate: share(1, alpcExpected),
      onTimeRate: share(1, alpcExpected),
    });
    // Missing and draft reports are listed as late; a submitted one, even late, is not waiting on the atelier.
    expect(body.late.some((l: { atelierCode: string; period: string }) => l.atelierCode === "14" && l.period === `${LAST_YEAR}-01`)).toBe(
      true,
    );
    expect(body.late.some((l: { atelierCode: string; period: string }) => l.atelierCode === "87" && l.period === `${LAST_YEAR}-01`)).toBe(
      false,
    );
    expect(body.late.find((l: { atelierCode: string }) => l.atelierCode === "14").status).toBe("draft");
  });

  it("does not expect the current month yet, nor count months to come as late", async () => {
    const body = (await req("national", "GET", `/api/campaign?year=${now.year}`)).json();
    // Months are over from their last day: before firstMonthNotOver.
    const notOver = firstMonthNotOver(parisDate());
    const expectedMonths = notOver.startsWith(String(now.year)) ? Number(notOver.slice(5)) - 1 : 12;
    expect(body.national.expected).toBe(101 * expectedMonths);
    const cells = body.territories[0].ateliers[0].cells;
    expect(cells.filter((c: { late: boolean; period: string }) => c.period >= notOver && c.late)).toEqual([]);
    expect(cells.filter((c: { expected: boolean; period: string }) => c.period >= notOver && c.expected)).toEqual([]);
    // Nothing expected yet in January (before its last day): no rate rather than 0 %.
    if (expectedMonths === 0) expect(body.national.submittedRate).toBeNull();
  });

  it("is limited to its territory for a territorial director, and refused to atelier directors", async () => {
    const own = await req("dtNormandie", "GET", `/api/campaign?year=${LAST_YEAR}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().territories.map((x: { code: string }) => x.code)).toEqual(["normandie"]);
    expect(own.json().national.expected).toBe(5 * 12);
    expect((await req("dtNormandie", "GET", `/api/campaign?year=${LAST_YEAR}&territory=paca-corse`)).statusCode).toBe(403);
    expect((await req("a86", "GET", `/api/campaign?year=${LAST_YEAR}`)).statusCode).toBe(403);
    expect((await req("viewer", "GET", `/api/campaign?year=${LAST_YEAR}&territory=normandie`)).statusCode).toBe(200);
    expect((await req("national", "GET", "/api/campaign?year=1999")).statusCode).toBe(422);
  });
});

describe("transitions", () => {
  async function submitted(atelier: string, who: string, period: string) {
    const saved = await req(who, "PUT", `/api/reports/${atelier}/${period}`, { values: buildValues() });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await req(who, "POST", `/api/reports/${atelier}/${period}/submit`, {});
    expect(res.statusCode, res.body).toBe(200);
  }
  const countEvents = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(reportEvents))[0]?.n;

  it("refuses what the status machine forbids with 409, changing nothing", async () => {
    await req("a86", "PUT", `/api/reports/86/${TWO_AGO}`, { values: buildValues() });
    const before = await countEvents();
    const validateDraft = await req("dtAlpc", "POST", `/api/reports/86/${TWO_AGO}/validate`);
    expect(validateDraft.statusCode).toBe(409);
    expect(validateDraft.json().message).toBe("Ce rapport est brouillon : seul un rapport soumis peut être validé.");
    expect((await req("national", "POST", `/api/reports/86/${TWO_AGO}/reopen`, { reason: "x" })).statusCode).toBe(409);
    expect(await countEvents()).toBe(before);
  });

  it("lets exactly one of a concurrent validate and return win", async () => {
    await submitted("87", "a87", LAST_MONTH);
    const [a, b] = await Promise.all([
      req("dtAlpc", "POST", `/api/reports/87/${LAST_MONTH}/validate`),
      req("national", "POST", `/api/reports/87/${LAST_MONTH}/return`, { comment: "À revoir." }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const report = (await req("national", "GET", `/api/reports/87/${LAST_MONTH}`)).json();
    expect(report.history.filter((e: { action: string }) => e.action === "validate" || e.action === "return")).toHaveLength(1);
  });

  it("validates twice at once from two tabs: one wins, one gets 409", async () => {
    await submitted("86", "a86", LAST_MONTH);
    const results = await Promise.all([1, 2].map(() => req("dtAlpc", "POST", `/api/reports/86/${LAST_MONTH}/validate`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it("validates a batch, saying which were refused and why", async () => {
    await submitted("86", "a86", THREE_AGO);
    const res = await req("dtAlpc", "POST", "/api/reports/validate-batch", { period: THREE_AGO, atelierCodes: ["86", "87", "14"] });
    expect(res.statusCode).toBe(200);
    expect(res.json().validated).toEqual(["86"]);
    expect(res.json().refused.map((r: { atelierCode: string; code: string }) => [r.atelierCode, r.code])).toEqual([
      ["87", "NOT_FOUND"],
      ["14", "FORBIDDEN"],
    ]);
    expect((await req("a86", "POST", "/api/reports/validate-batch", { period: THREE_AGO, atelierCodes: ["86"] })).statusCode).toBe(403);
    expect((await req("dtAlpc", "POST", "/api/reports/validate-batch", { period: THREE_AGO, atelierCodes: [] })).statusCode).toBe(422);
  });
});

describe("settings: due day and closed years", () => {
  it("lets national users change the due day, which every date then follows", async () => {
    expect((await req("dtAlpc", "PUT", "/api/settings/due-day", { dueDay: 5 })).statusCode).toBe(403);
    const bad = await req("national", "PUT", "/api/settings/due-day", { dueDay: 31 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].message).toMatch(/entre 1 et 28/);
    const ok = await req("national", "PUT", "/api/settings/due-day", { dueDay: 5 });
    expect(ok.json()).toMatchObject({ dueDay: 5 });
    const report = (await req("a86", "GET", `/api/reports/86/${LAST_MONTH}`)).json();
    expect(report.dueDate.endsWith("-05")).toBe(true);
    await req("national", "PUT", "/api/settings/due-day", { dueDay: 10 });
  });

  it("closes a finished year: its reports no longer change, except after a national reopen", async () => {
    expect((await req("national", "POST", `/api/years/${now.year}/close`)).statusCode).toBe(422);
    expect((await req("dtAlpc", "POST", `/api/years/${LAST_YEAR}/close`)).statusCode).toBe(403);
    const closed = await req("national", "POST", `/api/years/${LAST_YEAR}/close`);
    expect(closed.json().closedYears).toContain(LAST_YEAR);
    expect((await req("national", "POST", `/api/years/${LAST_YEAR}/close`)).statusCode).toBe(409);

    const validate = await req("dtAlpc", "POST", `/api/reports/87/${LAST_YEAR}-01/validate`);
    expect(validate.statusCode).toBe(409);
    expect(validate.json().code).toBe("YEAR_CLOSED");
    const save = await req("a86", "PUT", `/api/reports/86/${LAST_YEAR}-03`, { values: buildValues() });
    expect(save.statusCode).toBe(409);
    expect(save.json().message).toMatch(/est close/);

    const reopened = await req("national", "POST", `/api/reports/86/${LAST_YEAR}-01/reopen`, {
      reason: "Correction demandée par la tutelle.",
    });
    expect(reopened.statusCode).toBe(200);
    const fix = await t.app.inject({
      method: "PUT",
      url: `/api/reports/86/${LAST_YEAR}-01`,
      payload: { values: buildValues({ trainees: 121 }) },
      headers: { cookie: cookie.a86 ?? "", "if-match": `"${reopened.json().version}"` },
    });
    expect(fix.statusCode).toBe(200);
    expect(fix.json()).toMatchObject({ status: "returned", values: { trainees: 121 } });
    // Other reports of the closed year stay frozen.
    expect((await req("dtAlpc", "POST", `/api/reports/87/${LAST_YEAR}-01/return`, { comment: "Non." })).statusCode).toBe(409);
  });
});
