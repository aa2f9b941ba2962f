/**
 * The administrative journal (GET /api/audit): what the actions of the
 * platform write, read back newest first with their French labels and their
 * state before and after, filtered by actor, action, subject and Paris days.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditEvents, users } from "../src/db/schema.ts";
import { ACTION_LABELS } from "../src/modules/audit/labels.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let admin: Awaited<ReturnType<typeof buildUser>>;
let national: Awaited<ReturnType<typeof buildUser>>;
const cookie: Record<string, string> = {};
let invitedId = "";

type Method = "GET" | "POST" | "PATCH" | "PUT";
const call = (who: string | null, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: cookie[who] ?? "" } : {} });
const journal = async (query = "") => {
  const res = await call("admin", "GET", `/api/audit${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const auditCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n ?? 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await buildUser(t.db, { displayName: "Aline Journal", email: "aline.journal@canope.test", grants: [{ role: "admin" }] });
  national = await buildUser(t.db, { displayName: "Nadia National", email: "nadia@canope.test", grants: [{ role: "national" }] });
  const viewer = await buildUser(t.db, { grants: [{ role: "viewer" }] });
  const director = await buildUser(t.db, { grants: [{ role: "territory", territoryCode: "normandie" }] });
  cookie.admin = (await signIn(t.app, admin.email, admin.password)).cookie;
  cookie.national = (await signIn(t.app, national.email, national.password)).cookie;
  cookie.viewer = (await signIn(t.app, viewer.email, viewer.password)).cookie;
  cookie.director = (await signIn(t.app, director.email, director.password)).cookie;

  // The actions, one after the other, as people would do them.
  const created = await call("admin", "POST", "/api/users", {
    email: "hugo.invite@canope.test",
    displayName: "Hugo Invité",
    roles: [{ role: "atelier", atelierCode: "86" }],
  });
  expect(created.statusCode, created.body).toBe(201);
  invitedId = created.json().user.id;
  expect((await call("admin", "PATCH", `/api/users/${invitedId}`, { displayName: "Hugo Invité-Martin" })).statusCode).toBe(200);
  expect((await call("national", "PUT", "/api/settings/due-day", { dueDay: 5 })).statusCode).toBe(200);
  expect((await call("national", "PUT", "/api/settings/due-day", { dueDay: 7 })).statusCode).toBe(200);
  const renamed = await call("admin", "PATCH", "/api/territories/normandie", { name: "Normandie (renommée)" });
  expect(renamed.statusCode, renamed.body).toBe(200);
});
afterAll(async () => await t.close());

describe("who reads the journal", () => {
  it("administrators only: 403 for every other role, 401 for nobody", async () => {
    for (const who of ["national", "viewer", "director"]) {
      const res = await call(who, "GET", "/api/audit");
      expect(res.statusCode, who).toBe(403);
      expect(res.json().message).toBe("Votre rôle ne donne pas accès à cette fonction.");
    }
    expect((await call(null, "GET", "/api/audit")).statusCode).toBe(401);
  });
});

describe("what the journal says", () => {
  it("lists the actions newest first, each with its actor, French labels, and the state before and after", async () => {
    const page = await journal();
    const ats = page.items.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const [territory, dueDay7, dueDay5, renamed, invitationSent, created] = page.items;
    expect(territory).toMatchObject({
      action: "territory.renamed",
      actionLabel: "Direction territoriale renommée",
      subject: "territory:normandie",
      subjectLabel: "Direction territoriale Normandie (renommée)",
      actor: { id: admin.id },
      before: { name: "Normandie" },
      after: { name: "Normandie (renommée)" },
    });
    expect(dueDay7).toMatchObject({
      action: "setting.changed",
      actionLabel: "Paramètre modifié",
      subject: "setting:dueDay",
      subjectLabel: "Jour d'échéance des rapports",
      // The settings name their actor by name only (settings/service.ts).
      actor: { id: national.id, label: "Nadia National" },
      before: 5,
      after: 7,
    });
    // Never stored before: the default of the code was in force.
    expect(dueDay5).toMatchObject({ action: "setting.changed", before: null, after: 5 });
    expect(renamed).toMatchObject({
      action: "user.renamed",
      actionLabel: "Compte renommé",
      subject: `user:${invitedId}`,
      subjectLabel: "Hugo Invité-Martin <hugo.invite@canope.test>",
      actor: { id: admin.id, label: "Aline Journal <aline.journal@canope.test>" },
      before: { displayName: "Hugo Invité" },
      after: { displayName: "Hugo Invité-Martin" },
      details: {},
    });
    expect(invitationSent).toMatchObject({
      action: "user.invitation_sent",
      actionLabel: "Invitation envoyée",
      before: null,
      after: null,
      details: { sentTo: "hugo.invite@canope.test", expiresAt: expect.any(String) },
    });
    expect(created).toMatchObject({
      action: "user.created",
      actionLabel: "Compte créé",
      before: null,
      after: { email: "hugo.invite@canope.test", displayName: "Hugo Invité", roles: [{ role: "atelier", atelierCode: "86" }] },
    });
    expect(page.actions).toEqual([
      { action: "setting.changed", label: "Paramètre modifié" },
      { action: "territory.renamed", label: "Direction territoriale renommée" },
      { action: "user.created", label: "Compte créé" },
      { action: "user.invitation_sent", label: "Invitation envoyée" },
      { action: "user.renamed", label: "Compte renommé" },
    ]);
  });

  it("writes nothing for a refused change (same transaction as the action)", async () => {
    const before = await auditCount();
    expect((await call("national", "PUT", "/api/settings/due-day", { dueDay: 31 })).statusCode).toBe(422);
    expect((await call("admin", "PATCH", `/api/users/${admin.id}`, { active: false })).statusCode).toBe(409);
    expect((await call("admin", "PATCH", "/api/territories/normandie", { name: "" })).statusCode).toBe(422);
    expect(await auditCount()).toBe(before);
  });

  it("names tokens and accounts that still exist, and says so of those that do not; an unknown action shows its code", async () => {
    const gone = await buildUser(t.db, { displayName: "Parti Ailleurs" });
    const [token] = await t.db
      .insert(apiTokens)
      .values({ userId: national.id, label: "Entrepôt", tokenHash: "h-entrepot", prefix: "ea_Abc1234", expiresOn: "2099-01-01" })
      .returning();
    await t.db.insert(auditEvents).values([
      { actorLabel: "test", action: "token.created", subject: `token:${token?.id}`, details: {} },
      { actorLabel: "test", action: "user.created", subject: `user:${gone.id}`, details: {} },
      { actorLabel: "test", action: "quelque.chose_de_neuf", subject: "chose:1", details: { n: 1 } },
    ]);
    await t.db.delete(users).where(eq(users.id, gone.id));
    const items = (await journal("?actor=test&limit=3")).items;
    expect(items.map((e: { actionLabel: string; subjectLabel: string }) => [e.actionLabel, e.subjectLabel])).toEqual([
      ["quelque.chose_de_neuf", "chose:1"],
      ["Compte créé", `Compte ${gone.id} (supprimé)`],
      ["Jeton d'API créé", "Jeton d'API « Entrepôt » (ea_Abc1234…) de Nadia National"],
    ]);
    expect(items[0].details).toEqual({ n: 1 });
    expect(items[0]).toMatchObject({ before: null, after: null });
    await t.db.delete(auditEvents).where(eq(auditEvents.actorLabel, "test"));
  });

  it("has a French label for every action the code writes", () => {
    const root = path.resolve(import.meta.dirname, "../src");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts") && !f.endsWith("labels.ts"));
    const written = new Set<string>();
    const family = /"((?:user|password|token|sessions|setting|year|target|distance_learning|territory|atelier|demo)\.[a-z_]+)"/g;
    const anyAction = /action:\s*"([a-z_]+\.[a-z_]+)"/g;
    for (const f of files) {
      const text = readFileSync(path.join(root, f), "utf8");
      for (const m of text.matchAll(family)) written.add(m[1] ?? "");
      for (const m of text.matchAll(anyAction)) written.add(m[1] ?? "");
    }
    for (const shared of ["user.deactivated", "password.set", "sessions.ended", "token.revoked", "setting.changed"]) {
      expect(written).toContain(shared);
    }
    expect([...written].filter((a) => !(a in ACTION_LABELS))).toEqual([]);
  });
});

describe("the journal's filters", () => {
  it("by actor: an id, or a part of the name or address without case", async () => {
    const byId = await journal(`?actor=${national.id}`);
    expect(byId.total).toBe(2);
    expect(byId.items.every((e: { actor: { id: string } }) => e.actor.id === national.id)).toBe(true);
    expect((await journal("?actor=NADIA")).total).toBe(2);
    expect((await journal("?actor=aline journal")).total).toBe(4);
    // The accounts' entries name their actor with the address too (the referential's, by name only).
    expect((await journal("?actor=aline.journal@")).total).toBe(3);
    expect((await journal("?actor=personne")).total).toBe(0);
    expect((await journal("?actor=%25")).total).toBe(0);
  });

  it("by action: exact, or a family ending with a dot", async () => {
    expect((await journal("?action=user.renamed")).items.map((e: { action: string }) => e.action)).toEqual(["user.renamed"]);
    expect((await journal("?action=user.")).items.map((e: { action: string }) => e.action)).toEqual([
      "user.renamed",
      "user.invitation_sent",
      "user.created",
    ]);
    expect((await journal("?action=user")).total).toBe(0);
    expect((await journal("?action=_ser.")).total).toBe(0);
  });

  it("by subject", async () => {
    const page = await journal(`?subject=user:${invitedId}`);
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(["user.renamed", "user.invitation_sent", "user.created"]);
  });

  it("by days, inclusive, in Paris time", async () => {
    // 2025-03-10 in Paris (UTC+1) runs from 2025-03-09T23:00Z to 2025-03-10T23:00Z.
    await t.db.insert(auditEvents).values([
      { at: new Date("2025-03-09T22:59:59Z"), actorLabel: "dates", action: "year.closed", subject: "year:2023", details: {} },
      { at: new Date("2025-03-09T23:00:00Z"), actorLabel: "dates", action: "year.closed", subject: "year:2024", details: {} },
      { at: new Date("2025-03-10T22:59:59Z"), actorLabel: "dates", action: "target.set", subject: "target:1-1:2025", details: {} },
      { at: new Date("2025-03-10T23:00:00Z"), actorLabel: "dates", action: "target.set", subject: "target:1-1:2026", details: {} },
    ]);
    const day = await journal("?actor=dates&from=2025-03-10&to=2025-03-10");
    expect(day.items.map((e: { subject: string; subjectLabel: string }) => [e.subject, e.subjectLabel])).toEqual([
      ["target:1-1:2025", "Cible de l'indicateur 1-1 pour 2025"],
      ["year:2024", "Année 2024"],
    ]);
    expect((await journal("?actor=dates&from=2025-03-10")).total).toBe(3);
    expect((await journal("?actor=dates&to=2025-03-09")).total).toBe(1);
    expect((await journal("?from=2025-03-11&to=2025-03-11&actor=dates")).total).toBe(1);
  });

  it("pages", async () => {
    const all = await journal();
    const second = await journal("?limit=2&offset=2");
    expect([second.total, second.limit, second.offset]).toEqual([all.total, 2, 2]);
    expect(second.items.map((e: { id: number }) => e.id)).toEqual(all.items.slice(2, 4).map((e: { id: number }) => e.id));
  });

  it("refuses days that do not exist, an end before the start, and bad pages, in French", async () => {
    const cases: [string, string][] = [
      ["?from=2026-02-30", "from"],
      ["?to=2026-13-01", "to"],
      ["?from=2026-1-1", "from"],
      ["?from=0000-01-01", "from"],
      ["?from=2026-03-10&to=2026-03-09", "to"],
      ["?limit=0", "limit"],
      ["?limit=201", "limit"],
      ["?offset=-1", "offset"],
    ];
    for (const [query, field] of cases) {
      const res = await call("admin", "GET", `/api/audit${query}`);
      expect(res.statusCode, query).toBe(422);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
    const res = await call("admin", "GET", "/api/audit?from=2026-02-30");
    expect(res.json().errors).toEqual([{ field: "from", message: "Le 2026-02-30 n'existe pas dans le calendrier." }]);
  });
});
