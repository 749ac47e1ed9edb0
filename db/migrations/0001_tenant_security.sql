-- Tenant isolation, second line of defence (DESIGN.md "Architecture rules"):
-- the application runs tenant queries as the unprivileged role tandem_app, and row-level security,
-- enabled and FORCED on every table that has an org_id column, only shows rows of the organization set
-- in the transaction-local setting app.org_id.

-- Roles are cluster-wide: several databases (parallel test runs) may race to create it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    CREATE ROLE tandem_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- A non-superuser owner must be a member of tandem_app to SET ROLE to it.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT tandem_app TO %I', current_user);
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
-- Applies the tenant policy to every table with an org_id column. Idempotent: later migrations that add
-- tenant tables call it again.
CREATE OR REPLACE FUNCTION tandem_secure_tenant_tables() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'org_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO tandem_app', t);
  END LOOP;
  -- The grant above covers audit_events too: keep the audit log append-only however often this runs.
  REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM tandem_app;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tandem_app;
--> statement-breakpoint
SELECT tandem_secure_tenant_tables();
--> statement-breakpoint
-- A user may list their own memberships in every organization (the organization switcher).
CREATE POLICY memberships_own_read ON memberships FOR SELECT USING (user_id = app_user_id());
--> statement-breakpoint
-- The audit log is append-only for the application.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM tandem_app;
--> statement-breakpoint
-- Organizations: visible when it is the current one or the user is a member; renamed only when current.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organizations_read ON organizations FOR SELECT USING (
  id = app_org_id() OR EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = organizations.id AND m.user_id = app_user_id())
);
--> statement-breakpoint
CREATE POLICY organizations_update ON organizations FOR UPDATE USING (id = app_org_id()) WITH CHECK (id = app_org_id());
--> statement-breakpoint
GRANT SELECT, UPDATE (name) ON organizations TO tandem_app;
--> statement-breakpoint
-- Users are global identities: the application role sees only the columns it needs (never the password
-- hash) of the signed-in user and of members of the current organization.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_visible ON users FOR SELECT USING (
  id = app_user_id() OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = app_org_id())
);
--> statement-breakpoint
CREATE POLICY users_self_update ON users FOR UPDATE USING (id = app_user_id()) WITH CHECK (id = app_user_id());
--> statement-breakpoint
GRANT SELECT (id, email, name, session_version, created_at) ON users TO tandem_app;
--> statement-breakpoint
GRANT UPDATE (name, session_version) ON users TO tandem_app;
