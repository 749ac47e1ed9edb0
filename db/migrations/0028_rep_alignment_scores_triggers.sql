-- Stored rep scores (docs/performance.md "Stored rep scores"): rep_alignment_scores holds each person's score
-- figures per strategy, written by the readers (server/services/rep-score-store.ts); a row is current while the
-- versions it records are those of rep_alignment_inputs. The triggers below bump those versions in the transaction of
-- every write that can change a person's figures, so that a row computed before the write is never read as
-- current (a reader whose snapshot predates the write records the old version):
-- - a person's: their rows of deal_rollup (open pipeline, currencies) and deal_objective_rollup (pipeline per
--   objective) — which every deal write, focus-rule change, strategy change and clock roll goes through —, their
--   goals and their goals' links to objectives;
-- - the organization's (the nil uuid): objectives (which goal links count) and strategies.
-- The figures do not depend on the date: deals are matched to every strategy's objectives whatever strategy they
-- are measured against, and a clock roll that changes a match goes through the rollups. Nor on the weights: the
-- reader scores the figures with the strategy it holds (the score is not stored).
-- The version is the writing transaction's id: distinct for every transaction that commits a change.
SELECT tandem_secure_tenant_tables();
--> statement-breakpoint
CREATE FUNCTION tandem_rep_inputs_bump(p_org uuid, p_users uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rep_alignment_inputs AS i (org_id, user_id, version)
  SELECT p_org, x.user_id, txid_current() FROM (SELECT DISTINCT unnest(p_users) AS user_id) x
  WHERE x.user_id IS NOT NULL ORDER BY x.user_id
  ON CONFLICT (org_id, user_id) DO UPDATE SET version = excluded.version WHERE i.version <> excluded.version
$$;
--> statement-breakpoint
-- Rows naming a person (the rollups' owner_id, goals' user_id): TG_ARGV[0] is that column. The organization's
-- version instead when TG_ARGV[0] is empty (objectives, strategies).
CREATE FUNCTION tandem_rep_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN EXECUTE format('SELECT org_id, array_agg(DISTINCT %s) AS users FROM (%s) c GROUP BY org_id',
    CASE WHEN TG_ARGV[0] = '' THEN '''00000000-0000-0000-0000-000000000000''::uuid' ELSE quote_ident(TG_ARGV[0]) END,
    tandem_changed_rows(TG_OP, '', ''))
  LOOP
    PERFORM tandem_rep_inputs_bump(r.org_id, r.users);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A goal's links: the goal's owner (a link removed with its goal: the goal's own trigger bumps its owner).
CREATE FUNCTION tandem_rep_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN EXECUTE format(
    'SELECT g.org_id, array_agg(DISTINCT g.user_id) AS users FROM goals g
     JOIN (SELECT DISTINCT org_id, goal_id FROM (%s) c) c ON g.org_id = c.org_id AND g.id = c.goal_id
     GROUP BY g.org_id', tandem_changed_rows(TG_OP, '', ''))
  LOOP
    PERFORM tandem_rep_inputs_bump(r.org_id, r.users);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION tandem_create_rep_input_triggers(p_table text, p_call text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  event text;
BEGIN
  FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %s',
      p_table || '_rep_inputs_' || lower(event), event, p_table,
      CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
        ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
      p_call);
  END LOOP;
END $$;
--> statement-breakpoint
SELECT tandem_create_rep_input_triggers('deal_rollup', $$tandem_rep_inputs_changed('owner_id')$$);
--> statement-breakpoint
SELECT tandem_create_rep_input_triggers('deal_objective_rollup', $$tandem_rep_inputs_changed('owner_id')$$);
--> statement-breakpoint
SELECT tandem_create_rep_input_triggers('goals', $$tandem_rep_inputs_changed('user_id')$$);
--> statement-breakpoint
SELECT tandem_create_rep_input_triggers('goal_objective_links', 'tandem_rep_links_changed()');
--> statement-breakpoint
SELECT tandem_create_rep_input_triggers('objectives', $$tandem_rep_inputs_changed('')$$);
--> statement-breakpoint
SELECT tandem_create_rep_input_triggers('strategies', $$tandem_rep_inputs_changed('')$$);
--> statement-breakpoint
DROP FUNCTION tandem_create_rep_input_triggers(text, text);
