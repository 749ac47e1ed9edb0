-- Fix of deal_objective_matches (migration 0002): a deal whose account or product has no value (NULL) for a
-- focus rule's dimension matched that rule, because NOT bool_or(NULL) is NULL and HAVING NULL drops the
-- "does not match" group. A missing value now matches nothing. Same columns, so CREATE OR REPLACE keeps
-- the views that depend on it (deal_scores) and the grant.
CREATE OR REPLACE VIEW deal_objective_matches WITH (security_invoker = true) AS
SELECT d.org_id, d.id AS deal_id, o.id AS objective_id, o.strategy_id, true AS explicit
FROM deals d
JOIN deal_objectives x ON x.org_id = d.org_id AND x.deal_id = d.id
JOIN objectives o ON o.org_id = x.org_id AND o.id = x.objective_id
UNION
SELECT d.org_id, d.id AS deal_id, o.id AS objective_id, o.strategy_id, false AS explicit
FROM deals d
JOIN accounts a ON a.org_id = d.org_id AND a.id = d.account_id
JOIN objectives o ON o.org_id = d.org_id
WHERE EXISTS (SELECT 1 FROM objective_focus f WHERE f.org_id = o.org_id AND f.objective_id = o.id)
  AND NOT EXISTS (
    SELECT 1 FROM objective_focus f
    WHERE f.org_id = o.org_id AND f.objective_id = o.id
    GROUP BY f.dimension
    HAVING NOT coalesce(bool_or(lower(f.value) = lower(CASE f.dimension
      WHEN 'industry' THEN a.industry
      WHEN 'segment' THEN a.segment
      WHEN 'region' THEN a.region
      WHEN 'product' THEN d.product
    END)), false)
  )
  AND NOT EXISTS (
    SELECT 1 FROM deal_objectives x WHERE x.org_id = d.org_id AND x.deal_id = d.id AND x.objective_id = o.id
  );
