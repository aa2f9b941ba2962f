/**
 * Every request starts with one statement: the session, the person's grants
 * and the settings revision. It slides the idle limit only when the last
 * slide is older than a few seconds, so a burst of requests writes nothing.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../src/db/schema.ts";
import { TOUCH_AFTER_SECONDS } from "../src/modules/auth/repository.ts";
import { hashSessionId } from "../src/modules/auth/service.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie = "";
let idHash = "";

beforeAll(async () => {
  t = await createTestApp();
  const user = await buildUser(t.db, {
    grants: [
      { role: "atelier", atelierCode: "86" },
      { role: "territory", territoryCode: "normandie" },
    ],
  });
  const session = await signIn(t.app, user.email, user.password);
  cookie = session.cookie;
  idHash = hashSessionId(session.raw);
});
afterAll(async () => await t.close());

const me = () => t.app.inject({ url: "/api/me", headers: { cookie } });
const lastSeen = async () => (await t.db.select().from(sessions).where(eq(sessions.idHash, idHash)))[0]?.lastSeenAt as Date;
const setLastSeen = (secondsAgo: number) =>
  t.db
    .update(sessions)
    .set({ lastSeenAt: sql`now() - make_interval(secs => ${secondsAgo})` })
    .where(eq(sessions.idHash, idHash));

describe("the caller's session in one statement", () => {
  it("brings every grant of the person", async () => {
    const res = await me();
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(
      expect.arrayContaining([
        { role: "atelier", atelierCode: "86" },
        { role: "territory", territoryCode: "normandie" },
      ]),
    );
  });

  it("does not write the session again when it slid a moment ago", async () => {
    await setLastSeen(TOUCH_AFTER_SECONDS / 2);
    const before = await lastSeen();
    for (let i = 0; i < 3; i++) expect((await me()).statusCode).toBe(200);
    expect((await lastSeen()).getTime()).toBe(before.getTime());
  });

  it("slides the idle limit once the last slide is older than that", async () => {
    await setLastSeen(TOUCH_AFTER_SECONDS + 30);
    const before = await lastSeen();
    expect((await me()).statusCode).toBe(200);
    const after = await lastSeen();
    expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual((TOUCH_AFTER_SECONDS + 29) * 1000);
  });

  it("still ends a session idle for longer than the limit", async () => {
    await setLastSeen(t.config.sessionIdleMinutes * 60 + 5);
    expect((await me()).statusCode).toBe(401);
  });
});
