import { sql, type SQL } from "drizzle-orm";
import { rowsOf, selectRows, type Database } from "@/db/client";

/** The unprivileged role tenant queries run as: row-level security applies to it. */
export const APP_ROLE = "tandem_app";

export interface TenantScope {
  userId: string;
  /** Absent for user-level calls (e.g. listing one's organizations): tenant tables then show nothing. */
  orgId?: string;
  /** How the transaction's statements are planned (PlanMode); custom when absent. */
  plans?: PlanMode;
}

/**
 * How long one statement of a tenant transaction may run before Postgres cancels it (57014, answered as TIMEOUT):
 * `TENANT_STATEMENT_TIMEOUT_MS`, default 15 s. No request of the app needs that long on 1,000,000 deals; a
 * runaway one must not hold a connection and its locks for minutes. 0 turns it off.
 */
export function tenantStatementTimeoutMs(): number {
  const value = Number(process.env.TENANT_STATEMENT_TIMEOUT_MS);
  return Number.isInteger(value) && value >= 0 ? value : 15_000;
}

/**
 * Runs `fn` in a transaction as the application role, with `app.user_id` and `app.org_id` set locally so
 * that row-level security scopes every statement to the organization, and the statement timeout above.
 * One statement sets all four.
 */
export function withTenant<T>(db: Database, scope: TenantScope, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(scopeStatement(scope));
    return fn(tx);
  });
}

function scopeStatement(scope: TenantScope, plans: PlanMode = scope.plans ?? "custom"): SQL {
  return sql`select set_config('role', ${APP_ROLE}, true), set_config('app.user_id', ${scope.userId}, true), set_config('app.org_id', ${scope.orgId ?? ""}, true), set_config('statement_timeout', ${String(tenantStatementTimeoutMs())}, true), ${planModeSetting(plans)}`;
}

/**
 * How Postgres plans a prepared statement: for its parameters on every execution (custom, every connection's
 * default: db/client.ts), or once per connection (generic). docs/performance.md "Plans for key lookups".
 */
export type PlanMode = "custom" | "generic";

/** An expression that sets the plan mode for the rest of the transaction (in a select list: it runs with the row). */
function planModeSetting(mode: PlanMode): SQL {
  const value = mode === "generic" ? "force_generic_plan" : "force_custom_plan";
  return sql`set_config('plan_cache_mode', ${value}, true)`;
}

/**
 * withTenant whose first statement is sent together with the scope's, in one round trip (postgres.js pipelines
 * the two on the transaction's connection, in the order sent; the server runs them in that order). `first` must
 * read nothing unless `current_user = APP_ROLE` (the scope set): should it ever run before the scope, it answers
 * no rows, never rows read with the login role's rights. `fn` gets its rows and runs after both.
 *
 * `first` is planned once per connection (a generic plan: it should look up by key). It is given the expression that
 * sets the scope's plan mode for the statements after it, to put in its select list (no statement of its own).
 */
export function withTenantAndFirst<R, T>(
  db: Database,
  scope: TenantScope,
  first: (setPlanMode: SQL) => SQL,
  fn: (tx: Database, rows: R[]) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    // `.then` sends each statement now, the scope first (drizzle's queries are lazy until then).
    const scoped = tx.execute(scopeStatement(scope, "generic")).then(() => undefined);
    const rows = tx.execute(first(planModeSetting(scope.plans ?? "custom"))).then(rowsOf<R>);
    const [, firstRows] = await Promise.all([scoped, rows]);
    return fn(tx, firstRows);
  });
}

/**
 * Inside a tenant transaction: how the statements after this one are planned, until the transaction ends. For a call
 * that learns the size of what it reads from its own first statement (home.get: docs/performance.md "Generic plans
 * for small homes"); the mode of a whole call is TenantScope.plans. Send it together with those statements.
 */
export function planStatementsAs(tx: Database, mode: PlanMode): Promise<void> {
  // `.then` sends it now, before the statements the caller sends after it (drizzle's queries are lazy until then).
  return tx.execute(sql`select ${planModeSetting(mode)}`).then(() => undefined);
}

/**
 * Inside withTenant: points row-level security at another organization (or back at none) for the statements
 * that follow, in this transaction only. For the rare user-level change that is recorded in each of the
 * user's organizations; the caller must have checked the user belongs to it.
 */
export async function scopeToOrganization(tx: Database, orgId: string | null | undefined): Promise<void> {
  await tx.execute(sql`select set_config('app.org_id', ${orgId ?? ""}, true)`);
}

/**
 * Start-up check: refuse to serve tenant queries if the application role could bypass row-level security.
 */
export async function assertAppRoleIsUnprivileged(db: Database): Promise<void> {
  const [role] = await selectRows<{ rolsuper: boolean; rolbypassrls: boolean }>(
    db,
    sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
  );
  if (!role) throw new Error(`Role ${APP_ROLE} is missing: run the migrations first (npm run db:migrate).`);
  if (role.rolsuper || role.rolbypassrls) {
    throw new Error(`Refusing to serve: role ${APP_ROLE} bypasses row-level security (superuser or BYPASSRLS).`);
  }
}
