/**
 * Row-level security on its own: raw SQL as the application role, with no tRPC procedure in between.
 */
import { getTableColumns, getTableName, is, sql, type SQL } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, selectRows, type Database, type DatabaseHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { hashToken } from "@/server/auth/tokens";
import { APP_ROLE, assertAppRoleIsUnprivileged, withTenant, type TenantScope } from "@/server/db/tenant";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createOrg, createUser, type TestOrg } from "../helpers/fixtures";

/** Every table of the Drizzle schema that carries org_id. */
const TENANT_TABLES = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  // Columns are declared in camelCase and mapped with `casing: "snake_case"`.
  .filter((table) =>
    Object.values(getTableColumns(table)).some((column) => column.name === "orgId" || column.name === "org_id"),
  )
  .map((table) => getTableName(table))
  .sort();

/** The tables the foundation fills in; each must hold rows of both organizations for the test to mean anything. */
const FILLED_TABLES = ["memberships", "teams", "team_members", "invitations", "audit_events", "accounts", "deals"];

/** The Postgres error behind a failed query (drizzle wraps the driver's error in `cause`). */
function pgError(error: unknown): { code?: string; message: string } {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { code, message: (e as Error).message };
    if (!(e as { cause?: unknown }).cause) return { message: (e as Error).message };
  }
  return { message: String(error) };
}

async function expectPgError(call: Promise<unknown>, code: string, message: RegExp) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the statement to fail").not.toBeNull();
  const pg = pgError(error);
  expect(pg.code).toBe(code);
  expect(pg.message).toMatch(message);
}

describe("row-level security", () => {
  let handle: TestDatabase;
  let db: Database;
  let a: TestOrg;
  let b: TestOrg;

  /** Runs raw SQL as the application role in `scope`. */
  const asApp = <T>(scope: TenantScope, query: SQL) => withTenant(db, scope, (tx) => selectRows<T>(tx, query));
  const count = (table: string, where: SQL = sql`true`) =>
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`;

  beforeAll(async () => {
    // Every loop below runs over this list: it must not be empty.
    expect(TENANT_TABLES).toEqual(
      expect.arrayContaining(["memberships", "teams", "team_members", "invitations", "audit_events", "deals"]),
    );
    handle = await createTestDatabase();
    db = handle.db;
    a = await createOrg(db, "Alpha");
    b = await createOrg(db, "Beta");
    for (const org of [a, b]) {
      await db.insert(schema.invitations).values({
        orgId: org.id,
        id: crypto.randomUUID(),
        email: `invitee@${org.slug}.test`,
        role: "rep",
        teamId: org.subTeamId,
        tokenHash: hashToken(crypto.randomUUID()),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedBy: org.admin.id,
      });
      await db.insert(schema.auditEvents).values({
        orgId: org.id,
        id: crypto.randomUUID(),
        actorId: org.admin.id,
        action: "test.event",
        entityType: "test",
        entityId: null,
      });
      const accountId = crypto.randomUUID();
      await db.insert(schema.accounts).values({
        orgId: org.id,
        id: accountId,
        name: `${org.slug} customer`,
        ownerId: org.rep.id,
        teamId: org.subTeamId,
      });
      await db.insert(schema.deals).values({
        orgId: org.id,
        id: crypto.randomUUID(),
        accountId,
        name: "Deal",
        amount: "100.00",
        ownerId: org.rep.id,
        teamId: org.subTeamId,
      });
    }
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("runs tenant queries as the unprivileged application role", async () => {
    const [row] = await asApp<{ user: string }>({ userId: a.admin.id, orgId: a.id }, sql`select current_user as user`);
    expect(row?.user).toBe(APP_ROLE);
  });

  it("the application role is neither superuser nor BYPASSRLS, and the start-up check accepts it", async () => {
    const [role] = await selectRows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      db,
      sql`select rolsuper, rolbypassrls from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    await expect(assertAppRoleIsUnprivileged(db)).resolves.toBeUndefined();
  });

  it("every table with an org_id column has row-level security enabled and forced, with a policy", async () => {
    const rows = await selectRows<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
      db,
      sql`select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                 (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
          order by c.relname`,
    );
    // The database and the Drizzle schema agree on which tables are tenant tables (the check is not vacuous).
    expect(rows.map((row) => row.table)).toEqual(TENANT_TABLES);
    for (const row of rows) {
      expect(row, row.table).toEqual({ table: row.table, enabled: true, forced: true, policies: expect.any(Number) });
      expect(row.policies, row.table).toBeGreaterThanOrEqual(1);
    }
  });

  it("the test data holds rows of both organizations", async () => {
    for (const table of FILLED_TABLES) {
      for (const org of [a, b]) {
        const [row] = await selectRows<{ n: number }>(db, count(table, sql`org_id = ${org.id}`));
        expect(row?.n, `${table} of ${org.slug}`).toBeGreaterThan(0);
      }
    }
  });

  it("with organization A set, raw SQL sees every row of A and no row of B, in every tenant table", async () => {
    for (const table of TENANT_TABLES) {
      const [others] = await asApp<{ n: number }>(
        { userId: a.admin.id, orgId: a.id },
        count(table, sql`org_id <> ${a.id}`),
      );
      expect(others?.n, table).toBe(0);
      const [visible] = await asApp<{ n: number }>({ userId: a.admin.id, orgId: a.id }, count(table));
      const [actual] = await selectRows<{ n: number }>(db, count(table, sql`org_id = ${a.id}`));
      expect(visible?.n, table).toBe(actual?.n);
    }
  });

  it("with organization A set, B's rows stay invisible even when asked for by id", async () => {
    const scope = { userId: a.admin.id, orgId: a.id };
    expect(await asApp(scope, sql`select * from memberships where org_id = ${b.id}`)).toEqual([]);
    expect(await asApp(scope, sql`select * from teams where id = ${b.rootTeamId}`)).toEqual([]);
    expect(await asApp(scope, sql`select * from team_members where org_id = ${b.id}`)).toEqual([]);
    expect(await asApp(scope, sql`select * from invitations where org_id = ${b.id}`)).toEqual([]);
    expect(await asApp(scope, sql`select * from audit_events where org_id = ${b.id}`)).toEqual([]);
    expect(await asApp(scope, sql`select * from organizations where id = ${b.id}`)).toEqual([]);
    expect(await asApp(scope, sql`select id from users where id = ${b.admin.id}`)).toEqual([]);
  });

  it("with no organization set, raw SQL sees no tenant rows (a user only sees their own memberships)", async () => {
    const stranger = await createUser(db, "Stranger");
    for (const table of TENANT_TABLES) {
      const [row] = await asApp<{ n: number }>({ userId: stranger.id }, count(table));
      expect(row?.n, table).toBe(0);
    }
    expect(await asApp({ userId: stranger.id }, sql`select id from organizations`)).toEqual([]);

    // A member without an organization set: the only tenant rows are their own memberships (the organization switcher).
    for (const table of TENANT_TABLES) {
      const [row] = await asApp<{ n: number }>(
        { userId: a.rep.id },
        count(table, table === "memberships" ? sql`user_id <> ${a.rep.id}` : sql`true`),
      );
      expect(row?.n, table).toBe(0);
    }
    const own = await asApp<{ org_id: string }>({ userId: a.rep.id }, sql`select org_id from memberships`);
    expect(own).toEqual([{ org_id: a.id }]);
  });

  it("refuses to insert a row of organization B while A is set (WITH CHECK)", async () => {
    const scope = { userId: a.admin.id, orgId: a.id };
    await expectPgError(
      asApp(scope, sql`insert into teams (org_id, id, name) values (${b.id}, ${crypto.randomUUID()}, 'Smuggled')`),
      "42501",
      /row-level security/,
    );
    await expectPgError(
      asApp(
        scope,
        sql`insert into audit_events (org_id, id, action, entity_type) values (${b.id}, ${crypto.randomUUID()}, 'x', 'x')`,
      ),
      "42501",
      /row-level security/,
    );
    const [smuggled] = await selectRows<{ n: number }>(db, count("teams", sql`name = 'Smuggled'`));
    expect(smuggled?.n).toBe(0);
    // The same insert into A's own organization is allowed.
    await asApp(scope, sql`insert into teams (org_id, id, name) values (${a.id}, ${crypto.randomUUID()}, 'Legit')`);
    const [legit] = await selectRows<{ n: number }>(db, count("teams", sql`name = 'Legit' and org_id = ${a.id}`));
    expect(legit?.n).toBe(1);
  });

  it("cannot move a row into organization B, nor touch B's rows", async () => {
    const scope = { userId: a.admin.id, orgId: a.id };
    await expectPgError(
      asApp(scope, sql`update teams set org_id = ${b.id} where id = ${a.subTeamId}`),
      "42501",
      /row-level security/,
    );
    const updated = await asApp<{ id: string }>(
      scope,
      sql`update teams set name = 'Hijacked' where org_id = ${b.id} returning id`,
    );
    expect(updated).toEqual([]);
    const deleted = await asApp<{ id: string }>(
      scope,
      sql`delete from invitations where org_id = ${b.id} returning id`,
    );
    expect(deleted).toEqual([]);
    const [intact] = await selectRows<{ n: number }>(db, count("invitations", sql`org_id = ${b.id}`));
    expect(intact?.n).toBe(1);
  });

  it("nothing can be inserted with no organization set", async () => {
    await expectPgError(
      asApp(
        { userId: a.admin.id },
        sql`insert into teams (org_id, id, name) values (${a.id}, ${crypto.randomUUID()}, 'Nowhere')`,
      ),
      "42501",
      /row-level security/,
    );
  });

  it("the application role may not UPDATE or DELETE audit events (append-only)", async () => {
    const scope = { userId: a.admin.id, orgId: a.id };
    await expectPgError(asApp(scope, sql`update audit_events set action = 'forged'`), "42501", /permission denied/);
    await expectPgError(asApp(scope, sql`delete from audit_events`), "42501", /permission denied/);
    const [row] = await asApp<{ n: number }>(scope, count("audit_events"));
    expect(row?.n).toBe(1);
  });

  it("the application role never reads password hashes", async () => {
    await expectPgError(
      asApp({ userId: a.admin.id, orgId: a.id }, sql`select password_hash from users`),
      "42501",
      /permission denied/,
    );
  });

  // db/prepared-statements.ts: every statement is prepared on its connection (PGlite has no connection protocol).
  if (process.env.DATABASE_URL) {
    describe("prepared statements (Postgres)", () => {
      /** One connection, so that a statement prepared once is the one every later call runs. */
      let single: DatabaseHandle;
      beforeAll(() => {
        single = openDatabase({ url: handle.url, max: 1 });
      });
      afterAll(async () => {
        await single?.close();
      });

      /** This connection's prepared statements whose text holds `marker`. */
      const preparedWith = async (marker: string) => {
        const [row] = await selectRows<{ n: number }>(
          single.db,
          sql`select count(*)::int as n from pg_prepared_statements
              where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`,
        );
        return row!.n;
      };

      it("a statement with parameters is prepared once, in a transaction and in a savepoint too", async () => {
        for (let i = 0; i < 3; i++) {
          expect(await selectRows(single.db, sql`select ${i}::int as value, 'marker-plain' as marker`)).toEqual([
            { value: i, marker: "marker-plain" },
          ]);
        }
        await single.db.transaction(async (tx) => {
          await tx.execute(sql`select ${1}::int, 'marker-in-transaction'`);
          await tx.transaction((savepoint) => savepoint.execute(sql`select ${2}::int, 'marker-in-savepoint'`));
        });
        expect(await preparedWith("marker-plain")).toBe(1);
        expect(await preparedWith("marker-in-transaction")).toBe(1);
        expect(await preparedWith("marker-in-savepoint")).toBe(1);
        const [plans] = await selectRows<{ mode: string }>(
          single.db,
          sql`select current_setting('plan_cache_mode') as mode`,
        );
        expect(plans!.mode).toBe("force_custom_plan");
      });

      it("one prepared statement, run as the login role, then in each organization: row-level security each time", async () => {
        const deals = sql`select count(*)::int as n from deals where amount > ${"0"}::numeric`;
        expect((await selectRows<{ n: number }>(single.db, deals))[0]!.n).toBe(2);
        for (const org of [a, b]) {
          const rows = await withTenant(single.db, { userId: org.admin.id, orgId: org.id }, (tx) =>
            selectRows<{ n: number }>(tx, deals),
          );
          expect(rows[0]!.n).toBe(1);
        }
        const none = await withTenant(single.db, { userId: a.admin.id }, (tx) => selectRows<{ n: number }>(tx, deals));
        expect(none[0]!.n).toBe(0);
        expect(await preparedWith("where amount >")).toBe(1);
      });

      it("a failed transaction rolls back and leaves the connection usable", async () => {
        const failed = single.db.transaction((tx) => tx.execute(sql`select ${1}::int / 0`));
        await expect(failed).rejects.toMatchObject({ cause: { code: "22012" } }); // division by zero
        expect(await selectRows(single.db, sql`select ${5}::int as five`)).toEqual([{ five: 5 }]);
      });
    });
  }
});
