-- Drafts count in no figure: the summary no longer carries them, and a
-- statement that only touches drafts (every autosave) does no summary work.
CREATE OR REPLACE FUNCTION report_monthly_sums_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  new_part constant text := 'SELECT period, territory_code, status, 1 AS n, values, first_submitted_at FROM new_rows WHERE status <> ''draft''';
  old_part constant text := 'SELECT period, territory_code, status, -1 AS n, values, first_submitted_at FROM old_rows WHERE status <> ''draft''';
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
DELETE FROM report_monthly_sums WHERE status = 'draft';
--> statement-breakpoint
INSERT INTO settings_revision (id, revision) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION settings_revision_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE settings_revision SET revision = revision + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_settings AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION settings_revision_bump();
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_closed_years AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closed_years
  FOR EACH STATEMENT EXECUTE FUNCTION settings_revision_bump();
