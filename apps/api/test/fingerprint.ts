/**
 * A fingerprint of everything a request may change, table by table, to check
 * that a refused request changed nothing. Bookkeeping tables are left out: a
 * refusal legitimately counts there (a failed sign-in, a request against the
 * limits) or a live session moves its idle deadline.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client.ts";

/** What the platform knows: a refusal must leave every row of these as it was. */
export const DATA_TABLES = [
  "territories",
  "ateliers",
  "atelier_territories",
  "atelier_labels",
  "atelier_flags",
  "users",
  "user_roles",
  "user_links",
  "api_tokens",
  "audit_events",
  "reports",
  "report_events",
  "report_monthly_sums",
  "settings",
  "settings_revision",
  "closed_years",
  "outbox",
  "notification_preferences",
  "indicator_targets",
  "distance_learning",
  "form_versions",
] as const;

/** Counted or refreshed by requests that are refused too. */
export const BOOKKEEPING_TABLES = [
  "sessions",
  "login_failures",
  "rate_limit_hits",
  "costly_leases",
  // Where each person signed in from (a success, never a refusal), and SSO sign-ins under way.
  "sign_in_addresses",
  "oidc_logins",
] as const;

/** Tables of the public schema in neither list: a new table must be classified, not silently skipped. */
export async function unclassifiedTables(db: Db): Promise<string[]> {
  const rows = await db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const known = new Set<string>([...DATA_TABLES, ...BOOKKEEPING_TABLES]);
  return rows.rows.map((r) => r.name).filter((name) => !known.has(name));
}

const FINGERPRINT_SQL = DATA_TABLES.map(
  (table) => `select '${table}' as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from ${table} x`,
).join(" union all ");

/** One hash per data table, so a difference names the table that changed. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const rows = await db.execute<{ name: string; hash: string }>(sql.raw(FINGERPRINT_SQL));
  return Object.fromEntries(rows.rows.map((r) => [r.name, r.hash]));
}
