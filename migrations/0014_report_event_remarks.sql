ALTER TABLE "report_events" ADD COLUMN "remarks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- The remarks of an event written before they were typed: a return's comment,
-- a reopening's reason, a submission's comment (its justifications joined by
-- " · "), and the notes a save or a creation changed (`note:<code>`, a removed
-- note as ""). The backfill below uses it, and so do the reads for rows still
-- written the old way (the demo history), so that the rule lives once.
CREATE OR REPLACE FUNCTION report_event_legacy_remarks(action text, comment text, changes jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN action IN ('return', 'reopen', 'submit') THEN
      CASE WHEN coalesce(btrim(comment), '') = '' THEN '[]'::jsonb
      ELSE jsonb_build_array(jsonb_build_object(
        'kind', CASE action WHEN 'return' THEN 'return_comment' WHEN 'reopen' THEN 'reopen_reason' ELSE 'justification' END,
        'text', btrim(comment)))
      END
    WHEN action IN ('create', 'save') AND jsonb_typeof(changes) = 'array' THEN coalesce((
      SELECT jsonb_agg(jsonb_build_object(
          'kind', 'note',
          'field', substr(c.value ->> 'field', 6),
          'text', coalesce(c.value ->> 'to', ''))
        ORDER BY c.ordinality)
      FROM jsonb_array_elements(changes) WITH ORDINALITY AS c(value, ordinality)
      WHERE c.value ->> 'field' LIKE 'note:%'), '[]'::jsonb)
    ELSE '[]'::jsonb
  END
$$;
--> statement-breakpoint
UPDATE report_events SET remarks = report_event_legacy_remarks(action, comment, changes)
  WHERE remarks = '[]'::jsonb AND report_event_legacy_remarks(action, comment, changes) <> '[]'::jsonb;
