import type { ExportReach } from "@enquete/domain";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

export interface ExportRow {
  atelierCode: string;
  city: string;
  departement: string;
  territoryCode: string;
  period: string;
  status: "draft" | "submitted" | "returned" | "validated";
  formVersion: number;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  validatedAt: Date | null;
  values: Record<string, unknown>;
  notes: Record<string, string>;
}

/** Reports of the reach: all, or those of the given territories (territory of the report's month) and ateliers. */
function reachFilter(reach: ExportReach): SQL {
  if (reach.all) return sql``;
  const territories = reach.territories.length
    ? sql`r.territory_code in (${sql.join(
        reach.territories.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql`false`;
  const ateliers = reach.ateliers.length
    ? sql`r.atelier_code in (${sql.join(
        reach.ateliers.map((a) => sql`${a}`),
        sql`, `,
      )})`
    : sql`false`;
  return sql`and (${territories} or ${ateliers})`;
}

/**
 * One page of the reports of a range, after the (atelier, period) of the
 * previous page: the export streams the rows instead of holding them all.
 */
export async function reportPage(
  db: Db,
  range: { from: string; to: string },
  reach: ExportReach,
  after: { atelierCode: string; period: string } | null,
  limit: number,
): Promise<ExportRow[]> {
  const result = await db.execute<{
    atelier_code: string;
    city: string;
    departement: string;
    territory_code: string;
    period: string;
    status: ExportRow["status"];
    form_version: number;
    first_submitted_at: string | null;
    submitted_at: string | null;
    validated_at: string | null;
    values: Record<string, unknown>;
    notes: Record<string, string>;
  }>(sql`
    select r.atelier_code, a.city, a.departement, r.territory_code, r.period, r.status, r.form_version,
      r.first_submitted_at, r.submitted_at, r.validated_at, r.values, r.notes
    from reports r join ateliers a on a.code = r.atelier_code
    where r.period between ${range.from} and ${range.to} ${reachFilter(reach)}
      ${after ? sql`and (r.atelier_code, r.period) > (${after.atelierCode}, ${after.period})` : sql``}
    order by r.atelier_code, r.period
    limit ${limit}`);
  const date = (v: string | null) => (v ? new Date(v) : null);
  return result.rows.map((r) => ({
    atelierCode: r.atelier_code,
    city: r.city,
    departement: r.departement,
    territoryCode: r.territory_code,
    period: r.period,
    status: r.status,
    formVersion: r.form_version,
    firstSubmittedAt: date(r.first_submitted_at),
    submittedAt: date(r.submitted_at),
    validatedAt: date(r.validated_at),
    values: r.values,
    notes: r.notes ?? {},
  }));
}
