/**
 * Promise 2 — defense in depth, what rls.test.ts does not already prove (it checks that every org_id table
 * has RLS enabled + forced with at least one policy, and what raw SQL as the application role can see):
 *
 * - every policy is the tenant policy or one reviewed here (a permissive `USING (true)` added to any table
 *   would open it to every organization: policies are OR-ed);
 * - views run with the caller's rights (security_invoker) and no function runs with its owner's rights;
 * - the application role holds no privilege on global tables beyond what was reviewed, and cannot turn RLS
 *   off, change the audit log or read password hashes;
 * - the app refuses to serve tenant queries if the application role could bypass RLS (start-up check).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { selectRows, type Database } from "@/db/client";
import { APP_ROLE, assertAppRoleIsUnprivileged, withTenant } from "@/server/db/tenant";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { tenantTables } from "../helpers/security-data";

const TENANT_POLICY = "(org_id = app_org_id())";
/**
 * The same condition with the setting read once per statement (an InitPlan, migration 0032), on memberships only:
 * its tenant policy is OR-ed with its own-rows policy, so the planner cannot make it a one-time filter.
 */
const TENANT_POLICY_OF: Record<string, string> = { memberships: "(org_id = ( SELECT app_org_id() AS app_org_id))" };

/**
 * Policies besides the tenant policy, reviewed for what they open: table → policy → [command, USING].
 * A new policy fails the test until someone has reviewed it and added it here.
 */
const REVIEWED_POLICIES: Record<string, Record<string, [string, string]>> = {
  memberships: { memberships_own_read: ["SELECT", "(user_id = ( SELECT app_user_id() AS app_user_id))"] },
  organizations: {
    organizations_read: [
      "SELECT",
      "((id = app_org_id()) OR (EXISTS ( SELECT 1 FROM memberships m WHERE ((m.org_id = organizations.id) AND (m.user_id = app_user_id())))))",
    ],
    organizations_update: ["UPDATE", "(id = app_org_id())"],
  },
  users: {
    users_visible: [
      "SELECT",
      "((id = ( SELECT app_user_id() AS app_user_id)) OR (EXISTS ( SELECT 1 FROM memberships m WHERE ((m.user_id = users.id) AND (m.org_id = ( SELECT app_org_id() AS app_org_id))))))",
    ],
    users_self_update: ["UPDATE", "(id = app_user_id())"],
  },
  // Only whether the signed-in user's own sessions were revoked.
  revoked_sessions: { revoked_sessions_own_read: ["SELECT", "(user_id = app_user_id())"] },
};

/** Table-level privileges of the application role on tables without org_id (column grants are not listed). */
const REVIEWED_GLOBAL_GRANTS: Record<string, string[]> = {
  organizations: ["SELECT"],
  revoked_sessions: ["SELECT"],
};

const squash = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

describe("defense in depth", () => {
  let handle: TestDatabase;
  let db: Database;
  let org: TestOrg;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    org = await createOrg(db, "Initech");
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("every policy is the tenant policy (all commands, USING and WITH CHECK) or a reviewed one", async () => {
    const tenant = await tenantTables(db);
    const policies = await selectRows<{
      table: string;
      name: string;
      permissive: string;
      cmd: string;
      qual: string | null;
      check: string | null;
      roles: string;
    }>(
      db,
      sql`select tablename as table, policyname as name, permissive, cmd, qual, with_check as check, roles::text as roles
          from pg_policies where schemaname = 'public' order by tablename, policyname`,
    );
    const problems: string[] = [];
    for (const table of tenant) {
      const own = policies.find((p) => p.table === table && p.name === "tenant_isolation");
      const expected = TENANT_POLICY_OF[table] ?? TENANT_POLICY;
      if (!own) problems.push(`${table}: no tenant_isolation policy`);
      else if (
        own.cmd !== "ALL" ||
        squash(own.qual) !== expected ||
        squash(own.check) !== expected ||
        own.permissive !== "PERMISSIVE"
      ) {
        problems.push(`${table}: tenant_isolation is ${own.cmd} USING ${own.qual} WITH CHECK ${own.check}`);
      }
    }
    for (const policy of policies) {
      if (policy.name === "tenant_isolation" && tenant.includes(policy.table)) continue;
      if (policy.permissive === "RESTRICTIVE") continue; // only ever narrows
      const reviewed = REVIEWED_POLICIES[policy.table]?.[policy.name];
      if (!reviewed)
        problems.push(
          `${policy.table}.${policy.name} (${policy.cmd} USING ${squash(policy.qual)}) is not reviewed: review it, then add it to REVIEWED_POLICIES`,
        );
      else if (reviewed[0] !== policy.cmd || squash(reviewed[1]) !== squash(policy.qual)) {
        problems.push(`${policy.table}.${policy.name} changed: now ${policy.cmd} USING ${squash(policy.qual)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("global tables the application role can read have row-level security too", async () => {
    const rows = await selectRows<{ table: string; rls: boolean }>(
      db,
      sql`select c.relname as table, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relname in ('users', 'organizations')`,
    );
    expect(rows.every((row) => row.rls)).toBe(true);
    expect(rows).toHaveLength(2);
  });

  it("the application role has no table privilege on a global table beyond the reviewed ones (sign-in failures, migrations…)", async () => {
    const tenant = await tenantTables(db);
    const grants = await selectRows<{ table: string; privilege: string }>(
      db,
      sql`select table_name as table, privilege_type as privilege from information_schema.role_table_grants
          where grantee = ${APP_ROLE} order by table_name, privilege_type`,
    );
    const views = await selectRows<{ name: string }>(
      db,
      sql`select viewname as name from pg_views where schemaname = 'public'`,
    );
    const global: Record<string, string[]> = {};
    for (const { table, privilege } of grants) {
      if (tenant.includes(table) || views.some((v) => v.name === table)) continue;
      (global[table] ??= []).push(privilege);
    }
    expect(global).toEqual(REVIEWED_GLOBAL_GRANTS);
  });

  it("every view runs with the caller's rights (security_invoker), so row-level security applies through it", async () => {
    const views = await selectRows<{ name: string; options: string[] | null }>(
      db,
      sql`select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('v', 'm')`,
    );
    const problems = views
      .filter((view) => !(view.options ?? []).includes("security_invoker=true"))
      .map((view) => view.name);
    expect(problems, "views without security_invoker=true").toEqual([]);
  });

  it("no function runs with its owner's rights (SECURITY DEFINER would bypass row-level security)", async () => {
    const definers = await selectRows<{ name: string }>(
      db,
      sql`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`,
    );
    expect(definers).toEqual([]);
  });

  it("the audit log is append-only for the application role: INSERT and SELECT only", async () => {
    const [row] = await selectRows<Record<string, boolean>>(
      db,
      sql`select has_table_privilege(${APP_ROLE}, 'audit_events', 'INSERT') as insert,
                 has_table_privilege(${APP_ROLE}, 'audit_events', 'SELECT') as select,
                 has_table_privilege(${APP_ROLE}, 'audit_events', 'UPDATE') as update,
                 has_table_privilege(${APP_ROLE}, 'audit_events', 'DELETE') as delete,
                 has_table_privilege(${APP_ROLE}, 'audit_events', 'TRUNCATE') as truncate,
                 has_table_privilege(${APP_ROLE}, 'audit_events', 'TRIGGER') as trigger,
                 has_table_privilege(${APP_ROLE}, 'audit_events', 'REFERENCES') as references`,
    );
    expect(row).toEqual({
      insert: true,
      select: true,
      update: false,
      delete: false,
      truncate: false,
      trigger: false,
      references: false,
    });
  });

  it("as the application role, SQL cannot turn row-level security off, truncate the audit log or read password hashes", async () => {
    const scope = { userId: org.admin.id, orgId: org.id };
    for (const statement of [
      sql`alter table teams disable row level security`,
      sql`alter table teams no force row level security`,
      sql`drop policy tenant_isolation on teams`,
      sql`truncate audit_events`,
      sql`select password_hash from users`,
      sql`create policy sneaky on teams using (true)`,
    ]) {
      const error = await withTenant(db, scope, (tx) => tx.execute(statement)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, "the statement must fail").not.toBeNull();
    }
    const [policies] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_policies where tablename = 'teams'`,
    );
    expect(policies?.n).toBe(1);
  });

  describe("the start-up check refuses an application role that could bypass row-level security", () => {
    const fakeDb = (rows: unknown[]) => ({ execute: () => Promise.resolve(rows) }) as unknown as Database;

    it("superuser, BYPASSRLS or missing → refused; plain → accepted", async () => {
      await expect(assertAppRoleIsUnprivileged(fakeDb([{ rolsuper: true, rolbypassrls: false }]))).rejects.toThrow(
        /Refusing to serve/,
      );
      await expect(assertAppRoleIsUnprivileged(fakeDb([{ rolsuper: false, rolbypassrls: true }]))).rejects.toThrow(
        /Refusing to serve/,
      );
      await expect(assertAppRoleIsUnprivileged(fakeDb([]))).rejects.toThrow(/missing/);
      await expect(
        assertAppRoleIsUnprivileged(fakeDb([{ rolsuper: false, rolbypassrls: false }])),
      ).resolves.toBeUndefined();
    });

    it("against the real catalog: made BYPASSRLS (in a transaction rolled back at once) → refused", async () => {
      const outcome = await db
        .transaction(async (tx) => {
          await tx.execute(sql.raw(`alter role ${APP_ROLE} bypassrls`));
          const result = await assertAppRoleIsUnprivileged(tx as unknown as Database).then(
            () => "accepted",
            (e: Error) => e.message,
          );
          throw Object.assign(new Error("rollback"), { result });
        })
        .catch((e: { result?: string }) => e.result);
      expect(outcome).toMatch(/Refusing to serve/);
      await expect(assertAppRoleIsUnprivileged(db)).resolves.toBeUndefined();
    });

    it("getDatabase() runs the check: the app never hands out a connection whose role bypasses RLS", async () => {
      vi.resetModules();
      const holder = globalThis as unknown as { tandemDb?: unknown };
      const saved = holder.tandemDb;
      holder.tandemDb = undefined;
      vi.doMock("@/db/client", () => ({
        embeddedDataDir: () => "/nonexistent",
        openDatabase: () => ({
          kind: "postgres",
          db: fakeDb([{ rolsuper: true, rolbypassrls: true }]),
          migrate: () => Promise.resolve(),
          close: () => Promise.resolve(),
        }),
        selectRows: async (database: Database) => (await database.execute(sql`select 1`)) as unknown as unknown[],
      }));
      const previousUrl = process.env.DATABASE_URL;
      process.env.DATABASE_URL = "postgres://unused@127.0.0.1:1/unused";
      try {
        const { getDatabase } = await import("@/server/db");
        await expect(getDatabase()).rejects.toThrow(/Refusing to serve/);
      } finally {
        process.env.DATABASE_URL = previousUrl;
        if (previousUrl === undefined) delete process.env.DATABASE_URL;
        vi.doUnmock("@/db/client");
        vi.resetModules();
        holder.tandemDb = saved;
      }
    });
  });
});
