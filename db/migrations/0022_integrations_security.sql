-- Integrations (docs/api.md): API keys, webhook endpoints and deliveries are tenant tables like every other:
-- the tenant policy, FORCED row-level security and the application role's grants (migration 0001).
SELECT tandem_secure_tenant_tables();
