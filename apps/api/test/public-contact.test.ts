/**
 * The contact address and hosting notice: national settings that the public
 * pages read without signing in (GET /api/public/contact), checked and
 * journaled like the other settings, and cached with their revision.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appOn, buildUser, createTestApp, signIn } from "./helpers.ts";

let one: Awaited<ReturnType<typeof createTestApp>>;
/** A second app on the same database: another API process, with its own settings cache. */
let other: Awaited<ReturnType<typeof appOn>>;
const cookies: Record<"national" | "admin" | "director" | "territory", string> = { national: "", admin: "", director: "", territory: "" };
let nationalId = "";

beforeAll(async () => {
  one = await createTestApp();
  other = await appOn(one.url);
  const national = await buildUser(one.db, { displayName: "Nina Nationale", grants: [{ role: "national" }] });
  nationalId = national.id;
  const admin = await buildUser(one.db, { grants: [{ role: "admin" }] });
  const director = await buildUser(one.db, { grants: [{ role: "atelier", atelierCode: "86" }] });
  const territory = await buildUser(one.db, { grants: [{ role: "territory", territoryCode: "normandie" }] });
  cookies.national = (await signIn(one.app, national.email, national.password)).cookie;
  cookies.admin = (await signIn(one.app, admin.email, admin.password)).cookie;
  cookies.director = (await signIn(one.app, director.email, director.password)).cookie;
  cookies.territory = (await signIn(one.app, territory.email, territory.password)).cookie;
});
afterAll(async () => {
  await other.close();
  await one.close();
});

const publicContact = async (app = one.app, headers: Record<string, string> = {}) =>
  await app.inject({ method: "GET", url: "/api/public/contact", headers });

const setPublicPages = async (who: keyof typeof cookies, payload: unknown, app = one.app) =>
  await app.inject({ method: "PUT", url: "/api/settings/public-pages", payload: payload as object, headers: { cookie: cookies[who] } });

const storedSettings = async () =>
  (await one.db.execute(sql`select key, value from settings where key in ('contactEmail', 'hostingNotice') order by key`)).rows;

const journal = async () =>
  (
    await one.db.execute(
      sql`select subject, actor_id, details from audit_events where action = 'setting.changed' and subject in ('setting:contactEmail', 'setting:hostingNotice') order by id`,
    )
  ).rows as { subject: string; actor_id: string; details: { before: unknown; after: unknown } }[];

describe("GET /api/public/contact", () => {
  it("answers without signing in, with no address and the default due day before anyone sets them, and a short cache", async () => {
    const res = await publicContact();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: null, dueDay: one.config.reportDueDay, hostingNotice: null });
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
  });

  it("gives the due day the national team set", async () => {
    const changed = await one.app.inject({
      method: "PUT",
      url: "/api/settings/due-day",
      payload: { dueDay: 8 },
      headers: { cookie: cookies.national },
    });
    expect(changed.statusCode).toBe(200);
    expect((await publicContact()).json().dueDay).toBe(8);
    expect((await publicContact(other.app)).json().dueDay).toBe(8);
  });
});

describe("PUT /api/settings/public-pages", () => {
  it("lets the national team set the address and notice, shown at once to anyone, signed in or not, on every process", async () => {
    // Filled before the change: the other process has these settings cached.
    expect((await publicContact(other.app)).json().email).toBeNull();
    const res = await setPublicPages("national", {
      contactEmail: "  enquete-atelier@reseau-canope.fr ",
      hostingNotice: "Hébergé par OVHcloud, 2 rue Kellermann, 59100 Roubaix.",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      contactEmail: "enquete-atelier@reseau-canope.fr",
      hostingNotice: "Hébergé par OVHcloud, 2 rue Kellermann, 59100 Roubaix.",
    });
    const expected = {
      email: "enquete-atelier@reseau-canope.fr",
      dueDay: 8,
      hostingNotice: "Hébergé par OVHcloud, 2 rue Kellermann, 59100 Roubaix.",
    };
    expect((await publicContact(other.app)).json()).toEqual(expected);
    expect((await publicContact(one.app)).json()).toEqual(expected);
    expect((await publicContact(other.app, { cookie: cookies.director })).json()).toEqual(expected);
    const settings = await one.app.inject({ url: "/api/settings", headers: { cookie: cookies.director } });
    expect(settings.json()).toMatchObject({ contactEmail: expected.email, hostingNotice: expected.hostingNotice });
  });

  it("journals each changed setting with its actor, before and after, and nothing for a value that stays", async () => {
    const before = await journal();
    expect(before.map((e) => e.subject)).toEqual(["setting:contactEmail", "setting:hostingNotice"]);
    expect(before[0]).toMatchObject({ actor_id: nationalId, details: { before: null, after: "enquete-atelier@reseau-canope.fr" } });
    const res = await setPublicPages("national", {
      contactEmail: "enquete-atelier@reseau-canope.fr",
      hostingNotice: "Hébergé par OVHcloud, 2 rue Kellermann, 59100 Roubaix.",
    });
    expect(res.statusCode).toBe(200);
    expect(await journal()).toHaveLength(2);
    const labelled = await one.app.inject({ url: "/api/audit?action=setting.changed", headers: { cookie: cookies.admin } });
    expect(labelled.statusCode).toBe(200);
    const labels = (labelled.json().items as { subject: string; subjectLabel: string }[])
      .filter((e) => e.subject === "setting:contactEmail")
      .map((e) => e.subjectLabel);
    expect(labels).toEqual(["Adresse de contact des pages publiques"]);
  });

  it("refuses an address that is not one with a French message on its field, and changes nothing", async () => {
    const stored = await storedSettings();
    const journaled = (await journal()).length;
    for (const contactEmail of ["pas-une-adresse", "contact@", "a@b", `${"x".repeat(250)}@reseau-canope.fr`]) {
      const res = await setPublicPages("national", { contactEmail, hostingNotice: "Autre hébergeur" });
      expect(res.statusCode, contactEmail).toBe(422);
      const field = (res.json().errors as { field: string; message: string }[]).find((e) => e.field === "contactEmail");
      expect(field?.message, contactEmail).toMatch(/adresse/);
    }
    const missing = await setPublicPages("national", { hostingNotice: "" });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toContainEqual({
      field: "contactEmail",
      message: "Saisissez l'adresse de contact, ou laissez le champ vide pour la retirer.",
    });
    const tooLong = await setPublicPages("national", { contactEmail: "", hostingNotice: "h".repeat(1001) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors).toContainEqual({
      field: "hostingNotice",
      message: "La mention d'hébergement ne peut dépasser 1000 caractères.",
    });
    expect(await storedSettings()).toEqual(stored);
    expect(await journal()).toHaveLength(journaled);
    expect((await publicContact(other.app)).json().email).toBe("enquete-atelier@reseau-canope.fr");
  });

  it("is for the national team and the administrators only", async () => {
    const stored = await storedSettings();
    for (const who of ["director", "territory"] as const) {
      const res = await setPublicPages(who, { contactEmail: "pirate@exemple.test", hostingNotice: "" });
      expect(res.statusCode, who).toBe(403);
    }
    const anonymous = await one.app.inject({
      method: "PUT",
      url: "/api/settings/public-pages",
      payload: { contactEmail: "pirate@exemple.test", hostingNotice: "" },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await storedSettings()).toEqual(stored);
    const byAdmin = await setPublicPages("admin", { contactEmail: "support@reseau-canope.fr", hostingNotice: "" }, other.app);
    expect(byAdmin.statusCode).toBe(200);
    expect((await publicContact(one.app)).json()).toEqual({ email: "support@reseau-canope.fr", dueDay: 8, hostingNotice: null });
  });

  it("clears the address with an empty text: the public pages then have none", async () => {
    const res = await setPublicPages("national", { contactEmail: "", hostingNotice: "" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contactEmail: null, hostingNotice: null });
    expect((await publicContact(other.app)).json().email).toBeNull();
    expect((await journal()).at(-1)).toMatchObject({
      subject: "setting:contactEmail",
      details: { before: "support@reseau-canope.fr", after: "" },
    });
  });
});
