/**
 * The questionnaire's versions through the API (domain page, section 7.4):
 * drafts prepared and checked by the national team, published from a month,
 * served month by month to everyone; and the service functions the demo seed
 * calls inside its own transaction.
 */
import {
  addMonths,
  FORM_V1,
  type FormChange,
  formatPeriod,
  ofPeriod,
  parisDate,
  periodLabel,
  periodOfDate,
  VERSION_2_CHANGES,
} from "@enquete/domain";
import { sql } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDraft, publishVersion } from "../src/modules/forms/service.ts";
import { buildReport } from "./factories.ts";
import { appOn, createTestApp, signInPeople } from "./helpers.ts";

const TERRITORY = "aquitaine-limousin-poitou-charentes";
const now = periodOfDate(parisDate());
const month = (n: number) => formatPeriod(addMonths(now, n));
const THIS_MONTH = month(0);
const NEXT_MONTH = month(1);
const LAST_MONTH = month(-1);

const PEOPLE = {
  national: [{ role: "national" }],
  territory: [{ role: "territory", territoryCode: TERRITORY }],
  atelier: [{ role: "atelier", atelierCode: "86" }],
  viewer: [{ role: "viewer" }],
  admin: [{ role: "admin" }],
} as const;
type Who = keyof typeof PEOPLE | "anonymous";
const READERS = ["territory", "atelier", "viewer", "admin"] as const;

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

function client(t: TestApp, cookies: Record<string, string>) {
  return (who: Who, method: InjectOptions["method"], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: { ...headers, ...(who === "anonymous" ? {} : { cookie: cookies[who] ?? "" }) },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
    });
}

const fieldCodes = (form: { sections: { fields: { code: string }[] }[] }) => form.sections.flatMap((s) => s.fields.map((f) => f.code));
const RELABEL: FormChange = { kind: "relabel", field: "trainees", label: "Stagiaires formés (nombre de personnes)" };

async function formRows(t: TestApp) {
  const { rows } = await t.db.execute<{ version: number; valid_from: string | null; changes: unknown }>(
    sql`select version, valid_from, changes from form_versions order by version`,
  );
  return rows;
}

async function settingsRevision(t: TestApp): Promise<number> {
  const { rows } = await t.db.execute<{ revision: string }>(sql`select revision from settings_revision where id = 1`);
  return Number(rows[0]?.revision);
}

async function journal(t: TestApp, action: string) {
  const { rows } = await t.db.execute<{ subject: string; actor_label: string; details: Record<string, unknown> }>(
    sql`select subject, actor_label, details from audit_events where action = ${action} order by id`,
  );
  return rows;
}

describe("questionnaire versions through the API", () => {
  let t: TestApp;
  let other: TestApp;
  let call: ReturnType<typeof client>;
  let callOther: ReturnType<typeof client>;
  /** The If-Match of a version as the national team reads it now. */
  const asRead = async (version: number) => ({
    "if-match": `"${(await call("national", "GET", `/api/forms/${version}`)).json().updatedAt}"`,
  });
  const publish = async (version: number, from: string) =>
    await call("national", "POST", `/api/forms/${version}/publish`, { from }, await asRead(version));

  beforeAll(async () => {
    t = await createTestApp();
    // A second API process on the same database, with its own cache of the national settings.
    other = await appOn(t.url);
    const cookies = await signInPeople(t, PEOPLE);
    call = client(t, cookies);
    callOther = client(other, cookies);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it("serves version 1 for every month before any publication, to every signed-in role", async () => {
    for (const who of ["national", ...READERS] as const) {
      const current = await call(who, "GET", "/api/form");
      expect(current.statusCode, who).toBe(200);
      expect(current.json()).toMatchObject({ version: 1, validFrom: FORM_V1.validFrom });
      expect(fieldCodes(current.json())).toEqual(fieldCodes(FORM_V1));
    }
    // The other process reads (and caches) version 1 for next month too.
    expect((await callOther("atelier", "GET", `/api/form?period=${NEXT_MONTH}`)).json().version).toBe(1);
    const list = await call("viewer", "GET", "/api/forms");
    expect(list.json().versions).toEqual([
      expect.objectContaining({
        version: 1,
        status: "published",
        basedOn: null,
        validFrom: FORM_V1.validFrom,
        validTo: null,
        fields: fieldCodes(FORM_V1).length,
        changes: 0,
        createdAt: "2016-01-01T00:00:00.000Z",
        createdBy: null,
      }),
    ]);
    const v1 = await call("atelier", "GET", "/api/forms/1");
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ version: 1, status: "published", changeList: [] });
    expect(v1.json().usedCodes).toContainEqual({ code: "trainees", label: "Stagiaires formés (personnes)", versions: [1] });
  });

  it("refuses a draft based on a version that is not published, and writes nothing", async () => {
    const res = await call("national", "POST", "/api/forms", { basedOn: 7, changes: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: "basedOn", message: expect.stringMatching(/^La version 7 n'est pas une version publiée/) },
    ]);
    expect(await formRows(t)).toEqual([]);
  });

  it("creates a draft from version 1 with the changes of version 2, shown to the national team only", async () => {
    const created = await call("national", "POST", "/api/forms", { basedOn: 1, changes: VERSION_2_CHANGES });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ version: 2, status: "draft", basedOn: 1, validFrom: null, validTo: null, changes: 4 });
    expect(draft.createdBy).toBe("Personne national");
    expect(draft.changeList).toEqual(VERSION_2_CHANGES);
    const formation = draft.form.sections.find((s: { code: string }) => s.code === "formation");
    expect(formation.fields.map((f: { code: string }) => f.code).slice(-3)).toEqual([
      "traineeDaysEspe",
      "trainingDays",
      "trainingDaysEspe",
    ]);
    expect(draft.form.rules.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(["trainingDaysWithinTraineeDays", "espeTrainingDaysWithinTrainingDays"]),
    );
    expect(draft.fields).toBe(fieldCodes(FORM_V1).length + 2);
    expect(draft.usedCodes).toContainEqual(expect.objectContaining({ code: "trainingDays", versions: [2] }));

    const forNational = (await call("national", "GET", "/api/forms")).json().versions;
    expect(forNational.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
    for (const who of READERS) {
      expect(
        (await call(who, "GET", "/api/forms")).json().versions.map((v: { version: number }) => v.version),
        who,
      ).toEqual([1]);
      const hidden = await call(who, "GET", "/api/forms/2");
      expect(hidden.statusCode, who).toBe(404);
      expect(hidden.json()).toMatchObject({ code: "NOT_FOUND", message: "La version 2 du questionnaire n'existe pas." });
    }
    // A draft changes nothing of what the month's report uses.
    expect((await call("atelier", "GET", `/api/form?period=${NEXT_MONTH}`)).json().version).toBe(1);
    const [creation] = await journal(t, "form.create");
    expect(creation).toMatchObject({ subject: "form:2", details: { basedOn: 1 } });
    expect((creation?.details.changes as string[] | undefined)?.[0]).toContain("trainingDays");
  });

  it("keeps one draft at a time", async () => {
    const second = await call("national", "POST", "/api/forms", { basedOn: 1, changes: [RELABEL] });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: "DRAFT_EXISTS",
      message: "Un brouillon (version 2) est déjà en préparation : reprenez-le ou supprimez-le.",
    });
    expect((await formRows(t)).map((r) => r.version)).toEqual([2]);
  });

  it("refuses a code that already served, in French, and writes nothing", async () => {
    const before = (await call("national", "GET", "/api/forms/2")).json();
    const reused: FormChange = {
      kind: "addField",
      section: "equipe",
      field: { code: "trainees", label: "Stagiaires accueillis", type: "integer", kind: "flow", required: true },
    };
    const res = await call("national", "PUT", "/api/forms/2", { changes: [...VERSION_2_CHANGES, reused] });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("VALIDATION_FAILED");
    expect(res.json().errors).toEqual([
      {
        field: "changes.4.field.code",
        message: expect.stringMatching(/^Le code trainees a déjà servi \(version 1\) : un code ne sert jamais à autre chose/),
      },
    ]);
    const after = (await call("national", "GET", "/api/forms/2")).json();
    expect(after).toEqual(before);
    expect(await journal(t, "form.update")).toEqual([]);
  });

  it("refuses to retire a field a rule still uses, naming the rule", async () => {
    const res = await call("national", "PUT", "/api/forms/2", { changes: [{ kind: "retireField", field: "trainersCertified" }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({
      field: expect.stringMatching(/^changes\.0/),
      message: expect.stringContaining("certifiedWithinTrainers"),
    });
  });

  it("updates a draft: a field retired and fields added; the retired code stays taken", async () => {
    const read = (await call("national", "GET", "/api/forms/2")).json();
    const changes: FormChange[] = [...VERSION_2_CHANGES, { kind: "retireField", field: "localAuthoritiesServed" }];
    const updated = await call("national", "PUT", "/api/forms/2", { changes }, { "if-match": `"${read.updatedAt}"` });
    expect(updated.statusCode).toBe(200);
    const draft = updated.json();
    expect(draft.changes).toBe(5);
    expect(fieldCodes(draft.form)).not.toContain("localAuthoritiesServed");
    expect(fieldCodes(draft.form)).toContain("trainingDaysEspe");
    expect(draft.usedCodes).toContainEqual(expect.objectContaining({ code: "localAuthoritiesServed", versions: [1] }));
    expect(draft.updatedAt > read.updatedAt).toBe(true);
    // Its previous state read before this update: someone else's save is not overwritten blindly.
    const stale = await call("national", "PUT", "/api/forms/2", { changes: VERSION_2_CHANGES }, { "if-match": read.updatedAt });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("DRAFT_CHANGED");
    const [event] = await journal(t, "form.update");
    expect((event?.details.after as string[] | undefined)?.at(-1)).toMatch(/^Retrait du champ/);
    expect(event?.details.before as string[]).toHaveLength(4);
  });

  it("publishes or discards a draft only as read: 428 without If-Match, 409 when someone saved since", async () => {
    const read = await asRead(2);
    const before = await formRows(t);
    for (const [method, url, payload] of [
      ["POST", "/api/forms/2/publish", { from: NEXT_MONTH }],
      ["DELETE", "/api/forms/2", undefined],
    ] as const) {
      for (const headers of [{}, { "if-match": '""' }] as Record<string, string>[]) {
        const missing = await call("national", method, url, payload, headers);
        expect(missing.statusCode, `${method} ${JSON.stringify(headers)}`).toBe(428);
        expect(missing.json()).toMatchObject({
          code: "PRECONDITION_REQUIRED",
          message: expect.stringMatching(/^Envoyez dans l'en-tête If-Match la date de modification du brouillon lu/),
        });
      }
    }
    // Another national user adds a change after the preview was read.
    const other = await call("national", "PUT", "/api/forms/2", { changes: [...VERSION_2_CHANGES, RELABEL] });
    expect(other.statusCode).toBe(200);
    for (const [method, url, payload] of [
      ["POST", "/api/forms/2/publish", { from: NEXT_MONTH }],
      ["DELETE", "/api/forms/2", undefined],
    ] as const) {
      const stale = await call("national", method, url, payload, read);
      expect(stale.statusCode, method).toBe(409);
      expect(stale.json()).toMatchObject({
        code: "DRAFT_CHANGED",
        message: expect.stringMatching(/^Ce brouillon a été modifié entre-temps/),
        updatedAt: other.json().updatedAt,
      });
    }
    expect((await formRows(t)).map((r) => [r.version, r.valid_from])).toEqual(before.map((r) => [r.version, r.valid_from]));
    expect(await journal(t, "form.publish")).toEqual([]);
    expect(await journal(t, "form.delete")).toEqual([]);
  });

  it("discards a draft: its number and its codes are free again", async () => {
    const deleted = await call("national", "DELETE", "/api/forms/2", undefined, await asRead(2));
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    expect(await formRows(t)).toEqual([]);
    expect((await call("national", "GET", "/api/forms/2")).statusCode).toBe(404);
    expect((await call("national", "DELETE", "/api/forms/2", undefined, { "if-match": '"x"' })).statusCode).toBe(404);
    expect(await journal(t, "form.delete")).toEqual([expect.objectContaining({ subject: "form:2" })]);
    const again = await call("national", "POST", "/api/forms", { basedOn: 1, changes: VERSION_2_CHANGES });
    expect(again.statusCode).toBe(201);
    expect(again.json().version).toBe(2);
  });

  it("refuses a publication in the past, or at or before version 1's month", async () => {
    const past = await publish(2, LAST_MONTH);
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({
      code: "MONTH_PASSED",
      message: expect.stringMatching(/^On ne publie pas une version pour un mois passé/),
    });
    expect(past.json().message).toContain(`Publiez à partir de ${periodLabel(THIS_MONTH)} au plus tôt.`);
    expect(past.json().errors).toEqual([{ field: "from", message: past.json().message }]);
    const beforeV1 = await publish(2, FORM_V1.validFrom);
    expect(beforeV1.statusCode).toBe(422);
    expect(beforeV1.json().code).toBe("MONTH_NOT_AFTER_LATEST");
    // A mistyped year would block every later version: at most 24 months ahead.
    const tooFar = await publish(2, month(25));
    expect(tooFar.statusCode).toBe(422);
    expect(tooFar.json()).toMatchObject({
      code: "MONTH_TOO_FAR",
      message: `Une version se publie au plus 24 mois à l'avance : choisissez un mois jusqu'à ${periodLabel(month(24))} au plus tard.`,
    });
    expect(tooFar.json().errors).toEqual([{ field: "from", message: tooFar.json().message }]);
    expect((await formRows(t))[0]?.valid_from).toBeNull();
  });

  it("refuses the current month once one of its reports was submitted, even returned since", async () => {
    const report = await buildReport(t.db, {
      atelierCode: "86",
      territoryCode: TERRITORY,
      period: THIS_MONTH,
      status: "returned",
      submittedOn: parisDate(),
    });
    const res = await publish(2, THIS_MONTH);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: "MONTH_ALREADY_SUBMITTED",
      message: `Des rapports ${ofPeriod(THIS_MONTH)} ont déjà été soumis : publiez à partir de ${periodLabel(NEXT_MONTH)} au plus tôt.`,
    });
    expect((await formRows(t))[0]?.valid_from).toBeNull();
    await t.db.execute(sql`delete from reports where id = ${report.id}`);
  });

  it("leaves the national settings' revision alone for a draft's writes: no process reloads for them", async () => {
    const before = await settingsRevision(t);
    const saved = await call("national", "PUT", "/api/forms/2", { changes: [...VERSION_2_CHANGES, RELABEL] }, await asRead(2));
    expect(saved.statusCode).toBe(200);
    expect((await call("national", "DELETE", "/api/forms/2", undefined, await asRead(2))).statusCode).toBe(204);
    expect((await call("national", "POST", "/api/forms", { basedOn: 1, changes: VERSION_2_CHANGES })).statusCode).toBe(201);
    expect(await settingsRevision(t)).toBe(before);
  });

  it("publishes from next month: next month is version 2 for every process, this month stays version 1", async () => {
    const revision = await settingsRevision(t);
    const published = await publish(2, NEXT_MONTH);
    expect(published.statusCode).toBe(200);
    expect(await settingsRevision(t)).toBeGreaterThan(revision);
    expect(published.json()).toMatchObject({ version: 2, status: "published", validFrom: NEXT_MONTH, validTo: null });
    expect(published.json().publishedBy).toBe("Personne national");
    expect(published.json().form).toMatchObject({ version: 2, validFrom: NEXT_MONTH });

    for (const api of [call, callOther]) {
      const next = (await api("atelier", "GET", `/api/form?period=${NEXT_MONTH}`)).json();
      expect(next.version).toBe(2);
      expect(fieldCodes(next)).toEqual(expect.arrayContaining(["trainingDays", "trainingDaysEspe"]));
      const later = (await api("territory", "GET", `/api/form?period=${month(14)}`)).json();
      expect(later.version).toBe(2);
      const current = (await api("atelier", "GET", `/api/form?period=${THIS_MONTH}`)).json();
      expect(current.version).toBe(1);
      expect(fieldCodes(current)).not.toContain("trainingDays");
      expect((await api("viewer", "GET", "/api/form")).json().version).toBe(1);
    }
    const versions = (await call("atelier", "GET", "/api/forms")).json().versions;
    expect(
      versions.map((v: { version: number; validFrom: string; validTo: string | null }) => [v.version, v.validFrom, v.validTo]),
    ).toEqual([
      [1, FORM_V1.validFrom, THIS_MONTH],
      [2, NEXT_MONTH, null],
    ]);
    // Published, it is everyone's to read.
    expect((await call("viewer", "GET", "/api/forms/2")).statusCode).toBe(200);
    const [event] = await journal(t, "form.publish");
    expect(event).toMatchObject({ subject: "form:2", details: { from: NEXT_MONTH } });
    expect(event?.actor_label).toContain("Personne national");
    expect(event?.details.changes as string[]).toHaveLength(4);
  });

  it("never changes a published version", async () => {
    for (const version of [1, 2]) {
      const put = await call("national", "PUT", `/api/forms/${version}`, { changes: [RELABEL] });
      expect(put.statusCode, `PUT ${version}`).toBe(409);
      expect(put.json().code).toBe("ALREADY_PUBLISHED");
      const del = await call("national", "DELETE", `/api/forms/${version}`, undefined, await asRead(version));
      expect(del.statusCode, `DELETE ${version}`).toBe(409);
      const again = await publish(version, month(6));
      expect(again.statusCode, `publish ${version}`).toBe(409);
      expect(again.json().code).toBe("ALREADY_PUBLISHED");
    }
    expect((await formRows(t)).map((r) => [r.version, r.valid_from])).toEqual([[2, NEXT_MONTH]]);
  });

  it("refuses a draft from a version older than the latest published one: it could never be published", async () => {
    const res = await call("national", "POST", "/api/forms", { basedOn: 1, changes: [RELABEL] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: "VALIDATION_FAILED",
      errors: [{ field: "basedOn", message: "Une nouvelle version part de la dernière version publiée, la version 2." }],
    });
    expect(await formRows(t)).toHaveLength(1);
  });

  it("refuses the codes of version 2 to a new field of the next draft", async () => {
    const res = await call("national", "POST", "/api/forms", { basedOn: 2, changes: VERSION_2_CHANGES.slice(0, 1) });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toMatch(/^Le code trainingDays a déjà servi \(version 2\)/);
    expect(await formRows(t)).toHaveLength(1);
  });

  it("refuses a second publication from the same month or an earlier one", async () => {
    const created = await call("national", "POST", "/api/forms", { basedOn: 2, changes: [RELABEL] });
    expect(created.statusCode).toBe(201);
    expect(created.json().version).toBe(3);
    for (const from of [NEXT_MONTH, THIS_MONTH]) {
      const res = await publish(3, from);
      expect(res.statusCode, from).toBe(422);
      expect(res.json().code).toBe("MONTH_NOT_AFTER_LATEST");
      expect(res.json().message).toContain(`Publiez à partir de ${periodLabel(month(2))} au plus tôt.`);
    }
  });

  it("lets only one of two simultaneous publications succeed", async () => {
    const read = await asRead(3);
    const [a, b] = await Promise.all([
      call("national", "POST", "/api/forms/3/publish", { from: month(3) }, read),
      call("national", "POST", "/api/forms/3/publish", { from: month(4) }, read),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? month(3) : month(4);
    expect((await formRows(t)).map((r) => [r.version, r.valid_from])).toEqual([
      [2, NEXT_MONTH],
      [3, winner],
    ]);
    expect(await journal(t, "form.publish")).toHaveLength(2);
  });

  it("lets only one of two simultaneous drafts be created", async () => {
    const body = { basedOn: 3, changes: [{ kind: "setHelp", field: "trainees", help: "Chaque personne une fois dans le mois." }] };
    const [a, b] = await Promise.all([call("national", "POST", "/api/forms", body), call("national", "POST", "/api/forms", body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((a.statusCode === 409 ? a : b).json().code).toBe("DRAFT_EXISTS");
    expect((await formRows(t)).map((r) => r.version)).toEqual([2, 3, 4]);
    expect((await call("national", "DELETE", "/api/forms/4", undefined, await asRead(4))).statusCode).toBe(204);
  });

  it("refuses to publish a draft made from a version that is no longer the latest", async () => {
    const body = { basedOn: 2, changes: [{ kind: "setRequired", field: "highlights", required: false }] };
    const older = await call("national", "POST", "/api/forms", body);
    expect(older.statusCode).toBe(422);
    expect(older.json().errors).toEqual([
      { field: "basedOn", message: "Une nouvelle version part de la dernière version publiée, la version 3." },
    ]);
    const created = await call("national", "POST", "/api/forms", { ...body, basedOn: 3 });
    expect(created.statusCode).toBe(201);
    expect(created.json().version).toBe(4);
    // A draft kept from before creation refused an older base: publication still refuses it.
    await t.db.execute(sql`update form_versions set based_on = 2 where version = 4`);
    const res = await publish(4, month(8));
    await t.db.execute(sql`update form_versions set based_on = 3 where version = 4`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: "BASE_OUTDATED",
      message:
        "Ce brouillon part de la version 2, mais la version 3 a été publiée depuis : préparez-le à nouveau à partir de la version 3.",
    });
  });

  it("lets no one but the national team write, and no one signed out read", async () => {
    const writes: [InjectOptions["method"], string, unknown][] = [
      ["POST", "/api/forms", { basedOn: 3, changes: [] }],
      ["PUT", "/api/forms/4", { changes: [] }],
      ["DELETE", "/api/forms/4", undefined],
      ["POST", "/api/forms/4/publish", { from: month(9) }],
    ];
    const before = await formRows(t);
    for (const [method, url, payload] of writes) {
      for (const who of READERS) {
        const res = await call(who, method, url, payload);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
        expect(res.json().code).toBe("FORBIDDEN");
      }
      const anonymous = await call("anonymous", method, url, payload);
      expect(anonymous.statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
    for (const url of ["/api/form", `/api/form?period=${NEXT_MONTH}`, "/api/forms", "/api/forms/1"]) {
      const res = await call("anonymous", "GET", url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe("UNAUTHENTICATED");
    }
    expect(await formRows(t)).toEqual(before);
  });

  it("answers bad input with a 422 in French, and changes nothing", async () => {
    const before = await formRows(t);
    const cases: [InjectOptions["method"], string, unknown, string, RegExp][] = [
      ["GET", "/api/form?period=2027-13", undefined, "period", /^Mois invalide : attendu AAAA-MM/],
      ["GET", "/api/forms/zéro", undefined, "version", /nombre attendu/],
      ["GET", "/api/forms/0", undefined, "version", /^Numéro de version invalide\.$/],
      ["POST", "/api/forms/4/publish", { from: "janvier" }, "from", /^Mois invalide/],
      ["POST", "/api/forms/4/publish", {}, "from", /attendu/],
      ["POST", "/api/forms", { basedOn: "la dernière" }, "basedOn", /nombre attendu/],
      ["PUT", "/api/forms/4", { changes: [{ kind: "renameEverything" }] }, "changes.0.kind", /^Modification inconnue : addField, relabel/],
      [
        "PUT",
        "/api/forms/4",
        { changes: [{ kind: "relabel", field: "trainees", label: "   " }] },
        "changes.0.label",
        /^Ce texte ne peut pas être vide\.$/,
      ],
      ["PUT", "/api/forms/4", { changes: [{ kind: "relabel", field: "un code", label: "Libellé" }] }, "changes.0.field", /^Code invalide/],
      [
        "PUT",
        "/api/forms/4",
        {
          changes: [
            { kind: "addField", section: "formation", field: { code: "x1", label: "X", type: "date", kind: "flow", required: true } },
          ],
        },
        "changes.0.field.type",
        /^Type inconnu/,
      ],
      // A code the platform keeps: a property of every JavaScript object, a column of the reports CSV.
      ...["constructor", "toString", "Notes", "mois"].map((code): [InjectOptions["method"], string, unknown, string, RegExp] => [
        "PUT",
        "/api/forms/4",
        {
          changes: [{ kind: "addField", section: "formation", field: { code, label: "X", type: "integer", kind: "flow", required: true } }],
        },
        "changes.0.field.code",
        new RegExp(`^Le code ${code} est réservé par la plateforme : choisissez-en un autre\\.$`),
      ]),
      // Well formed, but not a field of the version: the domain's check, in the same shape.
      [
        "PUT",
        "/api/forms/4",
        { changes: [{ kind: "relabel", field: "nulle", label: "Champ inconnu" }] },
        "changes.0.field",
        /n'existe pas dans cette version/,
      ],
    ];
    for (const [method, url, payload, field, message] of cases) {
      const res = await call("national", method, url, payload);
      const what = `${method} ${url} ${JSON.stringify(payload)}`;
      expect(res.statusCode, what).toBe(422);
      expect(res.json().code, what).toBe("VALIDATION_FAILED");
      expect(res.json().errors, what).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
    expect(await formRows(t)).toEqual(before);
  });

  it("lists its routes in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/form", "/api/forms", "/api/forms/{version}", "/api/forms/{version}/publish"]),
    );
    expect(Object.keys(doc.paths["/api/forms/{version}"]).sort()).toEqual(["delete", "get", "put"]);
    expect(doc.paths["/api/forms/{version}/publish"].post.tags).toEqual(["Questionnaire"]);
    for (const operation of [doc.paths["/api/forms/{version}/publish"].post, doc.paths["/api/forms/{version}"].delete]) {
      expect(operation.responses).toHaveProperty("428");
      expect(operation.parameters).toContainEqual(expect.objectContaining({ in: "header", name: "if-match" }));
      expect(operation.description).toContain("If-Match obligatoire");
    }
  });
});

describe("the service functions the demo seed calls", () => {
  let t: TestApp;
  let call: ReturnType<typeof client>;
  const system = { id: null, label: "Données de démonstration" };

  beforeAll(async () => {
    t = await createTestApp();
    call = client(t, await signInPeople(t, { national: PEOPLE.national }));
  });
  afterAll(async () => await t?.close());

  it("leave nothing when the seed's transaction rolls back", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        const { version } = await createDraft(tx, system, 1, VERSION_2_CHANGES);
        await publishVersion(tx, system, version, "2025-09", { today: "2026-03-10", allowPast: true });
        throw new Error("seed failed");
      }),
    ).rejects.toThrow("seed failed");
    expect(await formRows(t)).toEqual([]);
  });

  it("refuse a past month unless told the history already used it", async () => {
    await t.db.transaction(async (tx) => {
      const { version } = await createDraft(tx, system, 1, VERSION_2_CHANGES);
      expect(version).toBe(2);
      await expect(publishVersion(tx, system, version, "2025-09", { today: "2026-03-10" })).rejects.toMatchObject({
        code: "MONTH_PASSED",
        httpStatus: 422,
      });
      await publishVersion(tx, system, version, "2025-09", { today: "2026-03-10", allowPast: true });
    });
    expect((await formRows(t)).map((r) => [r.version, r.valid_from])).toEqual([[2, "2025-09"]]);
    const [event] = await journal(t, "form.publish");
    expect(event).toMatchObject({ actor_label: "Données de démonstration", subject: "form:2", details: { from: "2025-09" } });
    const v2 = (await call("national", "GET", "/api/forms/2")).json();
    expect(v2).toMatchObject({ createdBy: null, publishedBy: null, validFrom: "2025-09" });
    expect((await call("national", "GET", "/api/form?period=2025-08")).json().version).toBe(1);
    expect((await call("national", "GET", "/api/form?period=2025-09")).json().version).toBe(2);
  });

  it("accept the current month while none of its reports was submitted (a draft does not count)", async () => {
    await buildReport(t.db, { atelierCode: "86", territoryCode: TERRITORY, period: "2030-05", status: "draft" });
    const { version } = await createDraft(t.db, system, 2, [RELABEL]);
    await publishVersion(t.db, system, version, "2030-05", { today: "2030-05-20" });
    expect((await formRows(t)).map((r) => [r.version, r.valid_from])).toEqual([
      [2, "2025-09"],
      [3, "2030-05"],
    ]);
  });

  it("refuse the current month once one of its reports was submitted", async () => {
    await buildReport(t.db, {
      atelierCode: "14",
      territoryCode: "normandie",
      period: "2031-02",
      status: "submitted",
      submittedOn: "2031-02-27",
    });
    const { version } = await createDraft(t.db, system, 3, [{ kind: "setRequired", field: "highlights", required: false }]);
    await expect(publishVersion(t.db, system, version, "2031-02", { today: "2031-02-28" })).rejects.toMatchObject({
      code: "MONTH_ALREADY_SUBMITTED",
      message: "Des rapports de février 2031 ont déjà été soumis : publiez à partir de mars 2031 au plus tôt.",
    });
    await publishVersion(t.db, system, version, "2031-03", { today: "2031-02-28" });
    expect((await formRows(t)).at(-1)).toMatchObject({ version: 4, valid_from: "2031-03" });
  });

  it("publish at most 24 months after the current one", async () => {
    const { version } = await createDraft(t.db, system, 4, [RELABEL]);
    await expect(publishVersion(t.db, system, version, "2033-04", { today: "2031-03-10" })).rejects.toMatchObject({
      code: "MONTH_TOO_FAR",
      httpStatus: 422,
      message: "Une version se publie au plus 24 mois à l'avance : choisissez un mois jusqu'à mars 2033 au plus tard.",
    });
    await publishVersion(t.db, system, version, "2033-03", { today: "2031-03-10" });
    expect((await formRows(t)).at(-1)).toMatchObject({ version: 5, valid_from: "2033-03" });
  });
});
