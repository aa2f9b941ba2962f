/**
 * What the open data reads beside the indicators: the closed years with a
 * stamp of everything their published figures rest on, and the territories
 * each year had.
 */
import type { Db } from "../../db/client.ts";

export interface PublicationStamp {
  /** The national settings' revision: moves with every closed year added or removed. */
  revision: number;
  closedYears: { year: number; closedAt: Date }[];
  /**
   * What the figures of the closed years rest on besides the settings: their
   * validated sums (a report reopened and validated again after the closing),
   * the targets, the national distance learning and the territories' names.
   * Equal stamps give equal figures, so the cache is kept while it holds.
   */
  data: string;
}

/** One statement (one snapshot): cheap enough to run on every anonymous request, unlike the figures themselves. */
export async function publicationStamp(db: Db): Promise<PublicationStamp> {
  const { rows } = await db.$client.query<{
    revision: string | null;
    closed: { year: number; closedAt: string }[];
    data: string | null;
  }>({
    name: "open-data-stamp",
    text: `select
      (select revision from settings_revision where id = 1) as revision,
      coalesce((select json_agg(json_build_object('year', year, 'closedAt', closed_at) order by year) from closed_years), '[]'::json) as closed,
      concat_ws(';',
        (select md5(coalesce(string_agg(concat_ws('|', s.period, s.territory_code, s.form_version, s.reports, s.sums::text),
            ',' order by s.period, s.territory_code, s.form_version), ''))
          from report_monthly_sums s join closed_years c on c.year = left(s.period, 4)::int
          where s.status = 'validated'),
        (select concat(count(*), '|', max(updated_at)) from indicator_targets),
        (select concat(count(*), '|', max(d.updated_at)) from distance_learning d join closed_years c on c.year = left(d.period, 4)::int),
        (select md5(coalesce(string_agg(code || '=' || name, ',' order by code), '')) from territories),
        -- Openings, closings and memberships decide which territories get rows and how many reports were expected.
        (select md5(coalesce(string_agg(concat_ws('|', code, opened_on, closed_on), ',' order by code), '')) from ateliers),
        (select md5(coalesce(string_agg(concat_ws('|', atelier_code, territory_code, valid_from, valid_to), ','
            order by atelier_code, valid_from), '')) from atelier_territories)
      ) as data`,
  });
  const row = rows[0];
  return {
    revision: Number(row?.revision ?? 0),
    closedYears: (row?.closed ?? []).map((c) => ({ year: c.year, closedAt: new Date(c.closedAt) })),
    data: row?.data ?? "",
  };
}

/**
 * The territories that existed in a calendar year: one of its ateliers, open,
 * belonged to it during the year, or a report of the year counts in it. A
 * territory created later does not read the past.
 */
export async function territoriesOfYear(db: Db, year: number): Promise<{ code: string; name: string }[]> {
  const from = `${year}-01-01`;
  const until = `${year + 1}-01-01`;
  const { rows } = await db.$client.query<{ code: string; name: string }>({
    name: "open-data-territories-of-year",
    text: `select t.code, t.name from territories t
      where exists (
          select 1 from atelier_territories m join ateliers a on a.code = m.atelier_code
          where m.territory_code = t.code
            and m.valid_from < $2::date and (m.valid_to is null or m.valid_to > $1::date)
            and a.opened_on < $2::date and (a.closed_on is null or a.closed_on > $1::date)
            and a.opened_on < coalesce(m.valid_to, $2::date) and (a.closed_on is null or a.closed_on > m.valid_from))
        or exists (select 1 from reports r where r.territory_code = t.code and r.period between $3 and $4)
      order by t.code`,
    values: [from, until, `${year}-01`, `${year}-12`],
  });
  return rows;
}
