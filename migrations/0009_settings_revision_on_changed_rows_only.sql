-- A statement trigger fires even when its statement touches no row (an
-- INSERT … ON CONFLICT DO NOTHING that finds the year already closed): the
-- revision then moved for a refusal that changed nothing. Row triggers move
-- it only for rows really written; TRUNCATE keeps its statement trigger.
DROP TRIGGER IF EXISTS settings_revision_on_settings ON settings;
--> statement-breakpoint
DROP TRIGGER IF EXISTS settings_revision_on_closed_years ON closed_years;
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_settings AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH ROW EXECUTE FUNCTION settings_revision_bump();
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_settings_truncate AFTER TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION settings_revision_bump();
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_closed_years AFTER INSERT OR UPDATE OR DELETE ON closed_years
  FOR EACH ROW EXECUTE FUNCTION settings_revision_bump();
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_closed_years_truncate AFTER TRUNCATE ON closed_years
  FOR EACH STATEMENT EXECUTE FUNCTION settings_revision_bump();
