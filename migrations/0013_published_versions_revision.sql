-- The national settings hold the published versions only: a draft's saves
-- (written at every change on the version screen) changed nothing they serve
-- yet made every process reload them. The revision now moves only for a row
-- published before or after the write (a publication included). PostgreSQL
-- forbids OLD in an INSERT trigger's WHEN and NEW in a DELETE's: one trigger
-- per operation. TRUNCATE keeps its statement trigger (0012).
DROP TRIGGER IF EXISTS settings_revision_on_form_versions ON form_versions;
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_form_versions_insert AFTER INSERT ON form_versions
  FOR EACH ROW WHEN (NEW.valid_from IS NOT NULL) EXECUTE FUNCTION settings_revision_bump();
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_form_versions_update AFTER UPDATE ON form_versions
  FOR EACH ROW WHEN (OLD.valid_from IS NOT NULL OR NEW.valid_from IS NOT NULL) EXECUTE FUNCTION settings_revision_bump();
--> statement-breakpoint
CREATE TRIGGER settings_revision_on_form_versions_delete AFTER DELETE ON form_versions
  FOR EACH ROW WHEN (OLD.valid_from IS NOT NULL) EXECUTE FUNCTION settings_revision_bump();
