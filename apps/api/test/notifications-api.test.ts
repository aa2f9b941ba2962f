/**
 * The notification routes: each user reads and changes their own
 * preferences only; the outbox page is for administrators.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { notificationPreferences, outbox } from "../src/db/schema.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
const people: Record<string, { id: string; cookie: string }> = {};

beforeAll(async () => {
  t = await createTestApp();
  const grants = {
    a86: [{ role: "atelier", atelierCode: "86" }],
    a86bis: [{ role: "atelier", atelierCode: "86" }],
    dtNormandie: [{ role: "territory", territoryCode: "normandie" }],
    both: [
      { role: "atelier", atelierCode: "14" },
      { role: "territory", territoryCode: "normandie" },
    ],
    national: [{ role: "national" }],
    viewer: [{ role: "viewer" }],
    admin: [{ role: "admin" }],
  } as const;
  for (const [name, g] of Object.entries(grants)) {
    const u = await buildUser(t.db, { grants: [...g] });
    people[name] = { id: u.id, cookie: (await signIn(t.app, u.email, u.password)).cookie };
  }
});
afterAll(async () => await t.close());

const api = (who: string | null, method: "GET" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: who ? { cookie: people[who]?.cookie ?? "" } : {} });
const kinds = (res: { json(): { preferences: { kind: string; enabled: boolean }[] } }) =>
  Object.fromEntries(res.json().preferences.map((p) => [p.kind, p.enabled]));

describe("GET /api/me/notifications", () => {
  it("lists the emails that concern the caller's roles, all on by default, the essential one marked", async () => {
    const res = await api("a86", "GET", "/api/me/notifications");
    expect(res.statusCode).toBe(200);
    expect(kinds(res)).toEqual({ reminders: true, report_validated: true, report_returned: true });
    const returned = res.json().preferences.find((p: { kind: string }) => p.kind === "report_returned");
    expect(returned).toMatchObject({ essential: true, enabled: true, label: "Avis de renvoi d'un rapport" });
    expect(kinds(await api("dtNormandie", "GET", "/api/me/notifications"))).toEqual({ digest: true });
    expect(Object.keys(kinds(await api("both", "GET", "/api/me/notifications")))).toEqual([
      "reminders",
      "digest",
      "report_validated",
      "report_returned",
    ]);
    expect(kinds(await api("viewer", "GET", "/api/me/notifications"))).toEqual({});
  });

  it("needs a session", async () => {
    expect((await api(null, "GET", "/api/me/notifications")).statusCode).toBe(401);
    expect((await api(null, "PUT", "/api/me/notifications", { preferences: { reminders: false } })).statusCode).toBe(401);
  });
});

describe("PUT /api/me/notifications", () => {
  it("turns a non-essential email off and on again, for the caller only", async () => {
    const off = await api("a86", "PUT", "/api/me/notifications", { preferences: { reminders: false } });
    expect(off.statusCode).toBe(200);
    expect(kinds(off)).toEqual({ reminders: false, report_validated: true, report_returned: true });
    expect(kinds(await api("a86", "GET", "/api/me/notifications")).reminders).toBe(false);
    // The other director of the same atelier is untouched.
    expect(kinds(await api("a86bis", "GET", "/api/me/notifications")).reminders).toBe(true);
    const stored = await t.db.select().from(notificationPreferences);
    expect(stored.map((p) => [p.userId, p.kind, p.enabled])).toEqual([[people.a86?.id, "reminders", false]]);

    const on = await api("a86", "PUT", "/api/me/notifications", { preferences: { reminders: true, report_validated: false } });
    expect(kinds(on)).toEqual({ reminders: true, report_validated: false, report_returned: true });
  });

  it("refuses to turn off an essential email, or one that does not concern the caller, and changes nothing", async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(notificationPreferences);
    const essential = await api("a86bis", "PUT", "/api/me/notifications", { preferences: { reminders: false, report_returned: false } });
    expect(essential.statusCode).toBe(422);
    expect(essential.json()).toMatchObject({
      code: "VALIDATION_FAILED",
      errors: [{ field: "preferences.report_returned", message: "Ce message est indispensable : il ne peut pas être désactivé." }],
    });
    const notMine = await api("dtNormandie", "PUT", "/api/me/notifications", { preferences: { reminders: false } });
    expect(notMine.statusCode).toBe(422);
    expect(notMine.json().errors).toEqual([{ field: "preferences.reminders", message: "Ce type de message ne vous concerne pas." }]);
    // Turning an essential email "on" is harmless.
    expect((await api("a86bis", "PUT", "/api/me/notifications", { preferences: { report_returned: true } })).statusCode).toBe(200);
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(notificationPreferences)).toEqual(before);
  });

  it("refuses unknown kinds, values that are not booleans, and any attempt to name another user", async () => {
    for (const payload of [
      { preferences: { newsletter: false } },
      { preferences: { reminders: "non" } },
      { preferences: { reminders: false }, userId: people.a86bis?.id },
      {},
    ]) {
      const res = await api("a86", "PUT", "/api/me/notifications", payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json().code).toBe("VALIDATION_FAILED");
    }
    expect(kinds(await api("a86bis", "GET", "/api/me/notifications")).reminders).toBe(true);
  });
});

describe("GET /api/outbox", () => {
  beforeAll(async () => {
    await t.db.insert(outbox).values(
      Array.from({ length: 7 }, (_, i) => ({
        kind: "reminder_before",
        dedupeKey: `test:${i}`,
        toEmail: `personne.${i}@exemple.test`,
        subject: `Rappel ${i}`,
        body: "…",
        link: "/ateliers/86/rapports/2026-11",
        createdAt: new Date(Date.UTC(2026, 11, 7, 8, i)),
        ...(i === 0 ? { sentAt: new Date(Date.UTC(2026, 11, 7, 8, 1)), attempts: 1 } : {}),
        ...(i === 1 ? { attempts: 2, lastError: "Échec de l'envoi SMTP (ECONNECTION) : refusé" } : {}),
      })),
    );
  });

  it("is for administrators only", async () => {
    expect((await api(null, "GET", "/api/outbox")).statusCode).toBe(401);
    for (const who of ["a86", "dtNormandie", "national", "viewer"]) {
      const res = await api(who, "GET", "/api/outbox");
      expect(res.statusCode, who).toBe(403);
      expect(res.body).not.toContain("exemple.test");
    }
  });

  it("pages through every email, newest first, with its state", async () => {
    const first = await api("admin", "GET", "/api/outbox?limit=5");
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 7, limit: 5, offset: 0 });
    expect(first.json().items.map((i: { subject: string }) => i.subject)).toEqual([
      "Rappel 6",
      "Rappel 5",
      "Rappel 4",
      "Rappel 3",
      "Rappel 2",
    ]);
    expect(first.json().items[0]).toEqual({
      id: expect.any(Number),
      kind: "reminder_before",
      to: "personne.6@exemple.test",
      subject: "Rappel 6",
      link: "/ateliers/86/rapports/2026-11",
      status: "pending",
      createdAt: "2026-12-07T08:06:00.000Z",
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
    const rest = await api("admin", "GET", "/api/outbox?limit=5&offset=5");
    expect(rest.json().items.map((i: { subject: string; status: string }) => [i.subject, i.status])).toEqual([
      ["Rappel 1", "failed"],
      ["Rappel 0", "sent"],
    ]);
    expect(rest.json().items[0].lastError).toMatch(/ECONNECTION/);
  });

  it("refuses a page size out of bounds", async () => {
    expect((await api("admin", "GET", "/api/outbox?limit=500")).statusCode).toBe(422);
    expect((await api("admin", "GET", "/api/outbox?offset=-1")).statusCode).toBe(422);
  });
});

describe("mail settings", () => {
  const base = { NODE_ENV: "test", DATABASE_URL: "postgres://x@localhost/x" };

  it("defaults: no SMTP (the log), the sender, links to the local server, jobs on", () => {
    const config = loadConfig({ ...base, PORT: "4100" });
    expect(config.smtp).toEqual({ host: null, port: 587, secure: false, user: null, password: null });
    expect(config.mailFrom).toBe("Enquête atelier <ne-pas-repondre@reseau-canope.fr>");
    expect(config.publicUrl).toBe("http://localhost:4100");
    expect(config.jobs).toBe(true);
  });

  it("reads every variable", () => {
    const config = loadConfig({
      ...base,
      SMTP_HOST: "smtp.reseau-canope.fr",
      SMTP_SECURE: "1",
      SMTP_USER: "enquete",
      SMTP_PASSWORD: " un secret ",
      MAIL_FROM: "Canopé <enquete@reseau-canope.fr>",
      PUBLIC_URL: "https://enquete.reseau-canope.fr/",
      JOBS: "0",
    });
    expect(config.smtp).toEqual({ host: "smtp.reseau-canope.fr", port: 465, secure: true, user: "enquete", password: " un secret " });
    expect(config.mailFrom).toBe("Canopé <enquete@reseau-canope.fr>");
    expect(config.publicUrl).toBe("https://enquete.reseau-canope.fr");
    expect(config.jobs).toBe(false);
  });

  it("refuses half credentials, a link base that is not a web address, a bad port, in French", () => {
    expect(() => loadConfig({ ...base, SMTP_USER: "enquete" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, SMTP_USER: "enquete" })).toThrow(/SMTP_USER et SMTP_PASSWORD/);
    expect(() => loadConfig({ ...base, PUBLIC_URL: "enquete.reseau-canope.fr" })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...base, PUBLIC_URL: "ftp://enquete.reseau-canope.fr" })).toThrow(/https:\/\//);
    expect(() => loadConfig({ ...base, SMTP_PORT: "0" })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ ...base, JOBS: "peut-être" })).toThrow(/JOBS/);
  });
});
