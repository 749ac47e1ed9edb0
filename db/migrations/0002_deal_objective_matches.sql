-- Which objectives a deal serves: explicit links (deal_objectives) plus the objectives whose focus rules
-- match the deal. Focus rules of one objective combine as AND across dimensions and OR within one
-- dimension ("industry Manufacturing AND segment Enterprise"; "region EMEA OR APAC"); values compare
-- case-insensitively. An objective without focus rules matches only through explicit links.
-- security_invoker: the view runs with the caller's rights, so row-level security still applies.
CREATE VIEW deal_objective_matches WITH (security_invoker = true) AS
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
    HAVING NOT bool_or(lower(f.value) = lower(CASE f.dimension
      WHEN 'industry' THEN a.industry
      WHEN 'segment' THEN a.segment
      WHEN 'region' THEN a.region
      WHEN 'product' THEN d.product
    END))
  )
  AND NOT EXISTS (
    SELECT 1 FROM deal_objectives x WHERE x.org_id = d.org_id AND x.deal_id = d.id AND x.objective_id = o.id
  );
--> statement-breakpoint
GRANT SELECT ON deal_objective_matches TO tandem_app;
