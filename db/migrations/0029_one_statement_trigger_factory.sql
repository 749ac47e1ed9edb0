-- One statement-level trigger per event with that event's transition tables (Postgres allows them on single-event
-- triggers only), named <table>_<infix>_<event>. Migrations 0011 (infix "alignment") and 0028 ("rep_inputs") each
-- defined and dropped their own copy of this; it now stays, so that a migration creates such triggers with one call.
CREATE FUNCTION tandem_create_statement_triggers(
  p_table text, p_events text[], p_call text, p_infix text DEFAULT 'alignment'
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ddl text;
BEGIN
  FOR ddl IN
    SELECT format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %s',
      p_table || '_' || p_infix || '_' || lower(e.event), e.event, p_table, t.tables, p_call)
    FROM unnest(p_events) WITH ORDINALITY AS e(event, n)
    JOIN (VALUES ('INSERT', 'NEW TABLE AS new_rows'), ('DELETE', 'OLD TABLE AS old_rows'),
      ('UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows')) AS t(event, tables) ON t.event = e.event
    ORDER BY e.n
  LOOP
    EXECUTE ddl;
  END LOOP;
END $$;
--> statement-breakpoint
-- The rep-input triggers of 0028, recreated through it: the same names, events, transition tables and functions.
DO $$
DECLARE
  spec record;
  event text;
BEGIN
  FOR spec IN
    SELECT * FROM (VALUES
      ('deal_rollup', $c$tandem_rep_inputs_changed('owner_id')$c$),
      ('deal_objective_rollup', $c$tandem_rep_inputs_changed('owner_id')$c$),
      ('goals', $c$tandem_rep_inputs_changed('user_id')$c$),
      ('goal_objective_links', 'tandem_rep_links_changed()'),
      ('objectives', $c$tandem_rep_inputs_changed('')$c$),
      ('strategies', $c$tandem_rep_inputs_changed('')$c$)
    ) AS s(tbl, call)
  LOOP
    FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format('DROP TRIGGER %I ON %I', spec.tbl || '_rep_inputs_' || event, spec.tbl);
    END LOOP;
    PERFORM tandem_create_statement_triggers(spec.tbl, ARRAY['INSERT', 'UPDATE', 'DELETE'], spec.call, 'rep_inputs');
  END LOOP;
END $$;
