/**
 * The demo history (domain page, section 8): deterministic, near the
 * contract's yearly figures, valid for the questionnaire, with statuses,
 * events, dates and territories that hold together, and seeded only once.
 * Version 2 of the questionnaire is published from the first month of the
 * school year: those months' reports are of version 2, with training days
 * that put indicator 1-5 by its fiche near 10 % (the trainee-day proxy near 6 %).
 */
import {
  addMonths,
  draftValuesSchema,
  dueDate,
  FORM_V1,
  FormCatalogue,
  type FormDefinition,
  formatPeriod,
  formFields,
  type History,
  hardRuleProblems,
  JUSTIFICATION_MAX,
  missingRequired,
  nextStatus,
  type Period,
  parisDate,
  parsePeriod,
  periodLabel,
  type ReportStatus,
  type ReportValues,
  softWarnings,
  VERSION_2_CHANGES,
} from "@enquete/domain";
import { asc, isNotNull, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createDb, type Db } from "../src/db/client.ts";
import { prepareDatabase } from "../src/db/prepare.ts";
import { formVersions, reportEvents, reports, users } from "../src/db/schema.ts";
import { seedDemo } from "../src/db/seed/demo.ts";
import { HISTORY_MONTHS, schoolYearStart, seedHistory, YEARLY_TARGETS } from "../src/db/seed/history.ts";
import { createDraft } from "../src/modules/forms/service.ts";
import { createTestDatabase } from "./helpers.ts";

const TODAY = "2026-11-30";
const SEED = 2017;
const CURRENT = "2026-11";
const PREVIOUS = "2026-10";
const FIRST = "2024-11";
const ATELIERS = 101;
/** The school year of TODAY begins in September 2026: version 2 from then on. */
const VERSION_2_FROM = "2026-09";
const TRAINING_FIELDS = ["trainingDays", "trainingDaysEspe"];

type Seeded = Awaited<ReturnType<typeof seededDatabase>>;
type Report = typeof reports.$inferSelect;
type Event = typeof reportEvents.$inferSelect;

/** `before` runs on the demo database before the history is seeded. */
async function seededDatabase(before?: (db: Db) => Promise<unknown>) {
  const { db, pool } = createDb(await createTestDatabase(), { max: 3 });
  await seedDemo(db);
  await before?.(db);
  const started = performance.now();
  const result = await seedHistory(db, { today: TODAY, seed: SEED });
  const ms = Math.round(performance.now() - started);
  const all = await db.select().from(reports).orderBy(asc(reports.atelierCode), asc(reports.period));
  const events = await db.select().from(reportEvents).orderBy(asc(reportEvents.reportId), asc(reportEvents.id));
  return { db, pool, result, ms, reports: all, events, forms: await publishedForms(db) };
}

/** The published versions as stored (version 1 is built in): what the server reads each report with. */
async function publishedForms(db: Db): Promise<FormCatalogue> {
  const stored = await db.select().from(formVersions).where(isNotNull(formVersions.validFrom));
  return new FormCatalogue([
    FORM_V1,
    ...stored.map((f) => ({
      ...(f.definition as Omit<FormDefinition, "version" | "validFrom">),
      version: f.version,
      validFrom: f.validFrom as string,
    })),
  ]);
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

let a: Seeded;
let b: Seeded;
/** A database where a draft of version 2 already existed: the demo publishes nothing, every month is of version 1. */
let v1Only: Seeded;
beforeAll(async () => {
  a = await seededDatabase();
  b = await seededDatabase();
  v1Only = await seededDatabase((db) =>
    createDraft(db, { id: null, label: "Équipe nationale (test)" }, FORM_V1.version, VERSION_2_CHANGES),
  );
}, 120_000);
afterAll(async () => {
  await a?.pool.end();
  await b?.pool.end();
  await v1Only?.pool.end();
});

const eventsOf = (s: Seeded) => {
  const byReport = new Map<number, Event[]>();
  for (const e of s.events) byReport.set(e.reportId, [...(byReport.get(e.reportId) ?? []), e]);
  return byReport;
};
const values = (r: Report) => r.values as ReportValues;
const num = (r: Report, field: string) => Number(values(r)[field] ?? 0);
const formOf = (s: Seeded, r: Report) => s.forms.byVersion(r.formVersion) as FormDefinition;
const traineeDays = (r: Report) => num(r, "traineeDaysOnSite") + num(r, "traineeDaysOffSite") + num(r, "traineeDaysRemote");
const share = (part: number, whole: number) => part / whole;
const byStatus = (list: Report[]) => {
  const counts: Record<ReportStatus, number> = { draft: 0, submitted: 0, returned: 0, validated: 0 };
  for (const r of list) counts[r.status] += 1;
  return counts;
};

describe("seedHistory", () => {
  it("creates 25 months of reports with their events, fast", () => {
    expect(a.result.reports).toBe(a.reports.length);
    expect(a.result.events).toBe(a.events.length);
    expect(a.reports.length).toBeGreaterThan(2300);
    expect(a.reports.length).toBeLessThan(2600);
    const periods = new Set(a.reports.map((r) => r.period));
    expect(periods.size).toBe(HISTORY_MONTHS);
    expect([...periods].sort()[0]).toBe(FIRST);
    console.log(
      `seedHistory: ${a.result.reports} reports, ${a.result.events} events in ${a.ms} ms (second database: ${b.ms} ms), status counts ${JSON.stringify(byStatus(a.reports))}`,
    );
    // The budget is 5 s at the first start of `npm start`; tests share the machine with other files.
    expect(Math.min(a.ms, b.ms)).toBeLessThan(10_000);
  });

  it("is deterministic: the same seed gives the same history in another database", () => {
    const strip = (s: Seeded) => {
      const events = eventsOf(s);
      return s.reports.map(({ id, createdAt, updatedAt, ...r }) => ({
        ...r,
        createdAt: createdAt.toISOString(),
        updatedAt: updatedAt.toISOString(),
        events: (events.get(id) ?? []).map(({ id: _e, reportId: _r, actorId: _a, ...e }) => e),
      }));
    };
    expect(strip(b)).toEqual(strip(a));
  });

  it("opens the demo network with its history: from its first month, territories and attributes kept from 2016", async () => {
    const opened = await rows<{ opened: string; n: number }>(
      a.db,
      sql`select to_char(opened_on, 'YYYY-MM') as opened, count(*)::int as n from ateliers group by 1`,
    );
    expect(opened).toEqual([{ opened: FIRST, n: ATELIERS }]);
    const [first] = await rows<{ first: string }>(a.db, sql`select min(period) as first from reports`);
    expect(first?.first).toBe(FIRST);
    const starts = await rows<{ start: string }>(
      a.db,
      sql`select distinct to_char(valid_from, 'YYYY-MM-DD') as start from atelier_territories union
        select distinct to_char(valid_from, 'YYYY-MM-DD') from atelier_labels`,
    );
    expect(starts).toEqual([{ start: "2016-01-01" }]);
  });

  it("gives a calendar year (2025) near the contract's 2016 figures, with the ESPE and certified shares", async () => {
    const [year] = await rows<Record<string, string>>(
      a.db,
      sql`select
        sum((values->>'traineeDaysOnSite')::numeric + (values->>'traineeDaysOffSite')::numeric) as days,
        sum((values->>'traineeDaysRemote')::numeric) as remote,
        sum((values->>'traineeDaysEspe')::numeric) as espe,
        sum((values->>'visitorsOnSite')::int + (values->>'beneficiariesOffSite')::int) as beneficiaries,
        sum((values->>'codesignSessions')::int) as codesign,
        sum((values->>'eventsDpe')::int) as dpe,
        count(*) as n
      from reports where period between '2025-01' and '2025-12' and status <> 'draft'`,
    );
    const [team] = await rows<Record<string, string>>(
      a.db,
      sql`select sum(t) as trainers, sum(c) as certified from (
        select distinct on (atelier_code) (values->>'trainers')::int as t, (values->>'trainersCertified')::int as c
        from reports where period between '2025-01' and '2025-12' and status <> 'draft' order by atelier_code, period desc) last`,
    );
    const figures = {
      traineeDays: Number(year?.days),
      beneficiaries: Number(year?.beneficiaries),
      codesignSessions: Number(year?.codesign),
      eventsDpe: Number(year?.dpe),
    };
    // 1-1 counts in-person days (the contract's fiche); 1-5 divides by all trainee-days, remote included.
    const espeShare = share(Number(year?.espe), figures.traineeDays + Number(year?.remote));
    const certifiedShare = share(Number(team?.certified), Number(team?.trainers));
    console.log(
      `2025 (${year?.n} reports): ${JSON.stringify(figures)} vs contract 2016 ${JSON.stringify(YEARLY_TARGETS)}; ESPE ${(espeShare * 100).toFixed(1)} %, certified ${(certifiedShare * 100).toFixed(1)} % (${team?.certified}/${team?.trainers})`,
    );
    for (const [key, target] of Object.entries(YEARLY_TARGETS)) {
      const value = figures[key as keyof typeof figures];
      expect(value, key).toBeGreaterThan(target * 0.85);
      expect(value, key).toBeLessThan(target * 1.15);
    }
    expect(espeShare).toBeGreaterThan(0.03);
    expect(espeShare).toBeLessThan(0.08);
    expect(certifiedShare).toBeGreaterThan(0.06);
    expect(certifiedShare).toBeLessThan(0.15);
  });

  it("varies by month (August very low, July low) and by atelier (a few big, many small)", async () => {
    const months = await rows<{ month: string; days: string }>(
      a.db,
      sql`select substr(period, 6) as month,
        sum((values->>'traineeDaysOnSite')::numeric + (values->>'traineeDaysOffSite')::numeric + (values->>'traineeDaysRemote')::numeric) as days
      from reports where period like '2025-%' group by 1`,
    );
    const days = Object.fromEntries(months.map((m) => [m.month, Number(m.days)]));
    const schoolMonths = ["01", "02", "03", "04", "05", "06", "09", "10", "11", "12"].map((m) => days[m] ?? 0);
    const normal = schoolMonths.reduce((x, y) => x + y, 0) / schoolMonths.length;
    expect(days["08"]).toBeLessThan(normal * 0.2);
    expect(days["07"]).toBeLessThan(normal * 0.6);
    expect(days["07"]).toBeGreaterThan(days["08"] ?? 0);
    for (const m of schoolMonths) expect(m).toBeGreaterThan(normal * 0.6);

    const perAtelier = (
      await rows<{ days: string }>(
        a.db,
        sql`select sum((values->>'traineeDaysOnSite')::numeric + (values->>'traineeDaysOffSite')::numeric + (values->>'traineeDaysRemote')::numeric) as days
        from reports where period like '2025-%' group by atelier_code order by 1`,
      )
    ).map((r) => Number(r.days));
    const median = perAtelier[Math.floor(perAtelier.length / 2)] ?? 0;
    const mean = perAtelier.reduce((x, y) => x + y, 0) / perAtelier.length;
    expect(Math.max(...perAtelier)).toBeGreaterThan(3 * median);
    expect(median).toBeLessThan(mean);
  });

  it("stores values that their own version accepts, and submitted ones pass every check of it with their justifications", () => {
    const validatedSoFar = new Map<string, ReportValues[]>();
    const checked = { 1: 0, 2: 0 } as Record<number, number>;
    for (const r of a.reports) {
      const v = values(r);
      const where = `${r.atelierCode} ${r.period}`;
      const form = formOf(a, r);
      expect(form, where).toBeDefined();
      expect(draftValuesSchema(form).safeParse(v).success, where).toBe(true);
      expect(hardRuleProblems(form, v), where).toEqual([]);
      checked[r.formVersion] = (checked[r.formVersion] ?? 0) + 1;
      for (const f of ["traineeDaysOnSite", "traineeDaysOffSite", "traineeDaysRemote", "traineeDaysEspe", ...TRAINING_FIELDS]) {
        if (typeof v[f] === "number") expect(Number.isInteger((v[f] as number) * 2), `${where} ${f}`).toBe(true);
      }
      const previous = validatedSoFar.get(r.atelierCode) ?? [];
      if (r.status !== "draft") {
        expect(missingRequired(form, v), where).toEqual([]);
        // What checkSubmission asks beyond the types (checked above once per report, the schema built once).
        const warnings = softWarnings(form, v, historyOf(previous.slice(-12)));
        expect(
          warnings.filter((w) => !r.justifications[w.code]?.trim()),
          where,
        ).toEqual([]);
        for (const text of Object.values(r.justifications)) expect(text.length).toBeLessThanOrEqual(JUSTIFICATION_MAX);
      }
      if (r.status === "validated") validatedSoFar.set(r.atelierCode, [...previous, v]);
    }
    // Both versions were really checked, version 2 with its own rules.
    expect(checked[1]).toBeGreaterThan(2000);
    expect(checked[2]).toBeGreaterThan(ATELIERS);
    expect(formOf(a, a.reports.find((r) => r.formVersion === 2) as Report).rules.map((r) => r.code)).toEqual(
      expect.arrayContaining(["trainingDaysWithinTraineeDays", "espeTrainingDaysWithinTrainingDays"]),
    );
  });

  it("publishes version 2 from the first month of the school year, through the forms service, before the history", async () => {
    expect(schoolYearStart(TODAY)).toBe(VERSION_2_FROM);
    expect(schoolYearStart("2027-08-31")).toBe("2026-09");
    expect(schoolYearStart("2026-09-01")).toBe("2026-09");
    expect(a.result.published).toEqual({ version: 2, validFrom: VERSION_2_FROM });
    const stored = await a.db.select().from(formVersions);
    expect(stored.map((f) => ({ version: f.version, basedOn: f.basedOn, validFrom: f.validFrom }))).toEqual([
      { version: 2, basedOn: 1, validFrom: VERSION_2_FROM },
    ]);
    expect(stored[0]?.changes).toEqual(VERSION_2_CHANGES);
    expect(stored[0]?.publishedAt).not.toBeNull();
    expect(stored[0]?.publishedBy).toBeNull();
    const [journal] = await rows<{ actions: string[]; label: string }>(
      a.db,
      sql`select array_agg(action order by id) as actions, min(actor_label) as label from audit_events where subject = 'form:2'`,
    );
    expect(journal?.label).toBe("Données de démonstration");
    expect(journal?.actions).toEqual(["form.create", "form.publish"]);
    const codes = formFields(a.forms.forPeriod(VERSION_2_FROM)).map((f) => f.code);
    expect(codes.slice(codes.indexOf("traineeDaysEspe"), codes.indexOf("traineeDaysEspe") + 3)).toEqual([
      "traineeDaysEspe",
      ...TRAINING_FIELDS,
    ]);
    expect(a.forms.forPeriod("2026-08").version).toBe(1);
  });

  it("files the months of the school year under version 2 with both training-day figures, the months before under version 1 without them", () => {
    let filled = 0;
    for (const r of a.reports) {
      const where = `${r.atelierCode} ${r.period}`;
      const v = values(r);
      if (r.period < VERSION_2_FROM) {
        expect(r.formVersion, where).toBe(1);
        for (const f of TRAINING_FIELDS) expect(v[f], `${where} ${f}`).toBeUndefined();
        continue;
      }
      expect(r.formVersion, where).toBe(2);
      // A draft of the month in progress may not have reached the training block yet; every other report has it whole.
      if (r.status === "draft" && v.trainingActions === undefined) {
        for (const f of TRAINING_FIELDS) expect(v[f], `${where} ${f}`).toBeUndefined();
        continue;
      }
      filled += 1;
      for (const f of TRAINING_FIELDS) expect(typeof v[f], `${where} ${f}`).toBe("number");
      const days = num(r, "trainingDays");
      const espe = num(r, "trainingDaysEspe");
      const actions = num(r, "trainingActions");
      // A training day is a day of an action: half a day per action at least, and no day without a trainee.
      if (actions === 0) expect(days, where).toBe(0);
      else expect(days, where).toBeGreaterThanOrEqual(Math.min(traineeDays(r), actions * 0.5));
      expect(days, where).toBeLessThanOrEqual(traineeDays(r));
      expect(espe, where).toBeLessThanOrEqual(days);
      expect(espe, where).toBeLessThanOrEqual(num(r, "traineeDaysEspe"));
      expect(espe > 0, where).toBe(num(r, "trainingActionsEspe") > 0);
    }
    expect(filled).toBeGreaterThan(ATELIERS * 2 * 0.9);
    // The events of a version 2 report say its training days as a director typed them.
    const events = eventsOf(a);
    const october = a.reports.find((r) => r.period === PREVIOUS && r.status === "validated") as Report;
    const typed = (events.get(october.id) ?? []).flatMap((e) => e.changes).filter((c) => TRAINING_FIELDS.includes(c.field));
    expect(typed.map((c) => c.field).sort()).toEqual([...TRAINING_FIELDS].sort());
  });

  it("computes indicator 1-5 of the school year near 10 % by its fiche, where the trainee-day proxy gives near 6 %", () => {
    const counted = a.reports.filter((r) => r.period >= VERSION_2_FROM && r.status === "validated");
    const sum = (f: (r: Report) => number) => counted.reduce((x, r) => x + f(r), 0);
    const fiche = share(
      sum((r) => num(r, "trainingDaysEspe")),
      sum((r) => num(r, "trainingDays")),
    );
    const proxy = share(
      sum((r) => num(r, "traineeDaysEspe")),
      sum(traineeDays),
    );
    const actions = share(
      sum((r) => num(r, "trainingActionsEspe")),
      sum((r) => num(r, "trainingActions")),
    );
    console.log(
      `1-5 of ${VERSION_2_FROM}..${CURRENT} (${counted.length} validated reports): by the fiche (training days) ${(fiche * 100).toFixed(1)} %, proxy (trainee-days) ${(proxy * 100).toFixed(1)} %, ESPE share of actions ${(actions * 100).toFixed(1)} %`,
    );
    expect(counted.length).toBeGreaterThan(ATELIERS * 1.5);
    expect(fiche).toBeGreaterThan(0.08);
    expect(fiche).toBeLessThan(0.12);
    expect(proxy).toBeGreaterThan(0.04);
    expect(proxy).toBeLessThan(0.08);
    // ESPE training days follow the ESPE actions.
    expect(Math.abs(fiche - actions)).toBeLessThan(0.02);
  });

  it("keeps the months of version 1 exactly as without version 2, and the other figures of version 2 months too", () => {
    expect(v1Only.result.published).toBeNull();
    expect(new Set(v1Only.reports.map((r) => r.formVersion))).toEqual(new Set([1]));
    const strip = (s: Seeded, list: Report[]) => {
      const events = eventsOf(s);
      return list.map(({ id, ...r }) => ({
        ...r,
        events: (events.get(id) ?? []).map(({ id: _e, reportId: _r, actorId: _a, ...e }) => e),
      }));
    };
    const before = (s: Seeded) => s.reports.filter((r) => r.period < VERSION_2_FROM);
    expect(before(a).length).toBeGreaterThan(2000);
    expect(strip(a, before(a))).toEqual(strip(v1Only, before(v1Only)));
    // The first month of version 2 draws every other figure as version 1 would have: only the training days are new.
    const firstMonth = (s: Seeded) =>
      new Map(s.reports.filter((r) => r.period === VERSION_2_FROM).map((r) => [r.atelierCode, values(r)] as const));
    const withDays = firstMonth(a);
    const without = firstMonth(v1Only);
    expect([...withDays.keys()]).toEqual([...without.keys()]);
    for (const [code, v] of withDays) {
      const { trainingDays: _d, trainingDaysEspe: _e, ...others } = v;
      expect(others, code).toEqual(without.get(code));
    }
  });

  it("does nothing the second time: no report, no version", async () => {
    const before = await rows<{ reports: number; forms: number; revision: number }>(
      a.db,
      sql`select (select count(*)::int from reports) as reports, (select count(*)::int from form_versions) as forms,
        (select revision::int from settings_revision where id = 1) as revision`,
    );
    expect(await seedHistory(a.db, { today: TODAY, seed: SEED })).toEqual({ reports: 0, events: 0, published: null });
    const after = await rows<{ reports: number; forms: number; revision: number }>(
      a.db,
      sql`select (select count(*)::int from reports) as reports, (select count(*)::int from form_versions) as forms,
        (select revision::int from settings_revision where id = 1) as revision`,
    );
    expect(after).toEqual(before);
    expect(before[0]?.forms).toBe(1);
  });

  it("balances the beneficiaries by public in most reports, and explains the gap in the others", () => {
    const complete = a.reports.filter((r) => r.status !== "draft");
    const unbalanced = complete.filter((r) => {
      const v = values(r) as Record<string, number>;
      const parts = [
        "beneficiariesTeachers",
        "beneficiariesSupervisors",
        "beneficiariesParents",
        "beneficiariesLocalStaff",
        "beneficiariesOther",
      ];
      return parts.reduce((x, f) => x + (v[f] ?? 0), 0) !== (v.visitorsOnSite ?? 0) + (v.beneficiariesOffSite ?? 0);
    });
    expect(share(unbalanced.length, complete.length)).toBeGreaterThan(0.005);
    expect(share(unbalanced.length, complete.length)).toBeLessThan(0.08);
    for (const r of unbalanced) expect(r.justifications.beneficiariesByPublic ?? "").toMatch(/^[A-ZÀ-Ü].{20,}\.$/);
    const withHighlights = complete.filter((r) => typeof values(r).highlights === "string");
    expect(share(withHighlights.length, complete.length)).toBeGreaterThan(0.03);
    expect(share(withHighlights.length, complete.length)).toBeLessThan(0.25);
  });

  it("changes the team (snapshot) rarely from one month to the next", () => {
    let pairs = 0;
    let changed = 0;
    for (const [i, r] of a.reports.entries()) {
      const prev = a.reports[i - 1];
      if (!prev || prev.atelierCode !== r.atelierCode || formatPeriod(addMonths(parsePeriod(prev.period) as Period, 1)) !== r.period)
        continue;
      pairs += 1;
      if (values(prev).trainers !== values(r).trainers || values(prev).trainersCertified !== values(r).trainersCertified) changed += 1;
    }
    expect(pairs).toBeGreaterThan(2000);
    expect(share(changed, pairs)).toBeGreaterThan(0.01);
    expect(share(changed, pairs)).toBeLessThan(0.15);
  });

  it("has the expected statuses: old months mostly validated, the previous month mixed, the current one a few drafts", () => {
    const old = a.reports.filter((r) => r.period < PREVIOUS);
    const expectedOld = ATELIERS * (HISTORY_MONTHS - 2);
    const oldCounts = byStatus(old);
    const missing = expectedOld - old.length;
    console.log(`old months: ${JSON.stringify(oldCounts)}, missing ${missing} of ${expectedOld}`);
    expect(share(oldCounts.validated, expectedOld)).toBeGreaterThan(0.9);
    expect(share(oldCounts.validated, expectedOld)).toBeLessThan(0.97);
    for (const n of [oldCounts.returned, oldCounts.submitted, missing]) {
      expect(share(n, expectedOld)).toBeGreaterThan(0.005);
      expect(share(n, expectedOld)).toBeLessThan(0.04);
    }
    expect(oldCounts.draft).toBe(0);

    const previous = byStatus(a.reports.filter((r) => r.period === PREVIOUS));
    const previousMissing = ATELIERS - Object.values(previous).reduce((x, y) => x + y, 0);
    console.log(`previous month ${PREVIOUS}: ${JSON.stringify(previous)}, missing ${previousMissing}`);
    expect(previous.validated).toBeGreaterThan(ATELIERS * 0.6);
    expect(previous.submitted).toBeGreaterThan(0);
    expect(previous.draft).toBeGreaterThan(0);
    expect(previousMissing).toBeGreaterThan(0);

    const current = byStatus(a.reports.filter((r) => r.period === CURRENT));
    console.log(`current month ${CURRENT}: ${JSON.stringify(current)}`);
    expect(current.draft).toBeGreaterThan(ATELIERS * 0.05);
    expect(current.draft).toBeLessThan(ATELIERS * 0.5);
    expect(current.submitted + current.returned + current.validated).toBe(0);
  });

  it("submits most reports on time and some late", () => {
    const submitted = a.reports.filter((r) => r.firstSubmittedAt && r.period < PREVIOUS);
    const late = submitted.filter((r) => parisDate(r.firstSubmittedAt as Date) > dueDate(r.period));
    console.log(`late: ${late.length} of ${submitted.length} submitted reports of the old months`);
    expect(share(late.length, submitted.length)).toBeGreaterThan(0.03);
    expect(share(late.length, submitted.length)).toBeLessThan(0.25);
  });

  it("records each report's events in order: versions, statuses, changes, actors and dates hold together", async () => {
    const events = eventsOf(a);
    const names = new Map(
      (await a.db.select({ email: users.email, displayName: users.displayName }).from(users)).map((u) => [u.email, u.displayName]),
    );
    const cutoff = new Date("2026-11-29T23:00:00Z"); // 2026-11-30 00:00 in Paris
    for (const r of a.reports) {
      const list = events.get(r.id) ?? [];
      const where = `${r.atelierCode} ${r.period}`;
      expect(r.version, where).toBe(list.length);
      expect(list[0]?.action, where).toBe("create");
      expect(list[0]?.fromStatus, where).toBeNull();
      const replayed: ReportValues = {};
      let status: string | null = null;
      let at = 0;
      for (const [i, e] of list.entries()) {
        expect(e.version, where).toBe(i + 1);
        expect(e.fromStatus, where).toBe(status);
        if (e.action === "create") expect(e.toStatus).toBe("draft");
        else expect(nextStatus(e.fromStatus as never, e.action as never), where).toEqual({ to: e.toStatus });
        expect(e.at.getTime(), where).toBeGreaterThan(at);
        expect(e.at.getTime(), where).toBeLessThan(cutoff.getTime());
        const byAtelier = ["create", "save", "submit"].includes(e.action);
        const email = byAtelier ? `atelier.${r.atelierCode.toLowerCase()}@canope.test` : `dt.${r.territoryCode}@canope.test`;
        expect(e.actorLabel, where).toBe(names.get(email));
        expect(e.actorId, where).not.toBeNull();
        for (const c of e.changes) replayed[c.field] = c.to;
        status = e.toStatus;
        at = e.at.getTime();
      }
      expect(status, where).toBe(r.status);
      expect(replayed, where).toEqual(r.values);
      expect(r.createdAt, where).toEqual(list[0]?.at);
      expect(r.updatedAt, where).toEqual(list[list.length - 1]?.at);
      const submits = list.filter((e) => e.action === "submit");
      expect(r.firstSubmittedAt ?? null, where).toEqual(submits[0]?.at ?? null);
      expect(r.submittedAt ?? null, where).toEqual(submits[submits.length - 1]?.at ?? null);
      expect(r.validatedAt ?? null, where).toEqual(list.find((e) => e.action === "validate")?.at ?? null);
      if (r.period !== CURRENT) {
        const monthEnd = parisDate(r.createdAt) >= `${formatPeriod(addMonths(parsePeriod(r.period) as Period, 1))}-01`;
        expect(monthEnd, `${where} created after the month`).toBe(true);
      }
    }
  });

  it("gives every returned report the territorial director's comment", () => {
    const events = eventsOf(a);
    const returned = a.reports.filter((r) => r.status === "returned");
    expect(returned.length).toBeGreaterThan(0);
    for (const r of returned) {
      const last = (events.get(r.id) ?? []).at(-1);
      expect(last?.action).toBe("return");
      expect(last?.comment ?? "").toMatch(/^[A-ZÀ-Ü].{20,}[.?]$/);
    }
    const returnEvents = a.events.filter((e) => e.action === "return");
    expect(returnEvents.length).toBeGreaterThan(returned.length); // some were corrected, submitted again and validated
    for (const e of returnEvents) expect(e.comment?.trim()).toBeTruthy();
  });

  it("files each report under the atelier's territory of that month, and writes nothing after today's month", async () => {
    const [mismatch] = await rows<{ n: number }>(
      a.db,
      sql`select count(*)::int as n from reports r
        where not exists (select 1 from atelier_territories m
          where m.atelier_code = r.atelier_code and m.territory_code = r.territory_code
            and m.valid_from <= to_date(r.period || '-01', 'YYYY-MM-DD')
            and (m.valid_to is null or m.valid_to > to_date(r.period || '-01', 'YYYY-MM-DD')))`,
    );
    expect(mismatch?.n).toBe(0);
    const [future] = await rows<{ n: number }>(
      a.db,
      sql`select count(*)::int as n from reports where period > ${CURRENT}
        or created_at >= ${`${TODAY} 00:00 Europe/Paris`}::timestamptz or updated_at >= ${`${TODAY} 00:00 Europe/Paris`}::timestamptz`,
    );
    expect(future?.n).toBe(0);
  });

  it("runs once: prepareDatabase with DEMO=full seeds it at the first start only", async () => {
    const url = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: url, DEMO: "full" });
    const counts = async (db: Db) => {
      const [n] = await rows<{ reports: number; events: number }>(
        db,
        sql`select (select count(*)::int from reports) as reports, (select count(*)::int from report_events) as events`,
      );
      return n;
    };
    const first: string[] = [];
    const one = await prepareDatabase(config, (m) => first.push(m));
    const firstDb = createDb(one.url, { max: 1 });
    const afterFirst = await counts(firstDb.db);
    await firstDb.pool.end();
    await one.close();
    expect(first.join("\n")).toMatch(new RegExp(`Historique de démonstration créé : ${afterFirst?.reports} rapports sur 25 mois\\.`));
    // Version 2 from the school year of the real today (September of this year or the last).
    expect(first.join("\n")).toContain(
      `Questionnaire version 2 publiée à partir de ${periodLabel(schoolYearStart(parisDate()))} (données de démonstration).`,
    );
    expect(afterFirst?.reports).toBeGreaterThan(2000);
    // The demo's recent years get targets (the 2019 ones carried over), so its dashboards show a trajectory.
    const year = Number(parisDate().slice(0, 4));
    expect(first.join("\n")).toContain(`Cibles de démonstration ${year - 2}–${year}`);

    const second: string[] = [];
    const two = await prepareDatabase(config, (m) => second.push(m));
    const { db: twoDb, pool: twoPool } = createDb(two.url, { max: 2 });
    try {
      expect(second.join("\n")).not.toContain("Historique");
      expect(second.join("\n")).not.toContain("Questionnaire version");
      const targets = await rows<{ n: number }>(twoDb, sql`select count(*)::int as n from indicator_targets where year = ${year}`);
      expect(targets[0]?.n).toBe(6);
      expect(await counts(twoDb)).toEqual(afterFirst);
      expect(await seedHistory(twoDb, { today: TODAY })).toEqual({ reports: 0, events: 0, published: null });
      expect(await counts(twoDb)).toEqual(afterFirst);
    } finally {
      await twoPool.end();
      await two.close();
    }
  });
});

function historyOf(validated: ReportValues[]): History {
  const history: History = {};
  for (const v of validated) {
    for (const [field, value] of Object.entries(v)) {
      if (typeof value === "number") history[field] = [...(history[field] ?? []), value];
    }
  }
  return history;
}
