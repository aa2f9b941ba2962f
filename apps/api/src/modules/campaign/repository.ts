import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

export interface CampaignCellRow {
  atelierCode: string;
  name: string;
  period: string;
  /** The territory the month belongs to: its report's when there is one, else the atelier's membership that month. */
  territoryCode: string | null;
  /** "open", or why the month is not expected: "not_open_yet" (before the opening month), "closed" (from the closing month). */
  opening: "open" | "not_open_yet" | "closed";
  status: "draft" | "submitted" | "returned" | "validated" | null;
  firstSubmittedAt: Date | null;
}

/**
 * Every atelier × month of a year for the ateliers open at least one month
 * of it, with the month's territory and its report if any: one query, 1,212
 * rows for today's network. With a territory, only the ateliers that have a
 * month in it (a membership, or a report of that territory).
 */
export async function campaignCells(db: Db, year: number, territoryCode?: string): Promise<CampaignCellRow[]> {
  const result = await db.execute<{
    atelier_code: string;
    name: string;
    period: string;
    territory_code: string | null;
    opening: CampaignCellRow["opening"];
    status: CampaignCellRow["status"];
    first_submitted_at: Date | null;
  }>(sql`
    with months as (
      select to_char(make_date(${year}, m, 1), 'YYYY-MM') as period, make_date(${year}, m, 1) as first_day
      from generate_series(1, 12) m
    )
    select a.code as atelier_code, a.name, m.period, coalesce(r.territory_code, at.territory_code) as territory_code,
      case when m.first_day < a.opened_on then 'not_open_yet' when a.closed_on <= m.first_day then 'closed' else 'open' end as opening,
      r.status, r.first_submitted_at
    from ateliers a
    cross join months m
    left join atelier_territories at
      on at.atelier_code = a.code and at.valid_from <= m.first_day and (at.valid_to is null or at.valid_to > m.first_day)
    left join reports r on r.atelier_code = a.code and r.period = m.period
    where a.opened_on <= make_date(${year}, 12, 1) and (a.closed_on is null or a.closed_on > make_date(${year}, 1, 1))
      ${
        territoryCode
          ? sql`and (exists (select 1 from atelier_territories t2 where t2.atelier_code = a.code and t2.territory_code = ${territoryCode}
                  and t2.valid_from <= make_date(${year}, 12, 1) and (t2.valid_to is null or t2.valid_to > make_date(${year}, 1, 1)))
                or exists (select 1 from reports r2 where r2.atelier_code = a.code and r2.territory_code = ${territoryCode}
                  and r2.period between ${`${year}-01`} and ${`${year}-12`}))`
          : sql``
      }
    order by a.code, m.period`);
  return result.rows.map((r) => ({
    atelierCode: r.atelier_code,
    name: r.name,
    period: r.period,
    territoryCode: r.territory_code,
    opening: r.opening,
    status: r.status,
    firstSubmittedAt: r.first_submitted_at ? new Date(r.first_submitted_at) : null,
  }));
}
