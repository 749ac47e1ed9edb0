-- Issue 4: default disqualification reasons for every organization, and the deal_scores view.

-- Every organization starts with the same editable list of disqualification reasons. A trigger (rather than
-- a call in each code path that creates organizations: sign-up, the seed, test fixtures) keeps the rule in
-- one place. Organizations are only ever created on the privileged connection.
CREATE OR REPLACE FUNCTION tandem_default_disqualification_reasons(org uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO disqualification_reasons (org_id, id, label, suggested_for, position)
  SELECT org, gen_random_uuid(), r.label, r.suggested_for, r.position
  FROM (VALUES
    ('No problem we can solve', 'DISQUALIFY', 0),
    ('No personal win for the decision maker', NULL, 1),
    ('Outside strategy', 'OUTSIDE_STRATEGY', 2),
    ('No budget this year', NULL, 3),
    ('Duplicate record', NULL, 4)
  ) AS r(label, suggested_for, position)
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tandem_organization_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tandem_default_disqualification_reasons(NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_defaults AFTER INSERT ON organizations
  FOR EACH ROW EXECUTE FUNCTION tandem_organization_defaults();
--> statement-breakpoint
-- Organizations that existed before this migration get the defaults too, plus any reason their deals were
-- already disqualified with; those deals are then linked to their reason.
SELECT tandem_default_disqualification_reasons(id) FROM organizations;
--> statement-breakpoint
INSERT INTO disqualification_reasons (org_id, id, label, position)
SELECT d.org_id, gen_random_uuid(), d.disqualified_reason, 100
FROM (SELECT DISTINCT org_id, disqualified_reason FROM deals WHERE disqualified_reason IS NOT NULL) d
WHERE NOT EXISTS (
  SELECT 1 FROM disqualification_reasons r WHERE r.org_id = d.org_id AND lower(r.label) = lower(d.disqualified_reason)
);
--> statement-breakpoint
UPDATE deals d SET disqualified_reason_id = r.id
FROM disqualification_reasons r
WHERE r.org_id = d.org_id AND lower(r.label) = lower(d.disqualified_reason) AND d.disqualified_reason_id IS NULL;
--> statement-breakpoint
-- The three-way alignment of every deal (DESIGN.md "The alignment model", refined in docs/alignment.md
-- "Deal alignment"). server/domain/deal-alignment.ts is the reference implementation; keep both in step
-- (tests/integration/deals-score-sql.test.ts compares them on every seeded deal).
--
-- strategy: the active strategy whose period contains the deal's close date, else the one containing
--   today, else the active strategy that started last.
-- customer: 0 when problem_fit = 'no'; else ½·fit + ½·(influence-weighted share of stakeholders whose
--   personal win is captured: 1 when we also know how we serve it, ½ when not yet). A deal without an
--   economic buyer counts one unknown stakeholder of influence 5 in the denominator.
-- company: largest weight among the strategy's objectives the deal matches / largest weight in the strategy.
-- rep: share of the owner's goal importance (goals of that strategy) the deal advances: goals linked in
--   deal_goals, plus quota and commission goals for every open or won deal.
-- score: 0 when problem_fit = 'no'; else round(100 · √customer · ⁴√max(.1, company) · ⁴√max(.1, rep)).
-- Arithmetic is double precision with sqrt (correctly rounded in IEEE 754, as in JavaScript) and
-- floor(x + .5), so that SQL and TypeScript agree to the last bit.
-- security_invoker: row-level security applies to the caller.
CREATE VIEW deal_scores WITH (security_invoker = true) AS
SELECT
  d.org_id,
  d.id AS deal_id,
  st.id AS strategy_id,
  c.customer,
  co.company,
  r.rep,
  CASE WHEN d.problem_fit = 'no' THEN 0
    ELSE floor(100 * sqrt(c.customer) * sqrt(sqrt(greatest(0.1::float8, co.company))) * sqrt(sqrt(greatest(0.1::float8, r.rep))) + 0.5::float8)::int
  END AS score,
  array_remove(ARRAY[
    CASE WHEN d.problem_fit = 'no' THEN 'DISQUALIFY' END,
    CASE WHEN NOT sh.has_economic_buyer THEN 'NO_ECONOMIC_BUYER' END,
    CASE WHEN NOT sh.has_champion THEN 'NO_CHAMPION' END,
    CASE WHEN sh.wins_unknown THEN 'WINS_UNKNOWN' END,
    CASE WHEN sh.blocker_unaddressed THEN 'BLOCKER_UNADDRESSED' END,
    CASE WHEN co.company = 0 THEN 'OUTSIDE_STRATEGY' END,
    CASE WHEN r.rep = 0 THEN 'NOT_IN_REP_GOALS' END
  ]::text[], NULL) AS flags
FROM deals d
LEFT JOIN LATERAL (
  SELECT s.id FROM strategies s
  WHERE s.org_id = d.org_id AND s.status = 'active'
  ORDER BY
    CASE WHEN d.close_date BETWEEN s.starts_on AND s.ends_on THEN 0 WHEN current_date BETWEEN s.starts_on AND s.ends_on THEN 1 ELSE 2 END,
    s.starts_on DESC, s.id
  LIMIT 1
) st ON true
CROSS JOIN LATERAL (
  SELECT
    coalesce(sum(x.influence), 0) AS total_influence,
    coalesce(sum(x.influence * (CASE WHEN btrim(x.personal_win) = '' THEN 0 WHEN btrim(x.how_we_serve_it) = '' THEN 0.5 ELSE 1 END)::float8), 0::float8) AS won_influence,
    coalesce(bool_or(x.buying_role = 'economic_buyer'), false) AS has_economic_buyer,
    coalesce(bool_or(x.buying_role = 'champion'), false) AS has_champion,
    coalesce(bool_or(x.influence >= 4 AND btrim(x.personal_win) = ''), false) AS wins_unknown,
    coalesce(bool_or((x.buying_role = 'blocker' OR x.stance = 'opponent') AND btrim(x.how_we_serve_it) = ''), false) AS blocker_unaddressed
  FROM stakeholders x
  WHERE x.org_id = d.org_id AND x.deal_id = d.id
) sh
CROSS JOIN LATERAL (
  SELECT CASE WHEN d.problem_fit = 'no' THEN 0::float8
    ELSE 0.5::float8 * (CASE d.problem_fit WHEN 'yes' THEN 1 WHEN 'partly' THEN 0.5 ELSE 0.25 END)::float8
       + 0.5::float8 * (sh.won_influence / (sh.total_influence + CASE WHEN sh.has_economic_buyer THEN 0 ELSE 5 END)::float8)
  END AS customer
) c
CROSS JOIN LATERAL (
  SELECT coalesce(
    (SELECT max(o.weight) FROM deal_objective_matches m
       JOIN objectives o ON o.org_id = m.org_id AND o.id = m.objective_id
       WHERE m.org_id = d.org_id AND m.deal_id = d.id AND m.strategy_id = st.id)::float8
    / nullif((SELECT max(o2.weight) FROM objectives o2 WHERE o2.org_id = d.org_id AND o2.strategy_id = st.id), 0)::float8,
    0::float8) AS company
) co
CROSS JOIN LATERAL (
  SELECT coalesce(
    (sum(g.importance) FILTER (WHERE
      EXISTS (SELECT 1 FROM deal_goals dg WHERE dg.org_id = g.org_id AND dg.deal_id = d.id AND dg.goal_id = g.id)
      OR (g.category IN ('quota', 'commission') AND d.stage IN ('prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'closed_won'))
    ))::float8 / nullif(sum(g.importance), 0)::float8,
    0::float8) AS rep
  FROM goals g
  WHERE g.org_id = d.org_id AND g.user_id = d.owner_id AND g.strategy_id = st.id
) r;
--> statement-breakpoint
GRANT SELECT ON deal_scores TO tandem_app;
--> statement-breakpoint
SELECT tandem_secure_tenant_tables();
