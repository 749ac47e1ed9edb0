-- Stored alignment (docs/performance.md "Stored alignment"): deal_alignment and deal_objective_match hold what the
-- live views deal_scores and deal_objective_matches compute, and deal_rollup / deal_objective_rollup hold the
-- aggregates the pipeline and team views read. Statement-level triggers (transition tables, so a bulk write is
-- recomputed set-based) keep them current in the transaction of every write that can change them.
--
-- Layers: a write to an input table names the deals it affects and recomputes them (tandem_refresh_deals, or
-- tandem_recompute under the organization's exclusive lock for strategy-wide changes); writes to the stored
-- tables in turn adjust the rollups by the difference (tandem_<rollup>_<event> triggers). The views stay as the
-- reference the stored figures are tested against (tests/integration/stored-scores*.test.ts).
--
-- Every function runs with its caller's rights (no SECURITY DEFINER): a request's writes are recomputed as
-- tandem_app, under row-level security, so a trigger only ever sees and writes the request's organization.

-- ---------------------------------------------------------------------------------------------------------
-- Concurrency (docs/performance.md "Concurrency"). Every recomputation locks what it reads before it reads it,
-- so two transactions never both compute a deal from the other's uncommitted state:
-- - the organization's alignment lock: shared by every deal-level recomputation, exclusive for strategy-wide
--   ones (strategies, objectives, focus rules, the clock), which then need no per-deal locks;
-- - the owners' membership rows and the accounts (shared) for deal-level recomputations; a goal change takes
--   its owner's row exclusively, an account change holds its account row (its UPDATE does);
-- - the deals' deal_alignment rows (exclusive), serializing recomputations of the same deal.
-- Each computation runs in a statement after the locks (READ COMMITTED: it sees what the lock holders committed).
CREATE FUNCTION tandem_alignment_lock(p_org uuid, p_exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_exclusive THEN
    PERFORM pg_advisory_xact_lock(7741, hashtext(p_org::text));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(7741, hashtext(p_org::text));
  END IF;
END $$;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------------------
-- The clock (alignment_clock in db/schema.ts). pickStrategy falls back to the active strategy containing
-- "today" (else the one that started last) for a deal whose close date lies in no active strategy: that
-- fallback is the same for every deal and only changes at an active strategy's first day or the day after its
-- last, so the clock keeps it with the range of days it holds for.

CREATE FUNCTION tandem_fallback_strategy(p_org uuid, p_today date) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT s.id FROM strategies s
  WHERE s.org_id = p_org AND s.status = 'active'
  ORDER BY CASE WHEN p_today BETWEEN s.starts_on AND s.ends_on THEN 0 ELSE 1 END, s.starts_on DESC, s.id
  LIMIT 1
$$;
--> statement-breakpoint
-- Sets the clock to p_today; answers whether the fallback strategy changed (or the clock was new).
CREATE FUNCTION tandem_set_clock(p_org uuid, p_today date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  fallback uuid := tandem_fallback_strategy(p_org, p_today);
  previous alignment_clock;
  valid_from date;
  valid_until date;
BEGIN
  SELECT * INTO previous FROM alignment_clock c WHERE c.org_id = p_org;
  SELECT coalesce(max(v.day) FILTER (WHERE v.day <= p_today), '-infinity'::date),
         coalesce(min(v.day) FILTER (WHERE v.day > p_today), 'infinity'::date)
    INTO valid_from, valid_until
    FROM strategies s CROSS JOIN LATERAL (VALUES (s.starts_on), (s.ends_on + 1)) AS v(day)
    WHERE s.org_id = p_org AND s.status = 'active';
  INSERT INTO alignment_clock (org_id, as_of, fallback_strategy_id, valid_from, valid_until)
  VALUES (p_org, p_today, fallback, valid_from, valid_until)
  ON CONFLICT (org_id) DO UPDATE SET as_of = excluded.as_of, fallback_strategy_id = excluded.fallback_strategy_id,
    valid_from = excluded.valid_from, valid_until = excluded.valid_until;
  RETURN previous.org_id IS NULL OR previous.fallback_strategy_id IS DISTINCT FROM fallback;
END $$;
--> statement-breakpoint
-- The strategy each deal is measured against (pickStrategy in server/domain/deal-alignment.ts): the active
-- strategy whose period contains its close date (latest start, then lowest id), else the clock's fallback.
-- Picked once per distinct close date (a few hundred), not per deal.
CREATE FUNCTION tandem_strategy_picks(p_org uuid, p_deals uuid[])
RETURNS TABLE (deal_id uuid, strategy_id uuid) LANGUAGE sql STABLE AS $$
  WITH d AS (
    SELECT d.id, d.close_date FROM unnest(p_deals) AS x(id) JOIN deals d ON d.org_id = p_org AND d.id = x.id
  ),
  by_close_date AS (
    SELECT c.close_date, (
      SELECT s.id FROM strategies s
      WHERE s.org_id = p_org AND s.status = 'active' AND c.close_date BETWEEN s.starts_on AND s.ends_on
      ORDER BY s.starts_on DESC, s.id
      LIMIT 1) AS strategy_id
    FROM (SELECT DISTINCT d.close_date FROM d WHERE d.close_date IS NOT NULL) c
  )
  SELECT d.id, coalesce(b.strategy_id, (SELECT c.fallback_strategy_id FROM alignment_clock c WHERE c.org_id = p_org))
  FROM d LEFT JOIN by_close_date b ON b.close_date = d.close_date
$$;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------------------
-- Recomputing a set of deals, set-based. No locking here: callers lock first (tandem_refresh_deals, or the
-- exclusive organization lock).

-- Focus-rule matches (as in deal_objective_matches): an objective with rules matches a deal when, for every
-- dimension of its rules, one value equals the deal's (case-insensitive; a missing value matches nothing).
-- Deals are unpivoted into (dimension, value) rows so the rules join by equality (a hash join).
CREATE FUNCTION tandem_focus_matches(p_org uuid, p_deals uuid[], p_objectives uuid[])
RETURNS TABLE (deal_id uuid, objective_id uuid) LANGUAGE sql STABLE AS $$
  WITH rules AS (
    SELECT DISTINCT f.objective_id, f.dimension, lower(f.value) AS value
    FROM objective_focus f
    WHERE f.org_id = p_org AND (p_objectives IS NULL OR f.objective_id = ANY (p_objectives))
  ),
  -- Each rule row carries how many dimensions its objective has: a deal has one value per dimension, so it
  -- matches an objective when it meets that many of the (distinct) rules.
  counted AS (
    SELECT r.*, n.dimensions
    FROM rules r
    JOIN (SELECT objective_id, count(DISTINCT dimension) AS dimensions FROM rules GROUP BY objective_id) n
      ON n.objective_id = r.objective_id
  )
  SELECT v.deal_id, r.objective_id
  FROM unnest(p_deals) AS x(id)
  JOIN deals d ON d.org_id = p_org AND d.id = x.id
  JOIN accounts a ON a.org_id = d.org_id AND a.id = d.account_id
  CROSS JOIN LATERAL (VALUES
    (d.id, 'industry'::focus_dimension, lower(a.industry)),
    (d.id, 'segment'::focus_dimension, lower(a.segment)),
    (d.id, 'region'::focus_dimension, lower(a.region)),
    (d.id, 'product'::focus_dimension, lower(d.product))
  ) AS v(deal_id, dimension, value)
  JOIN counted r ON r.dimension = v.dimension AND r.value = v.value
  GROUP BY v.deal_id, r.objective_id, r.dimensions
  HAVING count(*) = r.dimensions
$$;
--> statement-breakpoint
-- deal_objective_match for the deals: explicit links plus focus-rule matches, with the deal's keys, its share of
-- the amount (amount / k over the k objectives of the same strategy it serves) and which of those k is its lead
-- match. Only changed rows are written.
CREATE FUNCTION tandem_refresh_matches(p_org uuid, p_deals uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT d.id, d.owner_id, d.team_id, d.stage, d.currency, d.amount
    FROM unnest(p_deals) AS x(id) JOIN deals d ON d.org_id = p_org AND d.id = x.id
  ),
  matched AS (
    SELECT m.deal_id, m.objective_id, bool_or(m.explicit) AS explicit
    FROM (
      SELECT l.deal_id, l.objective_id, true AS explicit
      FROM deal_objectives l JOIN d ON l.org_id = p_org AND l.deal_id = d.id
      UNION ALL
      SELECT f.deal_id, f.objective_id, false FROM tandem_focus_matches(p_org, p_deals, NULL) f
    ) m
    GROUP BY m.deal_id, m.objective_id
  ),
  wanted AS (
    SELECT p_org AS org_id, m.deal_id, m.objective_id, o.strategy_id, m.explicit,
      row_number() OVER (PARTITION BY m.deal_id, o.strategy_id ORDER BY m.objective_id) = 1 AS lead,
      d.owner_id, d.team_id, d.stage, d.currency, d.amount,
      d.amount / count(*) OVER (PARTITION BY m.deal_id, o.strategy_id) AS share
    FROM matched m
    JOIN d ON d.id = m.deal_id
    JOIN objectives o ON o.org_id = p_org AND o.id = m.objective_id
  ),
  gone AS (
    DELETE FROM deal_objective_match x USING unnest(p_deals) AS u(id)
    WHERE x.org_id = p_org AND x.deal_id = u.id
      AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.deal_id = x.deal_id AND w.objective_id = x.objective_id)
  )
  INSERT INTO deal_objective_match AS x
    (org_id, deal_id, objective_id, strategy_id, explicit, lead, owner_id, team_id, stage, currency, amount, share)
  SELECT * FROM wanted ORDER BY deal_id, objective_id
  ON CONFLICT (org_id, deal_id, objective_id) DO UPDATE SET
    strategy_id = excluded.strategy_id, explicit = excluded.explicit, lead = excluded.lead,
    owner_id = excluded.owner_id, team_id = excluded.team_id, stage = excluded.stage, currency = excluded.currency,
    amount = excluded.amount, share = excluded.share
  WHERE (x.strategy_id, x.explicit, x.lead, x.owner_id, x.team_id, x.stage, x.currency, x.amount, x.share)
    IS DISTINCT FROM (excluded.strategy_id, excluded.explicit, excluded.lead, excluded.owner_id, excluded.team_id,
      excluded.stage, excluded.currency, excluded.amount, excluded.share);
END $$;
--> statement-breakpoint
-- deal_alignment for the deals, from the stored matches: the formula of deal_scores (migration 0004) operation
-- for operation, so that the stored score equals the view and scoreDeal() to the last bit. Only changed rows
-- are written; rows of deals that no longer exist are removed.
CREATE FUNCTION tandem_refresh_scores(p_org uuid, p_deals uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT d.id, d.owner_id, d.team_id, d.stage, d.currency, d.amount, d.problem_fit, p.strategy_id
    FROM tandem_strategy_picks(p_org, p_deals) p JOIN deals d ON d.org_id = p_org AND d.id = p.deal_id
  ),
  sh AS (
    SELECT x.deal_id,
      sum(x.influence) AS total_influence,
      sum(x.influence * (CASE WHEN btrim(x.personal_win) = '' THEN 0 WHEN btrim(x.how_we_serve_it) = '' THEN 0.5
        ELSE 1 END)::float8) AS won_influence,
      bool_or(x.buying_role = 'economic_buyer') AS has_economic_buyer,
      bool_or(x.buying_role = 'champion') AS has_champion,
      bool_or(x.influence >= 4 AND btrim(x.personal_win) = '') AS wins_unknown,
      bool_or((x.buying_role = 'blocker' OR x.stance = 'opponent') AND btrim(x.how_we_serve_it) = '')
        AS blocker_unaddressed
    FROM stakeholders x JOIN d ON x.org_id = p_org AND x.deal_id = d.id
    GROUP BY x.deal_id
  ),
  top_weight AS (
    SELECT o.strategy_id, max(o.weight) AS weight
    FROM objectives o
    WHERE o.org_id = p_org AND o.strategy_id IN (SELECT d.strategy_id FROM d)
    GROUP BY o.strategy_id
  ),
  matched_weight AS (
    SELECT m.deal_id, max(o.weight) AS weight
    FROM d
    JOIN deal_objective_match m ON m.org_id = p_org AND m.deal_id = d.id AND m.strategy_id = d.strategy_id
    JOIN objectives o ON o.org_id = p_org AND o.id = m.objective_id
    GROUP BY m.deal_id
  ),
  -- The owner's goals of the strategy advanced by the deal: the linked ones, plus quota and commission goals for
  -- an open or won deal. Summed per (owner, strategy) and per deal's links, not per (deal, goal): whole numbers
  -- either way, so the division below is the same as the view's.
  owner_goals AS (
    SELECT g.user_id, g.strategy_id, sum(g.importance) AS total,
      coalesce(sum(g.importance) FILTER (WHERE g.category IN ('quota', 'commission')), 0) AS quota
    FROM goals g
    WHERE g.org_id = p_org AND (g.user_id, g.strategy_id) IN (SELECT d.owner_id, d.strategy_id FROM d)
    GROUP BY g.user_id, g.strategy_id
  ),
  linked_goals AS (
    SELECT d.id AS deal_id, sum(g.importance) AS linked,
      coalesce(sum(g.importance) FILTER (WHERE g.category NOT IN ('quota', 'commission')), 0) AS linked_other
    FROM d
    JOIN deal_goals dg ON dg.org_id = p_org AND dg.deal_id = d.id
    JOIN goals g ON g.org_id = p_org AND g.id = dg.goal_id AND g.user_id = d.owner_id AND g.strategy_id = d.strategy_id
    GROUP BY d.id
  ),
  goal_share AS (
    SELECT d.id AS deal_id,
      coalesce((CASE
          WHEN d.stage IN ('prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'closed_won')
          THEN og.quota + coalesce(lg.linked_other, 0) ELSE coalesce(lg.linked, 0) END)::float8
        / nullif(og.total, 0)::float8, 0::float8) AS rep
    FROM d
    JOIN owner_goals og ON og.user_id = d.owner_id AND og.strategy_id = d.strategy_id
    LEFT JOIN linked_goals lg ON lg.deal_id = d.id
  ),
  parts AS (
    SELECT d.*,
      coalesce(sh.has_economic_buyer, false) AS has_economic_buyer,
      coalesce(sh.has_champion, false) AS has_champion,
      coalesce(sh.wins_unknown, false) AS wins_unknown,
      coalesce(sh.blocker_unaddressed, false) AS blocker_unaddressed,
      CASE WHEN d.problem_fit = 'no' THEN 0::float8
        ELSE 0.5::float8 * (CASE d.problem_fit WHEN 'yes' THEN 1 WHEN 'partly' THEN 0.5 ELSE 0.25 END)::float8
           + 0.5::float8 * (coalesce(sh.won_influence, 0::float8)
             / (coalesce(sh.total_influence, 0)
                + CASE WHEN coalesce(sh.has_economic_buyer, false) THEN 0 ELSE 5 END)::float8)
      END AS customer,
      coalesce(mw.weight::float8 / nullif(tw.weight, 0)::float8, 0::float8) AS company,
      coalesce(gs.rep, 0::float8) AS rep
    FROM d
    LEFT JOIN sh ON sh.deal_id = d.id
    LEFT JOIN matched_weight mw ON mw.deal_id = d.id
    LEFT JOIN top_weight tw ON tw.strategy_id = d.strategy_id
    LEFT JOIN goal_share gs ON gs.deal_id = d.id
  ),
  wanted AS (
    SELECT p_org AS org_id, p.id AS deal_id, p.owner_id, p.team_id, p.stage, p.currency, p.amount, p.strategy_id,
      p.customer, p.company, p.rep,
      CASE WHEN p.problem_fit = 'no' THEN 0
        ELSE floor(100 * sqrt(p.customer) * sqrt(sqrt(greatest(0.1::float8, p.company)))
          * sqrt(sqrt(greatest(0.1::float8, p.rep))) + 0.5::float8)::int
      END AS score,
      array_remove(ARRAY[
        CASE WHEN p.problem_fit = 'no' THEN 'DISQUALIFY' END,
        CASE WHEN NOT p.has_economic_buyer THEN 'NO_ECONOMIC_BUYER' END,
        CASE WHEN NOT p.has_champion THEN 'NO_CHAMPION' END,
        CASE WHEN p.wins_unknown THEN 'WINS_UNKNOWN' END,
        CASE WHEN p.blocker_unaddressed THEN 'BLOCKER_UNADDRESSED' END,
        CASE WHEN p.company = 0 THEN 'OUTSIDE_STRATEGY' END,
        CASE WHEN p.rep = 0 THEN 'NOT_IN_REP_GOALS' END
      ]::text[], NULL) AS flags
    FROM parts p
  ),
  gone AS (
    DELETE FROM deal_alignment x USING unnest(p_deals) AS u(id)
    WHERE x.org_id = p_org AND x.deal_id = u.id
      AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.org_id = p_org AND d.id = u.id)
  )
  INSERT INTO deal_alignment AS x
    (org_id, deal_id, owner_id, team_id, stage, currency, amount, strategy_id, customer, company, rep, score, flags)
  SELECT * FROM wanted ORDER BY deal_id
  ON CONFLICT (org_id, deal_id) DO UPDATE SET
    owner_id = excluded.owner_id, team_id = excluded.team_id, stage = excluded.stage, currency = excluded.currency,
    amount = excluded.amount, strategy_id = excluded.strategy_id, customer = excluded.customer,
    company = excluded.company, rep = excluded.rep, score = excluded.score, flags = excluded.flags
  WHERE (x.owner_id, x.team_id, x.stage, x.currency, x.amount, x.strategy_id, x.customer, x.company, x.rep,
      x.score, x.flags)
    IS DISTINCT FROM (excluded.owner_id, excluded.team_id, excluded.stage, excluded.currency, excluded.amount,
      excluded.strategy_id, excluded.customer, excluded.company, excluded.rep, excluded.score, excluded.flags);
END $$;
--> statement-breakpoint
-- The words a search matches: lowercased, split on spaces and punctuation. Used for the stored terms and, by
-- readers, for what the user typed (each word must be the start of one of a deal's terms).
CREATE FUNCTION tandem_search_terms(p_text text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT term FROM regexp_split_to_table(lower(p_text), '[[:space:][:punct:]]+') AS term WHERE term <> ''
$$;
--> statement-breakpoint
CREATE FUNCTION tandem_refresh_search_terms(p_org uuid, p_deals uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH wanted AS (
    SELECT DISTINCT d.id AS deal_id, t.term
    FROM unnest(p_deals) AS x(id)
    JOIN deals d ON d.org_id = p_org AND d.id = x.id
    JOIN accounts a ON a.org_id = d.org_id AND a.id = d.account_id
    CROSS JOIN LATERAL tandem_search_terms(d.name || ' ' || a.name) AS t(term)
  ),
  gone AS (
    DELETE FROM deal_search_terms x USING unnest(p_deals) AS u(id)
    WHERE x.org_id = p_org AND x.deal_id = u.id
      AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.deal_id = x.deal_id AND w.term = x.term)
  )
  INSERT INTO deal_search_terms (org_id, deal_id, term)
  SELECT p_org, w.deal_id, w.term FROM wanted w ORDER BY w.deal_id, w.term
  ON CONFLICT DO NOTHING;
END $$;
--> statement-breakpoint
-- How many deals make a recomputation "bulk": planned for its size, and under the organization's exclusive lock.
CREATE FUNCTION tandem_is_bulk(p_deals uuid[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(cardinality(p_deals), 0) > 5000
$$;
--> statement-breakpoint
-- What to recompute: objective matches (and then scores, which read them), scores, search terms.
-- Plans: for a few deals (every request) the cached generic plan — index lookups — is used, so the statements
-- are not planned again on each write; for thousands (bulk loads, strategy-wide changes) each statement is
-- planned for the actual number of deals (hash joins), with the memory to keep its sorts and hashes off disk.
CREATE FUNCTION tandem_recompute(p_org uuid, p_deals uuid[], p_matches boolean, p_scores boolean, p_terms boolean)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bulk boolean := tandem_is_bulk(p_deals);
  plan_mode text := current_setting('plan_cache_mode');
  memory text := current_setting('work_mem');
BEGIN
  IF coalesce(cardinality(p_deals), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM set_config('plan_cache_mode', CASE WHEN bulk THEN 'force_custom_plan' ELSE 'force_generic_plan' END, true);
  IF bulk THEN
    PERFORM set_config('work_mem', '64MB', true);
  END IF;
  IF p_matches THEN
    PERFORM tandem_refresh_matches(p_org, p_deals);
  END IF;
  IF p_matches OR p_scores THEN
    PERFORM tandem_refresh_scores(p_org, p_deals);
  END IF;
  IF p_terms THEN
    PERFORM tandem_refresh_search_terms(p_org, p_deals);
  END IF;
  -- Queued deals recomputed here are current again (those waiting for their matches only if these were redone).
  IF p_matches OR p_scores THEN
    DELETE FROM alignment_stale s USING unnest(p_deals) AS x(id)
    WHERE s.org_id = p_org AND s.deal_id = x.id AND (p_matches OR NOT s.rematch);
  END IF;
  PERFORM set_config('plan_cache_mode', plan_mode, true), set_config('work_mem', memory, true);
END $$;
--> statement-breakpoint
-- A strategy-wide recomputation: done at once when it is small enough (it runs under the organization's exclusive
-- lock, so the organization's deal writes wait meanwhile), else the deals are queued in alignment_stale for
-- tandem_alignment_work(), and readers show them as being recomputed until it has. The limit is a setting
-- (tandem.alignment_sync_limit, 20,000 deals by default) so that tests can take either road.
CREATE FUNCTION tandem_recompute_or_queue(p_org uuid, p_rematch uuid[], p_rescore uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  sync_limit int := coalesce(nullif(current_setting('tandem.alignment_sync_limit', true), '')::int, 20000);
BEGIN
  IF coalesce(cardinality(p_rematch), 0) + coalesce(cardinality(p_rescore), 0) <= sync_limit THEN
    PERFORM tandem_recompute(p_org, p_rematch, p_matches => true, p_scores => true, p_terms => false);
    PERFORM tandem_recompute(p_org, p_rescore, p_matches => false, p_scores => true, p_terms => false);
    RETURN;
  END IF;
  INSERT INTO alignment_stale (org_id, deal_id, rematch)
  SELECT p_org, x.id, bool_or(x.rematch)
  FROM (SELECT unnest(p_rematch) AS id, true AS rematch UNION ALL SELECT unnest(p_rescore), false) x
  GROUP BY x.id ORDER BY x.id
  ON CONFLICT (org_id, deal_id) DO UPDATE SET rematch = alignment_stale.rematch OR excluded.rematch;
END $$;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------------------
-- Entry points

-- Rolls the clock to p_today when p_today is outside the range its fallback holds for, recomputing the deals
-- whose strategy changes. Under the exclusive organization lock; the range is checked again once it is held.
CREATE FUNCTION tandem_alignment_roll_clock(p_org uuid, p_today date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  clock alignment_clock;
BEGIN
  SELECT * INTO clock FROM alignment_clock c WHERE c.org_id = p_org;
  IF FOUND AND p_today >= clock.valid_from AND p_today < clock.valid_until THEN
    RETURN;
  END IF;
  PERFORM tandem_alignment_lock(p_org, true);
  SELECT * INTO clock FROM alignment_clock c WHERE c.org_id = p_org;
  IF FOUND AND p_today >= clock.valid_from AND p_today < clock.valid_until THEN
    RETURN;
  END IF;
  IF tandem_set_clock(p_org, p_today) THEN
    PERFORM tandem_recompute_or_queue(p_org, NULL, tandem_changed_picks(p_org));
  END IF;
END $$;
--> statement-breakpoint
-- The deals whose strategy is no longer the one stored (after a strategy or clock change). The deals' ids go
-- through a variable: a subquery as the argument would keep the SQL function from being inlined and planned
-- for the real number of deals.
CREATE FUNCTION tandem_changed_picks(p_org uuid) RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  every_deal uuid[] := ARRAY(SELECT d.id FROM deals d WHERE d.org_id = p_org);
BEGIN
  RETURN (
    SELECT array_agg(a.deal_id)
    FROM tandem_strategy_picks(p_org, every_deal) p
    JOIN deal_alignment a ON a.org_id = p_org AND a.deal_id = p.deal_id
    WHERE a.strategy_id IS DISTINCT FROM p.strategy_id);
END $$;
--> statement-breakpoint
-- Deal-level recomputation with its locks (see "Concurrency" above).
CREATE FUNCTION tandem_refresh_deals(p_org uuid, p_deals uuid[], p_matches boolean, p_scores boolean, p_terms boolean)
RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF coalesce(cardinality(p_deals), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM tandem_alignment_roll_clock(p_org, current_date);
  -- A statement touching thousands of deals (a bulk load, a mass update) takes the organization's lock
  -- exclusively instead of locking each row twice over.
  IF tandem_is_bulk(p_deals) THEN
    PERFORM tandem_alignment_lock(p_org, true);
    PERFORM tandem_recompute(p_org, p_deals, p_matches, p_scores, p_terms);
    RETURN;
  END IF;
  PERFORM tandem_alignment_lock(p_org, false);
  PERFORM 1 FROM memberships m
  WHERE m.org_id = p_org
    AND m.user_id IN (SELECT d.owner_id FROM unnest(p_deals) AS x(id) JOIN deals d ON d.org_id = p_org AND d.id = x.id)
  ORDER BY m.user_id FOR SHARE OF m;
  PERFORM 1 FROM accounts a
  WHERE a.org_id = p_org
    AND a.id IN (SELECT d.account_id FROM unnest(p_deals) AS x(id) JOIN deals d ON d.org_id = p_org AND d.id = x.id)
  ORDER BY a.id FOR SHARE OF a;
  PERFORM 1 FROM deal_alignment s JOIN unnest(p_deals) AS x(id) ON s.org_id = p_org AND s.deal_id = x.id
  ORDER BY s.deal_id FOR UPDATE OF s;
  PERFORM tandem_recompute(p_org, p_deals, p_matches, p_scores, p_terms);
END $$;
--> statement-breakpoint
-- Recomputes everything stored for an organization from its base tables (the migration's backfill; after a
-- bulk load with triggers off, e.g. session_replication_role = replica). The rollups are rebuilt from zero.
CREATE FUNCTION tandem_alignment_rebuild(p_org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  every_deal uuid[];
BEGIN
  PERFORM tandem_alignment_lock(p_org, true);
  DELETE FROM deal_objective_match WHERE org_id = p_org;
  DELETE FROM deal_alignment WHERE org_id = p_org;
  DELETE FROM deal_search_terms WHERE org_id = p_org;
  DELETE FROM deal_rollup WHERE org_id = p_org;
  DELETE FROM deal_objective_rollup WHERE org_id = p_org;
  DELETE FROM alignment_stale WHERE org_id = p_org;
  PERFORM tandem_set_clock(p_org, current_date);
  SELECT array_agg(d.id) INTO every_deal FROM deals d WHERE d.org_id = p_org;
  PERFORM tandem_recompute(p_org, every_deal, p_matches => true, p_scores => true, p_terms => true);
END $$;
--> statement-breakpoint
-- Recomputes up to p_limit queued deals of the organization, as deal-level recomputations (the organization's
-- writes go on meanwhile; concurrent workers take different deals); answers how many are still queued. Call it
-- again, each time in its own transaction, until it answers 0.
CREATE FUNCTION tandem_alignment_work(p_org uuid DEFAULT app_org_id(), p_limit int DEFAULT 5000) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  batch record;
BEGIN
  -- The organization's lock before the queue's rows, in the order a strategy change at commit takes them.
  PERFORM tandem_alignment_roll_clock(p_org, current_date);
  PERFORM tandem_alignment_lock(p_org, false);
  SELECT array_agg(q.deal_id) FILTER (WHERE q.rematch) AS rematch,
    array_agg(q.deal_id) FILTER (WHERE NOT q.rematch) AS rescore
  INTO batch
  FROM (SELECT s.deal_id, s.rematch FROM alignment_stale s WHERE s.org_id = p_org ORDER BY s.deal_id LIMIT p_limit
        FOR UPDATE SKIP LOCKED) q;
  PERFORM tandem_refresh_deals(p_org, batch.rematch, p_matches => true, p_scores => true, p_terms => false);
  PERFORM tandem_refresh_deals(p_org, batch.rescore, p_matches => false, p_scores => true, p_terms => false);
  RETURN (SELECT count(*) FROM alignment_stale s WHERE s.org_id = p_org);
END $$;
--> statement-breakpoint
-- For readers (the application role): rolls the current organization's clock to today if its range has
-- passed (one row read otherwise), so that what they read next is as of today; answers the clock.
CREATE FUNCTION tandem_alignment_roll_clock() RETURNS alignment_clock LANGUAGE plpgsql AS $$
DECLARE
  org uuid := app_org_id();
  clock alignment_clock;
BEGIN
  IF org IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM tandem_alignment_roll_clock(org, current_date);
  SELECT * INTO clock FROM alignment_clock c WHERE c.org_id = org;
  RETURN clock;
END $$;
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------------------
-- Triggers on the inputs. Each is per statement with its transition tables (new_rows, old_rows), names the
-- deals the statement affects and recomputes them once.

-- The rows a statement changed, as SQL over its transition tables: the inserted rows, the deleted rows, or for
-- an update the old and the new version of each row (joined by `p_key`) whose `p_columns` changed. Without a
-- key (link tables, whose key is what an update would change) every old and new row counts.
CREATE FUNCTION tandem_changed_rows(p_op text, p_key text, p_columns text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_op = 'INSERT' THEN 'SELECT * FROM new_rows'
    WHEN p_op = 'DELETE' THEN 'SELECT * FROM old_rows'
    WHEN p_key = '' THEN 'SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows'
    ELSE format(
      'SELECT o.* FROM old_rows o JOIN new_rows n USING (%1$s) WHERE (%2$s) IS DISTINCT FROM (%3$s)
       UNION ALL SELECT n.* FROM old_rows o JOIN new_rows n USING (%1$s) WHERE (%2$s) IS DISTINCT FROM (%3$s)',
      p_key, regexp_replace(p_columns, '(\w+)', 'o.\1', 'g'), regexp_replace(p_columns, '(\w+)', 'n.\1', 'g'))
  END
$$;
--> statement-breakpoint
-- Tables whose rows name a deal (deals, stakeholders, deal_goals, deal_objectives). Arguments: the table's key,
-- the column naming the deal, the columns the stored figures read, and what they feed ('matches', 'scores',
-- 'terms', comma-separated).
CREATE FUNCTION tandem_deal_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parts text[] := string_to_array(TG_ARGV[3], ',');
  r record;
BEGIN
  FOR r IN EXECUTE format('SELECT org_id, array_agg(DISTINCT %I) AS deals FROM (%s) c GROUP BY org_id',
    TG_ARGV[1], tandem_changed_rows(TG_OP, TG_ARGV[0], TG_ARGV[2]))
  LOOP
    PERFORM tandem_refresh_deals(r.org_id, r.deals,
      p_matches => 'matches' = ANY (parts), p_scores => 'scores' = ANY (parts), p_terms => 'terms' = ANY (parts));
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An account's industry, segment and region feed focus-rule matches; its name, search terms. Its UPDATE holds
-- the account row, so the deals on it are recomputed without a concurrent deal-level refresh of them.
CREATE FUNCTION tandem_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN EXECUTE format(
    'SELECT d.org_id, array_agg(d.id) AS deals FROM deals d
     JOIN (SELECT DISTINCT org_id, id FROM (%s) c) c ON d.org_id = c.org_id AND d.account_id = c.id
     GROUP BY d.org_id', tandem_changed_rows(TG_OP, 'org_id, id', 'industry, segment, region, name'))
  LOOP
    PERFORM tandem_refresh_deals(r.org_id, r.deals, p_matches => true, p_scores => true, p_terms => true);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A goal feeds the rep part of its owner's deals measured against its strategy. The owners' membership rows are
-- taken first (exclusive), so a deal of theirs being recomputed concurrently is either finished and seen here,
-- or waits and sees the goal.
CREATE FUNCTION tandem_goals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := tandem_changed_rows(TG_OP, 'org_id, id', 'user_id, strategy_id, category, importance');
  r record;
  affected uuid[];
BEGIN
  FOR r IN EXECUTE format('SELECT org_id, array_agg(DISTINCT user_id) AS owners FROM (%s) c GROUP BY org_id', changed)
  LOOP
    PERFORM tandem_alignment_roll_clock(r.org_id, current_date);
    PERFORM tandem_alignment_lock(r.org_id, false);
    PERFORM 1 FROM memberships m WHERE m.org_id = r.org_id AND m.user_id = ANY (r.owners)
    ORDER BY m.user_id FOR NO KEY UPDATE OF m;
    EXECUTE format(
      'SELECT array_agg(a.deal_id) FROM deal_alignment a
       JOIN (SELECT DISTINCT user_id, strategy_id FROM (%s) c WHERE c.org_id = $1) c
         ON a.owner_id = c.user_id AND a.strategy_id = c.strategy_id
       WHERE a.org_id = $1', changed) INTO affected USING r.org_id;
    PERFORM tandem_refresh_deals(r.org_id, affected, p_matches => false, p_scores => true, p_terms => false);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Strategy-wide changes (strategies, objectives, focus rules) touch many deals and come in batches (a strategy
-- save rewrites every focus rule and updates each objective): their triggers only record what changed in
-- alignment_pending, and the deferred constraint trigger below recomputes once, when the transaction commits.
-- Arguments: the table's key, a condition an inserted or deleted row must meet to matter, then triples of (kind of
-- pending work, the column naming its target, the columns whose change in an update calls for it).
CREATE FUNCTION tandem_strategy_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  i int := 2;
BEGIN
  WHILE i < TG_NARGS LOOP
    EXECUTE format(
      'INSERT INTO alignment_pending (org_id, kind, target_id)
       SELECT DISTINCT org_id, %L, %I FROM (%s) c WHERE (%L = ''UPDATE'' OR (%s)) AND %I IS NOT NULL ORDER BY 1, 3
       ON CONFLICT DO NOTHING',
      TG_ARGV[i], TG_ARGV[i + 1], tandem_changed_rows(TG_OP, TG_ARGV[0], TG_ARGV[i + 2]), TG_OP, TG_ARGV[1],
      TG_ARGV[i + 1]);
    i := i + 3;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The deals whose focus-rule match with one of the objectives differs now from what is stored (explicit links
-- aside: a deal linked by hand serves the objective whatever its rules say). Ids through a variable, as above.
CREATE FUNCTION tandem_focus_changes(p_org uuid, p_objectives uuid[]) RETURNS SETOF uuid LANGUAGE plpgsql STABLE AS $$
DECLARE
  every_deal uuid[] := ARRAY(SELECT d.id FROM deals d WHERE d.org_id = p_org);
BEGIN
  RETURN QUERY
  WITH focus_now AS (
    SELECT f.deal_id, f.objective_id FROM tandem_focus_matches(p_org, every_deal, p_objectives) f
    EXCEPT
    SELECT l.deal_id, l.objective_id FROM deal_objectives l
    WHERE l.org_id = p_org AND l.objective_id = ANY (p_objectives)
  ),
  focus_stored AS (
    SELECT m.deal_id, m.objective_id FROM deal_objective_match m
    WHERE m.org_id = p_org AND m.objective_id = ANY (p_objectives) AND NOT m.explicit
  )
  SELECT gained.deal_id FROM (SELECT * FROM focus_now EXCEPT SELECT * FROM focus_stored) gained
  UNION
  SELECT lost.deal_id FROM (SELECT * FROM focus_stored EXCEPT SELECT * FROM focus_now) lost;
END $$;
--> statement-breakpoint
-- At commit, under the exclusive organization lock: the first pending row of an organization takes them all.
-- Deals to rematch: those that served a deleted or moved objective, and those whose focus-rule match with a
-- changed objective differs now from what is stored. Deals to rescore: those whose strategy is no longer the
-- one stored (strategy status and dates, the clock's fallback), and those measured against a strategy whose
-- weights changed.
CREATE FUNCTION tandem_process_pending() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org uuid := NEW.org_id;
  pending record;
  rematch uuid[];
  rescore uuid[];
BEGIN
  PERFORM tandem_alignment_lock(org, true);
  WITH taken AS (DELETE FROM alignment_pending p WHERE p.org_id = org RETURNING p.kind, p.target_id)
  SELECT coalesce(bool_or(kind = 'strategies'), false) AS strategies,
    array_agg(target_id) FILTER (WHERE kind = 'weights') AS weights,
    array_agg(target_id) FILTER (WHERE kind = 'objectives') AS objectives,
    array_agg(target_id) FILTER (WHERE kind = 'focus') AS focus
  INTO pending FROM taken;
  IF NOT pending.strategies AND pending.weights IS NULL AND pending.objectives IS NULL AND pending.focus IS NULL THEN
    RETURN NULL;
  END IF;
  IF pending.strategies OR NOT EXISTS (SELECT 1 FROM alignment_clock c WHERE c.org_id = org) THEN
    PERFORM tandem_set_clock(org, current_date);
  END IF;
  rematch := ARRAY(
    SELECT m.deal_id FROM deal_objective_match m WHERE m.org_id = org AND m.objective_id = ANY (pending.objectives)
    UNION
    SELECT tandem_focus_changes(org, pending.focus) WHERE pending.focus IS NOT NULL
  );
  rescore := ARRAY(
    SELECT unnest(tandem_changed_picks(org)) WHERE pending.strategies
    UNION
    SELECT a.deal_id FROM deal_alignment a WHERE a.org_id = org AND a.strategy_id = ANY (pending.weights)
    EXCEPT
    SELECT unnest(rematch)
  );
  PERFORM tandem_recompute_or_queue(org, rematch, rescore);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER alignment_pending_at_commit AFTER INSERT ON alignment_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tandem_process_pending();
--> statement-breakpoint

-- ---------------------------------------------------------------------------------------------------------
-- Rollups: each write to a stored table adds its difference (+1 per new row, −1 per old row), grouped by the
-- rollup's key, in key order; a group that reaches zero deals is removed.

-- Writes, for each event, a trigger function with static SQL (so its plan is cached from one statement to the
-- next; SQL built at run time would be planned again at every write) and attaches it. Arguments: the stored
-- table, the rollup table (its unique key is the constraint <rollup>_key), the key columns, then pairs of
-- (measure column, its value for one row of the stored table, with `sign` +1 for a new row and −1 for an old one).
CREATE FUNCTION tandem_create_rollup_triggers(p_table text, p_rollup text, p_keys text, VARIADIC p_measures text[])
RETURNS void LANGUAGE plpgsql AS $generator$
DECLARE
  measures text[] := ARRAY(SELECT p_measures[i] FROM generate_subscripts(p_measures, 1) i WHERE i % 2 = 1);
  sums text[] := ARRAY(
    SELECT format('sum(%s)', p_measures[i]) FROM generate_subscripts(p_measures, 1) i WHERE i % 2 = 0);
  -- r and k have the same key: equality (an index condition) for NOT NULL columns, IS NOT DISTINCT FROM for the others.
  same_key text := (
    SELECT string_agg(format(
        CASE WHEN a.attnotnull THEN 'r.%1$I = k.%1$I' ELSE 'r.%1$I IS NOT DISTINCT FROM k.%1$I' END, a.attname),
      ' AND ' ORDER BY k.n)
    FROM unnest(string_to_array(replace(p_keys, ' ', ''), ',')) WITH ORDINALITY AS k(name, n)
    JOIN pg_attribute a ON a.attrelid = p_rollup::regclass AND a.attname = k.name);
  event text;
  name text;
BEGIN
  FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
    name := format('tandem_%s_%s', p_rollup, lower(event));
    EXECUTE format($function$
      CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        INSERT INTO %2$I AS r (%3$s, %4$s)
        SELECT %3$s, %5$s FROM (%6$s) c
        GROUP BY %3$s HAVING %7$s ORDER BY %3$s
        ON CONFLICT ON CONSTRAINT %8$I DO UPDATE SET %9$s;
        %10$s
        RETURN NULL;
      END $body$ $function$,
      name, p_rollup, p_keys, array_to_string(measures, ', '), array_to_string(sums, ', '),
      CASE event
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
        ELSE 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows'
      END,
      array_to_string(ARRAY(SELECT sum || ' <> 0' FROM unnest(sums) sum), ' OR '),
      p_rollup || '_key',
      array_to_string(ARRAY(SELECT format('%1$I = r.%1$I + excluded.%1$I', m) FROM unnest(measures) m), ', '),
      CASE WHEN event = 'INSERT' THEN '' ELSE format(
        'DELETE FROM %1$I r USING (SELECT DISTINCT %2$s FROM old_rows) k WHERE %3$s AND r.%4$I = 0;',
        p_rollup, p_keys, same_key, measures[1]) END);
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      p_table || '_' || p_rollup || '_' || lower(event), event, p_table,
      CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
        ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
      name);
  END LOOP;
END $generator$;
--> statement-breakpoint
SELECT tandem_create_rollup_triggers('deal_alignment', 'deal_rollup', 'org_id, owner_id, team_id, stage, currency',
  'deals', 'sign', 'amount', 'sign * amount', 'score_sum', 'sign * score');
--> statement-breakpoint
SELECT tandem_create_rollup_triggers('deal_objective_match', 'deal_objective_rollup',
  'org_id, objective_id, strategy_id, owner_id, team_id, stage, currency',
  'deals', 'sign', 'amount', 'sign * amount', 'share', 'sign * share',
  'lead_deals', 'CASE WHEN lead THEN sign ELSE 0 END', 'lead_amount', 'CASE WHEN lead THEN sign * amount ELSE 0 END');
--> statement-breakpoint
DROP FUNCTION tandem_create_rollup_triggers(text, text, text, text[]);
--> statement-breakpoint

-- Three triggers per table (Postgres allows transition tables on single-event triggers only).
CREATE FUNCTION tandem_create_statement_triggers(p_table text, p_events text[], p_call text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  event text;
BEGIN
  FOREACH event IN ARRAY p_events LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %s',
      p_table || '_alignment_' || lower(event), event, p_table,
      CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
        ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
      p_call);
  END LOOP;
END $$;
--> statement-breakpoint
SELECT tandem_create_statement_triggers('deals', ARRAY['INSERT', 'UPDATE'],
  $$tandem_deal_inputs_changed('org_id, id', 'id',
    'account_id, name, amount, currency, stage, close_date, owner_id, team_id, product, problem_fit',
    'matches,scores,terms')$$);
--> statement-breakpoint
SELECT tandem_create_statement_triggers('stakeholders', ARRAY['INSERT', 'UPDATE', 'DELETE'],
  $$tandem_deal_inputs_changed('org_id, id', 'deal_id',
    'deal_id, buying_role, influence, stance, personal_win, how_we_serve_it', 'scores')$$);
--> statement-breakpoint
SELECT tandem_create_statement_triggers('deal_goals', ARRAY['INSERT', 'UPDATE', 'DELETE'],
  $$tandem_deal_inputs_changed('', 'deal_id', 'deal_id, goal_id', 'scores')$$);
--> statement-breakpoint
SELECT tandem_create_statement_triggers('deal_objectives', ARRAY['INSERT', 'UPDATE', 'DELETE'],
  $$tandem_deal_inputs_changed('', 'deal_id', 'deal_id, objective_id', 'matches')$$);
--> statement-breakpoint
SELECT tandem_create_statement_triggers('accounts', ARRAY['UPDATE'], 'tandem_accounts_changed()');
--> statement-breakpoint
SELECT tandem_create_statement_triggers('goals', ARRAY['INSERT', 'UPDATE', 'DELETE'], 'tandem_goals_changed()');
--> statement-breakpoint
-- Objectives: a weight feeds the company part of every deal measured against its strategy (through the
-- strategy's largest weight); an objective deleted or moved to another strategy changes the matches of the
-- deals that served it.
SELECT tandem_create_statement_triggers('objectives', ARRAY['INSERT', 'UPDATE', 'DELETE'],
  $$tandem_strategy_inputs_changed('org_id, id', 'true',
    'weights', 'strategy_id', 'strategy_id, weight', 'objectives', 'id', 'strategy_id')$$);
--> statement-breakpoint
SELECT tandem_create_statement_triggers('objective_focus', ARRAY['INSERT', 'UPDATE', 'DELETE'],
  $$tandem_strategy_inputs_changed('org_id, id', 'true', 'focus', 'objective_id', 'objective_id, dimension, value')$$);
--> statement-breakpoint
-- Strategies: status and dates decide which strategy each deal is measured against (and the clock's fallback);
-- a draft created or deleted changes nothing.
SELECT tandem_create_statement_triggers('strategies', ARRAY['INSERT', 'UPDATE', 'DELETE'],
  $$tandem_strategy_inputs_changed('org_id, id', 'c.status = ''active''',
    'strategies', 'org_id', 'status, starts_on, ends_on')$$);

--> statement-breakpoint
DROP FUNCTION tandem_create_statement_triggers(text, text[], text);
--> statement-breakpoint

-- JIT compilation costs 1–3 s on the heavy statements of a large organization and buys nothing for the
-- application's short queries. Role settings apply at login only (not on SET ROLE, which is how requests become
-- tandem_app), so the database's setting is what counts; the role's covers a deployment that logs in as it.
-- Both are skipped, with a notice, where the migration may not change them.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'jit: not the database owner, left as it is';
END $$;
--> statement-breakpoint
DO $$
BEGIN
  ALTER ROLE tandem_app SET jit = off;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'jit: may not alter role tandem_app, left as it is';
END $$;
--> statement-breakpoint
SELECT tandem_secure_tenant_tables();
--> statement-breakpoint
-- Backfill: every organization's stored figures from its current data.
SELECT tandem_alignment_rebuild(id) FROM organizations;
