/**
 * The sign-in limits with the figures: an attacker spread over many
 * addresses does not keep the person out; 101 failures in an hour on one
 * account slow every new address, but not the person's own; one account from
 * one address gets 5 free failures, then a delay that doubles.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginFailures, signInAddresses } from "../src/db/schema.ts";
import { growingDelaySeconds, MAX_DELAY_SECONDS, waitWording } from "../src/modules/auth/limits.ts";
import { buildUser, createTestApp } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => await t.close());

const login = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failuresOf = async (email: string) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(loginFailures).where(eq(loginFailures.emailKey, email)))[0]?.n ?? 0;

describe("the growing delay", () => {
  it("is free for the first failures, then 1 s, 2 s, 4 s…, at most 15 minutes", () => {
    expect([5, 6, 7, 8, 9].map((n) => growingDelaySeconds(n, 5))).toEqual([0, 1, 2, 4, 8]);
    expect(growingDelaySeconds(101, 100)).toBe(1);
    expect(growingDelaySeconds(5000, 5)).toBe(MAX_DELAY_SECONDS);
    expect(MAX_DELAY_SECONDS).toBe(900);
    expect([1, 8, 59, 60, 61, 120, 900].map(waitWording)).toEqual([
      "1 seconde",
      "8 secondes",
      "59 secondes",
      "1 minute",
      "2 minutes",
      "2 minutes",
      "15 minutes",
    ]);
  });
});

describe("sign-in limits", () => {
  it("10 wrong passwords from ten addresses do not stop the right password from another address", async () => {
    const user = await buildUser(t.db);
    for (let i = 0; i < 10; i++) expect((await login(user.email, "mauvais", `10.40.0.${i + 1}`)).statusCode).toBe(401);
    expect(await failuresOf(user.email)).toBe(10);
    const res = await login(user.email, user.password, "10.40.1.1");
    expect(res.statusCode).toBe(200);
  });

  it("slows one account and one address: 5 free failures, then Retry-After 1, 2, 4 s, and 401 again after each wait", async () => {
    const user = await buildUser(t.db);
    const ip = "10.41.0.1";
    for (let i = 0; i < 6; i++) expect((await login(user.email, "mauvais", ip)).statusCode, `failure ${i + 1}`).toBe(401);
    for (const wait of [1, 2, 4]) {
      // Even the right password waits: the check comes before any password is verified.
      const refused = await login(user.email, user.password, ip);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers["retry-after"]).toBe(String(wait));
      expect(refused.json()).toMatchObject({
        code: "TOO_MANY_ATTEMPTS",
        message: `Trop de tentatives de connexion pour ce compte depuis cette adresse. Réessayez dans ${waitWording(wait)}.`,
      });
      expect(refused.cookies).toHaveLength(0);
      await sleep(wait * 1000 + 100);
      expect((await login(user.email, "mauvais", ip)).statusCode).toBe(401);
    }
    // Refusals are not failures: 9 were recorded, one per verified wrong password.
    expect(await failuresOf(user.email)).toBe(9);
    // Another address of the same person is not slowed by these.
    expect((await login(user.email, user.password, "10.41.0.2")).statusCode).toBe(200);
    // Nor is another account from this address.
    const colleague = await buildUser(t.db);
    expect((await login(colleague.email, colleague.password, ip)).statusCode).toBe(200);
  });

  it("counts an unknown email like a known one (no way to tell them apart)", async () => {
    const email = "personne.inconnue@inconnu.test";
    for (let i = 0; i < 6; i++) expect((await login(email, "mauvais", "10.42.0.1")).statusCode).toBe(401);
    const res = await login(email, "mauvais", "10.42.0.1");
    expect(res.statusCode).toBe(429);
    expect(res.headers["retry-after"]).toBe("1");
  });

  it("a success clears that address's failures of the account", async () => {
    const user = await buildUser(t.db);
    const ip = "10.43.0.1";
    for (let i = 0; i < 4; i++) await login(user.email, "mauvais", ip);
    await login(user.email, "mauvais", "10.43.0.2");
    expect((await login(user.email, user.password, ip)).statusCode).toBe(200);
    const left = await t.db.select({ ip: loginFailures.ip }).from(loginFailures).where(eq(loginFailures.emailKey, user.email));
    expect(left).toEqual([{ ip: "10.43.0.2" }]);
    const [known] = await t.db
      .select()
      .from(signInAddresses)
      .where(and(eq(signInAddresses.userId, user.id), eq(signInAddresses.ip, ip)));
    expect(known).toBeTruthy();
  });

  it("101 failures in an hour on one account are slowed from new addresses, never from the owner's known one", async () => {
    const user = await buildUser(t.db);
    const home = "10.44.0.1";
    // The person signed in from home some weeks ago.
    expect((await login(user.email, user.password, home)).statusCode).toBe(200);
    await t.db.update(signInAddresses).set({ lastSuccessAt: sql`now() - interval '40 days'` }).where(eq(signInAddresses.userId, user.id));
    // An attacker's 101 failures of the last hour, from 101 addresses (written directly: the test stays fast).
    await t.db.execute(sql`insert into login_failures (email_key, ip, at)
      select ${user.email}, '198.51.100.' || n, now() - make_interval(secs => (101 - n) * 30)
      from generate_series(1, 101) as n`);
    const first = await login(user.email, "mauvais", "10.44.1.1");
    expect(first.statusCode).toBe(429);
    expect(first.headers["retry-after"]).toBe("1");
    expect(first.json()).toMatchObject({
      code: "TOO_MANY_ATTEMPTS",
      message: "Trop de tentatives de connexion pour ce compte. Réessayez dans 1 seconde.",
    });
    // After the wait, one more try is verified (a 102nd failure), and the next wait doubles.
    await sleep(1100);
    expect((await login(user.email, "mauvais", "10.44.1.2")).statusCode).toBe(401);
    const second = await login(user.email, user.password, "10.44.1.3");
    expect(second.statusCode).toBe(429);
    expect(second.headers["retry-after"]).toBe("2");
    // The owner, from the address they sign in from, is not kept out.
    const owner = await login(user.email, user.password, home);
    expect(owner.statusCode).toBe(200);
    // An address last used more than 90 days ago is a new address again.
    await t.db.update(signInAddresses).set({ lastSuccessAt: sql`now() - interval '91 days'` }).where(eq(signInAddresses.userId, user.id));
    expect((await login(user.email, user.password, home)).statusCode).toBe(429);
  });

  it("forgets failures older than an hour, and prunes those older than a day", async () => {
    const user = await buildUser(t.db);
    await t.db.execute(sql`insert into login_failures (email_key, ip, at)
      select ${user.email}, '10.45.0.1', now() - interval '61 minutes' from generate_series(1, 20)`);
    await t.db.execute(
      sql`insert into login_failures (email_key, ip, at) values (${user.email}, '10.45.0.9', now() - interval '25 hours')`,
    );
    expect((await login(user.email, "mauvais", "10.45.0.1")).statusCode).toBe(401);
    const old = await t.db.select().from(loginFailures).where(eq(loginFailures.ip, "10.45.0.9"));
    expect(old).toHaveLength(0);
    expect((await login(user.email, user.password, "10.45.0.1")).statusCode).toBe(200);
  });
});
