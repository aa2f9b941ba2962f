-- report_monthly_sums kept in the same transaction as every change of reports:
-- statement triggers read the transition tables, so a bulk insert (the demo
-- seed) costs one aggregation, not one upsert per report. An update subtracts
-- the old rows and adds the new ones; a truncate empties the summary.

-- Two objects of numbers added key by key.
CREATE FUNCTION report_sums_add(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
  FROM (
    SELECT key, sum(value::numeric) AS total
    FROM (SELECT * FROM jsonb_each(a) UNION ALL SELECT * FROM jsonb_each(b)) e
    GROUP BY key
  ) s
$$;
--> statement-breakpoint
-- The statement adding to the summary the rows of `source`
-- (columns period, territory_code, status, n = +1 or -1, values, first_submitted_at).
CREATE FUNCTION report_monthly_sums_delta_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH delta AS (%s),
    keyed AS (
      SELECT period, territory_code, status, sum(n)::int AS n FROM delta GROUP BY 1, 2, 3
    ),
    value_sums AS (
      SELECT period, territory_code, status, jsonb_object_agg(key, total) AS sums FROM (
        SELECT d.period, d.territory_code, d.status, e.key, sum(d.n * e.value::numeric) AS total
        FROM delta d CROSS JOIN LATERAL jsonb_each(d.values) e
        WHERE jsonb_typeof(e.value) = 'number'
        GROUP BY 1, 2, 3, 4
      ) s GROUP BY 1, 2, 3
    ),
    day_counts AS (
      SELECT period, territory_code, status, jsonb_object_agg(day::text, total) AS days FROM (
        SELECT period, territory_code, status,
          least(28, greatest(-1, (first_submitted_at AT TIME ZONE 'Europe/Paris')::date
            - (to_date(period, 'YYYY-MM') + interval '1 month')::date)) AS day,
          sum(n) AS total
        FROM delta WHERE first_submitted_at IS NOT NULL
        GROUP BY 1, 2, 3, 4
      ) s GROUP BY 1, 2, 3
    )
    INSERT INTO report_monthly_sums AS t (period, territory_code, status, reports, sums, submitted_days)
    SELECT k.period, k.territory_code, k.status, k.n, coalesce(v.sums, '{}'::jsonb), coalesce(d.days, '{}'::jsonb)
    FROM keyed k
      LEFT JOIN value_sums v USING (period, territory_code, status)
      LEFT JOIN day_counts d USING (period, territory_code, status)
    ORDER BY 1, 2, 3
    ON CONFLICT (period, territory_code, status) DO UPDATE SET
      reports = t.reports + excluded.reports,
      sums = report_sums_add(t.sums, excluded.sums),
      submitted_days = report_sums_add(t.submitted_days, excluded.submitted_days)
  $q$, source)
$$;
--> statement-breakpoint
CREATE FUNCTION report_monthly_sums_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  new_part constant text := 'SELECT period, territory_code, status, 1 AS n, values, first_submitted_at FROM new_rows';
  old_part constant text := 'SELECT period, territory_code, status, -1 AS n, values, first_submitted_at FROM old_rows';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM report_monthly_sums;
  ELSIF TG_OP = 'INSERT' THEN
    EXECUTE report_monthly_sums_delta_sql(new_part);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE report_monthly_sums_delta_sql(old_part);
  ELSE
    EXECUTE report_monthly_sums_delta_sql(old_part || ' UNION ALL ' || new_part);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER reports_monthly_sums_insert AFTER INSERT ON reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_monthly_sums_apply();
--> statement-breakpoint
CREATE TRIGGER reports_monthly_sums_update AFTER UPDATE ON reports
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_monthly_sums_apply();
--> statement-breakpoint
CREATE TRIGGER reports_monthly_sums_delete AFTER DELETE ON reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_monthly_sums_apply();
--> statement-breakpoint
CREATE TRIGGER reports_monthly_sums_truncate AFTER TRUNCATE ON reports
  FOR EACH STATEMENT EXECUTE FUNCTION report_monthly_sums_apply();
--> statement-breakpoint
-- Backfill from the reports already there.
DELETE FROM report_monthly_sums;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE report_monthly_sums_delta_sql(
    'SELECT period, territory_code, status, 1 AS n, values, first_submitted_at FROM reports');
END
$$;
