/**
 * National settings are cached in each API process and read again only when
 * the revision that comes back with the caller's session has moved: two apps
 * on one database stand for two processes (or replicas), each with its cache.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { createDb } from "../src/db/client.ts";
import { buildValues } from "./factories.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

let one: Awaited<ReturnType<typeof createTestApp>>;
let other: { app: Awaited<ReturnType<typeof buildApp>>; pool: ReturnType<typeof createDb>["pool"] };
let national = "";
let director = "";
/** How many times each app read the national settings. */
const reads = { one: 0, other: 0 };

function countSettingsReads(pool: { query: (...args: unknown[]) => unknown }, key: keyof typeof reads) {
  const query = pool.query;
  pool.query = function (this: unknown, ...args: unknown[]) {
    if ((args[0] as { name?: string } | undefined)?.name === "national-settings") reads[key] += 1;
    return query.apply(this, args);
  };
}

beforeAll(async () => {
  one = await createTestApp();
  const second = createDb(one.config.databaseUrl as string, { max: 3 });
  other = { app: await buildApp({ config: one.config, db: second.db }), pool: second.pool };
  await other.app.ready();
  const dis = await buildUser(one.db, { grants: [{ role: "national" }] });
  national = (await signIn(one.app, dis.email, dis.password)).cookie;
  const a86 = await buildUser(one.db, { grants: [{ role: "atelier", atelierCode: "86" }] });
  director = (await signIn(one.app, a86.email, a86.password)).cookie;
  countSettingsReads(one.pool as never, "one");
  countSettingsReads(other.pool as never, "other");
});
afterAll(async () => {
  await other.app.close();
  await other.pool.end();
  await one.close();
});

const dueDateOn = async (app: typeof other.app, period: string) =>
  (await app.inject({ url: `/api/reports/86/${period}`, headers: { cookie: director } })).json().dueDate as string;

describe("the national settings' cache", () => {
  it("reads the settings once, not at every request, while nothing changes", async () => {
    for (let i = 0; i < 5; i++) expect(await dueDateOn(other.app, "2025-03")).toBe("2025-04-10");
    expect(reads.other).toBe(1);
  });

  it("sees a change made through another process at its next request", async () => {
    const changed = await one.app.inject({
      method: "PUT",
      url: "/api/settings/due-day",
      payload: { dueDay: 7 },
      headers: { cookie: national },
    });
    expect(changed.statusCode).toBe(200);
    expect(await dueDateOn(other.app, "2025-03")).toBe("2025-04-07");
    expect(await dueDateOn(one.app, "2025-03")).toBe("2025-04-07");
  });

  it("sees a year closed by hand in SQL (the triggers bump the revision), and refuses saves in it", async () => {
    await one.db.execute(sql`insert into closed_years (year) values (2023)`);
    const save = await other.app.inject({
      method: "PUT",
      url: "/api/reports/86/2023-05",
      payload: { values: buildValues() },
      headers: { cookie: director },
    });
    expect(save.statusCode).toBe(409);
    expect(save.json().code).toBe("YEAR_CLOSED");
    await one.db.execute(sql`delete from closed_years where year = 2023`);
    const reopened = await other.app.inject({
      method: "PUT",
      url: "/api/reports/86/2023-05",
      payload: { values: buildValues() },
      headers: { cookie: director },
    });
    expect(reopened.statusCode).toBe(200);
  });

  it("keeps every process on the latest revision even when they change it in turn", async () => {
    for (const [writer, reader, day] of [
      [other.app, one.app, 3],
      [one.app, other.app, 12],
      [other.app, one.app, 10],
    ] as const) {
      await writer.inject({ method: "PUT", url: "/api/settings/due-day", payload: { dueDay: day }, headers: { cookie: national } });
      expect(await dueDateOn(reader, "2025-03")).toBe(`2025-04-${String(day).padStart(2, "0")}`);
    }
  });
});
