import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

export interface CampaignCellRow {
  atelierCode: string;
  departement: string;
  city: string;
  period: string;
  territoryCode: string | null;
  status: "draft" | "submitted" | "returned" | "validated" | null;
  firstSubmittedAt: Date | null;
}

/**
 * Every atelier × month of a year, with the atelier's territory in that month
 * and its report if any: one query, 1,212 rows for today's network.
 */
export async function campaignCells(db: Db, year: number, territoryCode?: string): Promise<CampaignCellRow[]> {
  const result = await db.execute<{
    atelier_code: string;
    departement: string;
    city: string;
    period: string;
    territory_code: string | null;
    status: CampaignCellRow["status"];
    first_submitted_at: Date | null;
  }>(sql`
    with months as (
      select to_char(make_date(${year}, m, 1), 'YYYY-MM') as period, make_date(${year}, m, 1) as first_day
      from generate_series(1, 12) m
    )
    select a.code as atelier_code, a.departement, a.city, m.period, at.territory_code, r.status, r.first_submitted_at
    from ateliers a
    cross join months m
    left join atelier_territories at
      on at.atelier_code = a.code and at.valid_from <= m.first_day and (at.valid_to is null or at.valid_to > m.first_day)
    left join reports r on r.atelier_code = a.code and r.period = m.period
    where (a.closed_on is null or a.closed_on > m.first_day) and a.opened_on <= (m.first_day + interval '1 month' - interval '1 day')
      ${territoryCode ? sql`and exists (select 1 from atelier_territories t2 where t2.atelier_code = a.code and t2.territory_code = ${territoryCode} and t2.valid_from <= make_date(${year}, 12, 31) and (t2.valid_to is null or t2.valid_to > make_date(${year}, 1, 1)))` : sql``}
    order by a.code, m.period`);
  return result.rows.map((r) => ({
    atelierCode: r.atelier_code,
    departement: r.departement,
    city: r.city,
    period: r.period,
    territoryCode: r.territory_code,
    status: r.status,
    firstSubmittedAt: r.first_submitted_at ? new Date(r.first_submitted_at) : null,
  }));
}
