/**
 * A director's first save of a month while an administrator's move of their
 * atelier is committing: the move holds the atelier's row and re-attaches the
 * reports that exist; a report created meanwhile must not land in the old
 * territory (it would then be reviewed and counted there, against the rule
 * "a report belongs to the territory of its atelier in its month").
 */
import { formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signInPeople } from "./helpers.ts";

const THIS_MONTH = formatPeriod(periodOfDate(parisDate()));
const NORMANDIE = "normandie";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  cookie = await signInPeople(t, { director: [{ role: "atelier", atelierCode: "28" }] });
});
afterAll(async () => await t.close());

describe("a first save while a move commits", () => {
  it("lands in the territory the move gives the month, not the one read before the move", async () => {
    const [before] = (
      await t.db.execute<{ territory_code: string }>(
        sql`select territory_code from atelier_territories where atelier_code = '28' and valid_to is null`,
      )
    ).rows;
    expect(before?.territory_code).not.toBe(NORMANDIE);

    // The move, as the referential writes it: the atelier's row held, the membership split at this month.
    const mover = await t.pool.connect();
    try {
      await mover.query("begin");
      await mover.query("select 1 from ateliers where code = '28' for update");
      await mover.query("update atelier_territories set valid_to = to_date($1, 'YYYY-MM') where atelier_code = '28' and valid_to is null", [
        THIS_MONTH,
      ]);
      await mover.query(
        "insert into atelier_territories (atelier_code, territory_code, valid_from) values ('28', $1, to_date($2, 'YYYY-MM'))",
        [NORMANDIE, THIS_MONTH],
      );

      // The director's first save starts while the move is open: it reads the old territory, then waits for the row.
      const saving = t.app.inject({
        method: "PUT",
        url: `/api/reports/28/${THIS_MONTH}`,
        payload: { values: { trainees: 4 } },
        headers: { cookie: cookie.director ?? "" },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = await t.db.execute<{ n: string }>(
        sql`select count(*) as n from reports where atelier_code = '28' and period = ${THIS_MONTH}`,
      );
      expect(Number(waiting.rows[0]?.n)).toBe(0);

      await mover.query("commit");
      const saved = await saving;
      expect(saved.statusCode).toBe(200);
    } finally {
      mover.release();
    }

    const [report] = (
      await t.db.execute<{ territory_code: string }>(
        sql`select territory_code from reports where atelier_code = '28' and period = ${THIS_MONTH}`,
      )
    ).rows;
    expect(report?.territory_code).toBe(NORMANDIE);
  });
});
