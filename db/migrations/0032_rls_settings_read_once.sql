-- The policies that OR two conditions (users: yourself or a member of the current organization; memberships: of the
-- current organization or your own) read the request's settings through app_org_id() / app_user_id() once per row:
-- the planner cannot fold an OR into a one-time filter as it does `org_id = app_org_id()` beside the query's own
-- `org_id = $1`. A scalar subquery is evaluated once per statement (an InitPlan) and compared as a parameter: the
-- same rows, about a third less time for the 5,000 names of an organization's people (docs/performance.md).
ALTER POLICY users_visible ON users USING (
  id = (SELECT app_user_id())
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = (SELECT app_org_id()))
);
--> statement-breakpoint
ALTER POLICY memberships_own_read ON memberships USING (user_id = (SELECT app_user_id()));
--> statement-breakpoint
ALTER POLICY tenant_isolation ON memberships
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
