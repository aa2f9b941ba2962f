/**
 * The warning a week before an API token ends: one email per token, once,
 * only for live tokens of active owners, and the scheduled job that runs it.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, outbox, users } from "../src/db/schema.ts";
import { QUEUES, SCHEDULES, startScheduler } from "../src/jobs/scheduler.ts";
import { queueTokenExpiryWarnings } from "../src/jobs/token-expiry.ts";
import { buildUser, createTestApp } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => await t.close());

const TODAY = "2027-03-01";

async function token(userId: string, expiresOn: string, extra: Partial<typeof apiTokens.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(apiTokens)
    .values({ userId, label: `Script ${expiresOn}`, tokenHash: `hash-${Math.random()}`, prefix: "ea_abcdefg", expiresOn, ...extra })
    .returning();
  return row?.id ?? "";
}

describe("token expiry warnings", () => {
  it("queue one email per live token ending within a week, once", async () => {
    const owner = await buildUser(t.db, { grants: [{ role: "national" }] });
    const soon = await token(owner.id, "2027-03-08");
    const lastDay = await token(owner.id, TODAY);
    const later = await token(owner.id, "2027-03-09");
    const past = await token(owner.id, "2027-02-28");
    const revoked = await token(owner.id, "2027-03-05", { revokedAt: new Date() });
    const gone = await buildUser(t.db, { grants: [{ role: "viewer" }] });
    const ofDisabled = await token(gone.id, "2027-03-04");
    await t.db.update(users).set({ active: false }).where(eq(users.id, gone.id));

    expect(await queueTokenExpiryWarnings(t.db, TODAY)).toBe(2);
    const mails = await t.db.select().from(outbox).where(eq(outbox.kind, "token_expiry")).orderBy(outbox.id);
    expect(mails.map((m) => m.dedupeKey).sort()).toEqual([`token-expiry:${lastDay}`, `token-expiry:${soon}`].sort());
    const mail = mails.find((m) => m.dedupeKey === `token-expiry:${soon}`);
    expect(mail).toMatchObject({ toUserId: owner.id, toEmail: owner.email, link: "/profil#jetons" });
    expect(mail?.subject).toBe("Votre jeton d'API « Script 2027-03-08 » expire le lundi 8 mars 2027");
    expect(mail?.body).toContain("ea_abcdefg…");

    const warned = await t.db.select({ id: apiTokens.id, at: apiTokens.expiryWarnedAt }).from(apiTokens);
    const at = Object.fromEntries(warned.map((w) => [w.id, w.at]));
    expect(at[soon]).not.toBeNull();
    expect(at[lastDay]).not.toBeNull();
    for (const id of [later, past, revoked, ofDisabled]) expect(at[id]).toBeNull();

    // Again the same day, and the next: nothing more for these two.
    expect(await queueTokenExpiryWarnings(t.db, TODAY)).toBe(0);
    expect(await queueTokenExpiryWarnings(t.db, "2027-03-02")).toBe(1); // the one ending on the 9th enters the week
    const total = (await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.kind, "token_expiry")))[0]?.n;
    expect(total).toBe(3);
  });

  it("runs every day with the morning jobs, Paris time, and the email leaves at once", async () => {
    expect(SCHEDULES).toContainEqual({ queue: QUEUES.tokenExpiry, cron: "0 8-12 * * *" });
    const owner = await buildUser(t.db, { grants: [{ role: "territory", territoryCode: "normandie" }] });
    const id = await token(owner.id, "2027-06-03");
    const quiet = { info() {}, warn() {}, error() {} };
    const scheduler = await startScheduler({
      pool: t.pool,
      db: t.db,
      config: t.config,
      log: quiet,
      schedule: false,
      pollingIntervalSeconds: 0.5,
    });
    try {
      await scheduler.boss.send(QUEUES.tokenExpiry, { today: "2027-06-01" });
      // No SMTP server here: the delivery run leaves it in the outbox with a note, tried once.
      const deadline = Date.now() + 20_000;
      let row: typeof outbox.$inferSelect | undefined;
      while (Date.now() < deadline) {
        [row] = await t.db
          .select()
          .from(outbox)
          .where(eq(outbox.dedupeKey, `token-expiry:${id}`));
        if (row && row.attempts > 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(row?.toUserId).toBe(owner.id);
      expect(row?.attempts).toBeGreaterThan(0);
    } finally {
      await scheduler.stop();
    }
  });
});
