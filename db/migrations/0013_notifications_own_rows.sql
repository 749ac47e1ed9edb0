-- Notifications: the tenant policy (org_id = the request's organization) and the grants, like every tenant table;
-- on top of it, a person reads, marks and deletes only their own. Writing one for someone else stays allowed
-- (the tenant policy's WITH CHECK still pins it to the organization): the author of a change tells its readers.
SELECT tandem_secure_tenant_tables();
--> statement-breakpoint
CREATE POLICY notifications_own_read ON notifications AS RESTRICTIVE FOR SELECT USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY notifications_own_update ON notifications AS RESTRICTIVE FOR UPDATE
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY notifications_own_delete ON notifications AS RESTRICTIVE FOR DELETE USING (user_id = app_user_id());
