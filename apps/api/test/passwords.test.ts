/**
 * Passwords chosen by the person: the forgotten-password link (the same
 * answer, in the same time, whatever the email; a single-use link valid an
 * hour, read from a real SMTP server), the link's page, the policy's French
 * reasons, the profile's change; every session ends with the old password.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditEvents, loginFailures, outbox, sessions, userLinks, users } from "../src/db/schema.ts";
import { createLink } from "../src/modules/auth/links.ts";
import { resetRequestsSettled } from "../src/modules/auth/password-routes.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";
import { type Mailbox, startMailbox } from "./mailbox.ts";

let smtp: Mailbox;
let t: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  smtp = await startMailbox();
  t = await createTestApp({
    smtp: { host: "127.0.0.1", port: smtp.port, secure: false, user: null, password: null },
    publicUrl: "https://enquete.exemple.fr",
  });
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const inbox = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

/** The secret of the latest password link sent to `email`, once the email has arrived. */
async function linkSentTo(email: string, count = 1): Promise<string> {
  await resetRequestsSettled();
  const deadline = Date.now() + 15_000;
  while (inbox(email).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // The courier marks the email sent once the server has taken it.
  await t.app.courier.idle();
  const mails = inbox(email);
  expect(mails.length).toBe(count);
  const text = mails.at(-1)?.text ?? "";
  const secret = /https:\/\/enquete\.exemple\.fr\/mot-de-passe#([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  expect(secret).toBeTruthy();
  return secret ?? "";
}

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url, payload, headers });
const requestReset = (email: string) => post("/api/auth/password-reset", { email });
const linkInfo = (token: string) => post("/api/auth/link-info", { token });
const setPassword = (token: string, password: string) => post("/api/auth/password", { token, password });
const login = (email: string, password: string) => post("/api/auth/login", { email, password });

const GOOD = "le hérisson traverse la départementale à minuit";
const GOOD_2 = "Tuile-Garance-Ventoux-73 sous la pluie";

const auditOf = async (userId: string) =>
  await t.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.subject, `user:${userId}`))
    .orderBy(auditEvents.id);

const sessionsOf = async (userId: string) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(eq(sessions.userId, userId)))[0]?.n ?? 0;

describe("forgotten password", () => {
  it("answers the same 202, with the same body and in the same time, for a known and an unknown email", async () => {
    const user = await buildUser(t.db);
    const time = async (email: string) => {
      const start = performance.now();
      const res = await requestReset(email);
      return { ms: performance.now() - start, status: res.statusCode, body: res.body, type: res.headers["content-type"] };
    };
    await time("echauffement@inconnu.test");
    const known: Awaited<ReturnType<typeof time>>[] = [];
    const unknown: Awaited<ReturnType<typeof time>>[] = [];
    // Interleaved, so that whatever the machine does meanwhile weighs on both alike.
    for (let i = 0; i < 15; i++) {
      known.push(await time(user.email));
      unknown.push(await time(`inconnu.${i}@inconnu.test`));
    }
    for (const res of [...known, ...unknown]) {
      expect(res.status).toBe(202);
      expect(res.body).toBe(known[0]?.body);
      expect(res.type).toBe(known[0]?.type);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const gap = Math.abs(median(known.map((r) => r.ms)) - median(unknown.map((r) => r.ms)));
    console.info(
      `password reset: median known ${median(known.map((r) => r.ms)).toFixed(1)} ms, unknown ${median(unknown.map((r) => r.ms)).toFixed(1)} ms`,
    );
    expect(gap).toBeLessThan(50);
    await resetRequestsSettled();
    // The known account got its three emails of the hour, and no more; the unknown ones, nothing.
    const rows = await t.db.select().from(outbox).where(eq(outbox.toUserId, user.id));
    expect(rows).toHaveLength(3);
    expect(await t.db.select().from(outbox).where(sql`${outbox.toEmail} like '%@inconnu.test'`)).toHaveLength(0);
    const requested = (await auditOf(user.id)).filter((e) => e.action === "password.reset_requested");
    expect(requested).toHaveLength(3);
    expect(requested[0]?.actorId).toBe(user.id);
    expect(requested[0]?.actorLabel).toBe(`${user.displayName} <${user.email}> (demande depuis la page de connexion)`);
  });

  it("sends a link that sets the password once, ends every session, and lets the person sign in with it", async () => {
    const user = await buildUser(t.db);
    const before = await signIn(t.app, user.email, user.password);
    const res = await requestReset(`  ${user.email.toUpperCase()} `);
    expect(res.statusCode).toBe(202);
    const secret = await linkSentTo(user.email);
    // The email goes at once (not at the next minute of the delivery job), and its secret is not kept.
    const [row] = await t.db.select().from(outbox).where(eq(outbox.toUserId, user.id));
    expect(row?.sentAt).not.toBeNull();
    expect(row?.link).toBeNull();
    const stored = await t.db.select().from(userLinks).where(eq(userLinks.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(secret);
    const lifetime = ((stored[0]?.expiresAt.getTime() ?? 0) - (stored[0]?.createdAt.getTime() ?? 0)) / 60_000;
    expect(lifetime).toBeCloseTo(60, 3);

    const info = await linkInfo(secret);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ purpose: "password_reset", email: user.email, displayName: user.displayName });

    expect((await setPassword(secret, GOOD)).statusCode).toBe(204);
    // Whoever held the old password, or a session, is out.
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: before.cookie } })).statusCode).toBe(401);
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, GOOD)).statusCode).toBe(200);
    const [account] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(account?.passwordChangedAt).not.toBeNull();

    // Once only.
    for (const again of [await setPassword(secret, GOOD_2), await linkInfo(secret)]) {
      expect(again.statusCode).toBe(410);
      expect(again.json()).toMatchObject({
        code: "LINK_GONE",
        message: "Ce lien n'est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.",
      });
    }
    expect((await login(user.email, GOOD)).statusCode).toBe(200);
    const set = (await auditOf(user.id)).find((e) => e.action === "password.set");
    expect(set?.details).toMatchObject({ purpose: "password_reset" });
    expect(set?.actorId).toBe(user.id);
  });

  it("refuses an expired link, an unknown one, and the link of a disabled account, with 410", async () => {
    const user = await buildUser(t.db);
    const expired = await createLink(t.db, { userId: user.id, purpose: "password_reset" });
    await t.db.update(userLinks).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(userLinks.id, expired.id));
    const disabled = await buildUser(t.db, { active: false });
    const ofDisabled = await createLink(t.db, { userId: disabled.id, purpose: "password_reset" });
    for (const secret of [expired.secret, "x".repeat(43), ofDisabled.secret]) {
      expect((await linkInfo(secret)).statusCode).toBe(410);
      const res = await setPassword(secret, GOOD);
      expect(res.statusCode).toBe(410);
      expect(res.json().code).toBe("LINK_GONE");
    }
    // Nothing changed: the old passwords still work (for the active account).
    expect((await login(user.email, user.password)).statusCode).toBe(200);
  });

  it("ends the earlier reset link when a new one is sent, and sends nothing for a disabled account", async () => {
    const user = await buildUser(t.db);
    await requestReset(user.email);
    const first = await linkSentTo(user.email, 1);
    await requestReset(user.email);
    const second = await linkSentTo(user.email, 2);
    expect(second).not.toBe(first);
    expect((await linkInfo(first)).statusCode).toBe(410);
    expect((await linkInfo(second)).statusCode).toBe(200);

    const disabled = await buildUser(t.db, { active: false });
    expect((await requestReset(disabled.email)).statusCode).toBe(202);
    await resetRequestsSettled();
    expect(await t.db.select().from(userLinks).where(eq(userLinks.userId, disabled.id))).toHaveLength(0);
    expect(await t.db.select().from(outbox).where(eq(outbox.toUserId, disabled.id))).toHaveLength(0);
  });

  it("recovers the account: a reset ends its API tokens too, and a used invitation link stays dead", async () => {
    const owner = await buildUser(t.db, { grants: [{ role: "national" }] });
    const [token] = await t.db
      .insert(apiTokens)
      .values({ userId: owner.id, label: "Script", tokenHash: "h".repeat(43), prefix: "ea_hhhhhhh", expiresOn: "2099-01-01" })
      .returning({ id: apiTokens.id });
    await requestReset(owner.email);
    expect((await setPassword(await linkSentTo(owner.email), GOOD)).statusCode).toBe(204);
    const [row] = await t.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, token?.id ?? ""));
    expect(row?.revokedAt).not.toBeNull();
    const [entry] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "password.set"), eq(auditEvents.subject, `user:${owner.id}`)));
    expect(entry?.details).toMatchObject({ purpose: "password_reset", tokensRevoked: 1 });

    const invited = await buildUser(t.db);
    await t.db.update(users).set({ passwordHash: null }).where(eq(users.id, invited.id));
    const invitation = await createLink(t.db, { userId: invited.id, purpose: "invitation" });
    expect((await setPassword(invitation.secret, GOOD)).statusCode).toBe(204);
    const again = await setPassword(invitation.secret, GOOD_2);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe("LINK_GONE");
  });

  it("activates an invited account through a reset link, as through its invitation", async () => {
    const invited = await buildUser(t.db);
    await t.db.update(users).set({ passwordHash: null }).where(eq(users.id, invited.id));
    const invitation = await createLink(t.db, { userId: invited.id, purpose: "invitation" });
    expect((await linkInfo(invitation.secret)).json()).toMatchObject({ purpose: "invitation", email: invited.email });
    await requestReset(invited.email);
    const secret = await linkSentTo(invited.email);
    expect((await setPassword(secret, GOOD)).statusCode).toBe(204);
    // Setting the password ends every unused link, the invitation too.
    expect((await linkInfo(invitation.secret)).statusCode).toBe(410);
    expect((await login(invited.email, GOOD)).statusCode).toBe(200);
  });

  it("sets a password through an invitation link, recorded as such", async () => {
    const invited = await buildUser(t.db);
    await t.db.update(users).set({ passwordHash: null }).where(eq(users.id, invited.id));
    const invitation = await createLink(t.db, { userId: invited.id, purpose: "invitation" });
    expect((await setPassword(invitation.secret, GOOD)).statusCode).toBe(204);
    const set = (await auditOf(invited.id)).find((e) => e.action === "password.set");
    expect(set?.details).toMatchObject({ purpose: "invitation" });
  });
});

describe("the password policy, with its French reasons", () => {
  const person = { email: "claire.martin@exemple.test", displayName: "Claire Martin" };
  const cases: [string, string, RegExp][] = [
    ["too short", "cheval-bleu", /^Le mot de passe doit compter au moins 12 caractères \(il en a 11\)\.$/],
    ["a common French password", "motdepasse123", /^Ce mot de passe serait vite deviné/],
    ["the email", "claire.martin@exemple.test", /^Le mot de passe ne doit pas être votre adresse électronique\.$/],
    ["the name", "ClaireMartin", /^Le mot de passe ne doit pas être votre nom\.$/],
  ];

  it.each(cases)("refuses %s through a link, and changes nothing", async (_case, password, reason) => {
    const user = await buildUser(t.db, { email: `${Math.random().toString(36).slice(2)}-${person.email}` });
    // The email of the person is the one the policy checks: give the account this test's email and name.
    await t.db.update(users).set({ email: person.email, displayName: person.displayName }).where(eq(users.id, user.id));
    try {
      const link = await createLink(t.db, { userId: user.id, purpose: "password_reset" });
      const res = await setPassword(link.secret, password);
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].field).toBe("password");
      expect(body.errors[0].message).toMatch(reason);
      // The link still works, and the password did not change.
      expect((await linkInfo(link.secret)).statusCode).toBe(200);
      expect((await login(person.email, user.password)).statusCode).toBe(200);
    } finally {
      await t.db.delete(users).where(eq(users.id, user.id));
    }
  });
});

describe("changing one's password in the profile", () => {
  const change = (cookie: string, currentPassword: string, newPassword: string, remoteAddress = "127.0.0.1") =>
    t.app.inject({ method: "PUT", url: "/api/me/password", payload: { currentPassword, newPassword }, headers: { cookie }, remoteAddress });

  it("asks for the current password: a wrong one is refused and counts as a failed sign-in", async () => {
    const user = await buildUser(t.db);
    const s = await signIn(t.app, user.email, user.password, "10.30.0.1");
    const res = await change(s.cookie, "pas-le-bon", GOOD, "10.30.0.1");
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: "currentPassword", message: "Le mot de passe actuel est incorrect." }]);
    const failures = await t.db
      .select()
      .from(loginFailures)
      .where(and(eq(loginFailures.emailKey, user.email), eq(loginFailures.ip, "10.30.0.1")));
    expect(failures).toHaveLength(1);
    // After the free failures, the form is slowed like the login.
    for (let i = 0; i < 5; i++) await change(s.cookie, `pas-le-bon-${i}`, GOOD, "10.30.0.1");
    const slowed = await change(s.cookie, user.password, GOOD, "10.30.0.1");
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().code).toBe("TOO_MANY_ATTEMPTS");
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
  });

  it("refuses the same password, and a weak one, with their reasons", async () => {
    const user = await buildUser(t.db, { password: GOOD_2 });
    const s = await signIn(t.app, user.email, user.password);
    const same = await change(s.cookie, GOOD_2, GOOD_2);
    expect(same.statusCode).toBe(422);
    expect(same.json().errors).toEqual([{ field: "newPassword", message: "Choisissez un mot de passe différent de l'actuel." }]);
    const weak = await change(s.cookie, GOOD_2, "azertyuiop123");
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toMatchObject({
      field: "newPassword",
      message: expect.stringMatching(/^Ce mot de passe serait vite deviné/),
    });
    expect((await login(user.email, GOOD_2)).statusCode).toBe(200);
  });

  it("changes it, keeps this session, ends the others, and writes the journal", async () => {
    const user = await buildUser(t.db);
    const here = await signIn(t.app, user.email, user.password);
    const elsewhere = await signIn(t.app, user.email, user.password, "10.31.0.2");
    const res = await change(here.cookie, user.password, GOOD);
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: here.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: elsewhere.cookie } })).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, GOOD)).statusCode).toBe(200);
    const changed = (await auditOf(user.id)).find((e) => e.action === "password.changed");
    expect(changed?.actorId).toBe(user.id);
    expect(JSON.stringify(changed?.details)).not.toContain(GOOD);
  });

  it("is for signed-in people only", async () => {
    const res = await t.app.inject({ method: "PUT", url: "/api/me/password", payload: { currentPassword: "a", newPassword: GOOD } });
    expect(res.statusCode).toBe(401);
  });
});
