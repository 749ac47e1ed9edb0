-- Single sign-on (docs/sso.md): the new tenant tables get the tenant policy, FORCED row-level security and the
-- application role's grants, like every table with an org_id column (migration 0001).
SELECT tandem_secure_tenant_tables();
