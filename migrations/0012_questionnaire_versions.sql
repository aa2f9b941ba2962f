CREATE TABLE "form_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"based_on" integer,
	"valid_from" text,
	"definition" jsonb NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "form_versions_valid_from_format" CHECK ("form_versions"."valid_from" is null or "form_versions"."valid_from" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "form_versions_version_positive" CHECK ("form_versions"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "report_monthly_sums" ADD COLUMN "form_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_monthly_sums" DROP CONSTRAINT "report_monthly_sums_period_territory_code_status_pk";--> statement-breakpoint
ALTER TABLE "report_monthly_sums" ADD CONSTRAINT "report_monthly_sums_period_territory_code_status_form_version_pk" PRIMARY KEY("period","territory_code","status","form_version");--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "notes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "form_versions_valid_from_key" ON "form_versions" USING btree ("valid_from");--> statement-breakpoint
-- The monthly summary is kept per questionnaire version too: a figure whose
-- formula depends on the version (1-5) adds each version's own terms.
CREATE OR REPLACE FUNCTION report_monthly_sums_delta_sql(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH delta AS (%s),
    keyed AS (
      SELECT period, territory_code, status, form_version, sum(n)::int AS n FROM delta GROUP BY 1, 2, 3, 4
    ),
    value_sums AS (
      SELECT period, territory_code, status, form_version, jsonb_object_agg(key, total) AS sums FROM (
        SELECT d.period, d.territory_code, d.status, d.form_version, e.key, sum(d.n * e.value::numeric) AS total
        FROM delta d CROSS JOIN LATERAL jsonb_each(d.values) e
        WHERE jsonb_typeof(e.value) = 'number'
        GROUP BY 1, 2, 3, 4, 5
      ) s GROUP BY 1, 2, 3, 4
    ),
    day_counts AS (
      SELECT period, territory_code, status, form_version, jsonb_object_agg(day::text, total) AS days FROM (
        SELECT period, territory_code, status, form_version,
          least(28, greatest(-1, (first_submitted_at AT TIME ZONE 'Europe/Paris')::date
            - (to_date(period, 'YYYY-MM') + interval '1 month')::date)) AS day,
          sum(n) AS total
        FROM delta WHERE first_submitted_at IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5
      ) s GROUP BY 1, 2, 3, 4
    )
    INSERT INTO report_monthly_sums AS t (period, territory_code, status, form_version, reports, sums, submitted_days)
    SELECT k.period, k.territory_code, k.status, k.form_version, k.n, coalesce(v.sums, '{}'::jsonb), coalesce(d.days, '{}'::jsonb)
    FROM keyed k
      LEFT JOIN value_sums v USING (period, territory_code, status, form_version)
      LEFT JOIN day_counts d USING (period, territory_code, status, form_version)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (period, territory_code, status, form_version) DO UPDATE SET
      reports = t.reports + excluded.reports,
      sums = report_sums_add(t.sums, excluded.sums),
      submitted_days = report_sums_add(t.submitted_days, excluded.submitted_days)
  $q$, source)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_monthly_sums_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  new_part constant text := 'SELECT period, territory_code, status, form_version, 1 AS n, values, first_submitted_at FROM new_rows WHERE status <> ''draft''';
  old_part constant text := 'SELECT period, territory_code, status, form_version, -1 AS n, values, first_submitted_at FROM old_rows WHERE status <> ''draft''';
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM report_monthly_sums;
  ELSIF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows WHERE status <> 'draft') THEN
      EXECUTE report_monthly_sums_delta_sql(new_part);
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM old_rows WHERE status <> 'draft') THEN
      EXECUTE report_monthly_sums_delta_sql(old_part);
    END IF;
  ELSE
    IF EXISTS (SELECT 1 FROM old_rows WHERE status <> 'draft') OR EXISTS (SELECT 1 FROM new_rows WHERE status <> 'draft') THEN
      EXECUTE report_monthly_sums_delta_sql(old_part || ' UNION ALL ' || new_part);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The summary rebuilt per version (every report so far is of version 1, but nothing here assumes it).
DELETE FROM report_monthly_sums;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE report_monthly_sums_delta_sql(
    'SELECT period, territory_code, status, form_version, 1 AS n, values, first_submitted_at FROM reports WHERE status <> ''draft''');
END
$$;
--> statement-breakpoint
-- A version written or published is a national setting: every process's cached questionnaires follow the revision.
CREATE TRIGGER settings_revision_on_form_versions AFTER INSERT OR UPDATE OR DELETE ON form_versions
  FOR EACH ROW EXECUTE FUNCTION settings_revision_bump();
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_form_versions_truncate AFTER TRUNCATE ON form_versions
  FOR EACH STATEMENT EXECUTE FUNCTION settings_revision_bump();
