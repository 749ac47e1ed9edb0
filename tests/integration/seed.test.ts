import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, selectRows, type DatabaseHandle } from "../../db/client";
import { ALL_DEMO_USERS, DEMO_PASSWORD, DEMO_USERS, seedDemo, type DemoSummary } from "../../db/seed";
import { verifyPassword } from "../../server/auth/password";
import { callerFor } from "../helpers/fixtures";
import { readSnapshot } from "../../server/domain/reviews/snapshot";

describe("demo seed", () => {
  let handle: DatabaseHandle;
  let summary: DemoSummary;

  /** Result rows of `db.execute` (postgres.js answers an array, PGlite an object with `rows`). */
  const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

  /** A single number from a `select … as n` query. */
  const count = async (query: ReturnType<typeof sql>): Promise<number> =>
    Number(rowsOf<{ n: unknown }>(await handle.db.execute(query))[0]?.n);

  beforeAll(async () => {
    handle = openDatabase({});
    await handle.migrate();
    summary = await seedDemo(handle.db);
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
  });

  it("creates the Acme Robotics organization with its members", async () => {
    expect(
      await count(
        sql`select count(*)::int as n from organizations where slug = 'acme-robotics' and name = 'Acme Robotics'`,
      ),
    ).toBe(1);
    const role = (r: string) =>
      count(
        sql`select count(*)::int as n from memberships where org_id = ${summary.orgId} and role = ${r} and status = 'active'`,
      );
    expect(await role("admin")).toBe(1);
    expect(await role("manager")).toBe(2);
    expect(await role("rep")).toBeGreaterThanOrEqual(8);
    expect(await role("viewer")).toBe(1);
    expect(await count(sql`select count(*)::int as n from users`)).toBe(summary.users);
    expect(summary.users).toBe(ALL_DEMO_USERS.length);

    for (const email of [
      "admin@acme.test",
      "maria@acme.test",
      "james@acme.test",
      "rep@acme.test",
      "viewer@acme.test",
    ]) {
      expect(DEMO_USERS.map((u) => u.email)).toContain(email);
    }
    expect(
      await count(sql`select count(*)::int as n from users where email = 'rep@acme.test' and name = 'Riley Chen'`),
    ).toBe(1);
    // One hash, shared by every demo user, and it verifies against the demo password.
    const hashes = await handle.db.execute(sql`select distinct password_hash as h from users`);
    const list = rowsOf<{ h: string }>(hashes);
    expect(list).toHaveLength(1);
    expect(await verifyPassword(list[0]?.h ?? "", DEMO_PASSWORD)).toBe(true);
  });

  it("builds a team tree with managers", async () => {
    expect(
      await count(sql`select count(*)::int as n from teams where org_id = ${summary.orgId}`),
    ).toBeGreaterThanOrEqual(3);
    expect(summary.teams).toBeGreaterThanOrEqual(3);
    expect(await count(sql`select count(*)::int as n from teams where parent_team_id is null`)).toBe(1);
    expect(
      await count(sql`select count(*)::int as n from teams t join teams p on p.org_id = t.org_id and p.id = t.parent_team_id
        where p.name = 'Sales' and t.name in ('Enterprise', 'Mid-Market')`),
    ).toBe(2);
    expect(
      await count(sql`select count(*)::int as n from team_members tm join users u on u.id = tm.user_id
        join teams t on t.org_id = tm.org_id and t.id = tm.team_id
        where tm.is_manager and ((u.email = 'maria@acme.test' and t.name = 'Enterprise') or (u.email = 'james@acme.test' and t.name = 'Mid-Market'))`),
    ).toBe(2);
    // Every rep sits in a team.
    expect(
      await count(sql`select count(*)::int as n from memberships m where m.role = 'rep'
        and not exists (select 1 from team_members tm where tm.org_id = m.org_id and tm.user_id = m.user_id)`),
    ).toBe(0);
  });

  it("has exactly one active strategy whose objective weights sum to 100", async () => {
    expect(await count(sql`select count(*)::int as n from strategies where status = 'active'`)).toBe(1);
    expect(
      await count(sql`select sum(o.weight)::int as n from objectives o join strategies s on s.org_id = o.org_id and s.id = o.strategy_id
        where s.status = 'active'`),
    ).toBe(100);
    // The active period covers "today" of the demo, and every strategy's weights sum to 100.
    expect(
      await count(
        sql`select count(*)::int as n from strategies where status = 'active' and starts_on <= '2026-11-26' and ends_on >= '2026-11-26'`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`select count(*)::int as n from (select strategy_id from objectives group by strategy_id having sum(weight) <> 100) x`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from objective_focus`)).toBeGreaterThan(0);
  });

  it("gives every rep and manager goals, mostly linked to objectives", async () => {
    expect(
      await count(sql`select count(*)::int as n from memberships m where m.role in ('rep', 'manager')
        and (select count(*) from goals g join strategies s on s.org_id = g.org_id and s.id = g.strategy_id
             where g.org_id = m.org_id and g.user_id = m.user_id and s.status = 'active') < 3`),
    ).toBe(0);
    const total = await count(sql`select count(*)::int as n from goals`);
    const orphans = await count(sql`select count(*)::int as n from goals g where not exists
      (select 1 from goal_objective_links l where l.org_id = g.org_id and l.goal_id = g.id)`);
    expect(orphans).toBeGreaterThan(0);
    expect(orphans).toBeLessThan(total / 2);
  });

  it("has accounts, contacts and 200+ deals, each with at least one stakeholder", async () => {
    expect(await count(sql`select count(*)::int as n from accounts`)).toBeGreaterThanOrEqual(50);
    expect(
      await count(
        sql`select count(*)::int as n from accounts a where (select count(*) from contacts c where c.org_id = a.org_id and c.account_id = a.id) not between 2 and 5`,
      ),
    ).toBe(0);
    const deals = await count(sql`select count(*)::int as n from deals`);
    expect(deals).toBeGreaterThanOrEqual(200);
    expect(summary.deals).toBe(deals);
    expect(
      await count(sql`select count(*)::int as n from deals d where not exists
        (select 1 from stakeholders s where s.org_id = d.org_id and s.deal_id = d.id)`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from stakeholders`)).toBe(summary.stakeholders);
    // Stakeholders are contacts of the deal's own account.
    expect(
      await count(sql`select count(*)::int as n from stakeholders s join deals d on d.org_id = s.org_id and d.id = s.deal_id
        join contacts c on c.org_id = s.org_id and c.id = s.contact_id where c.account_id <> d.account_id`),
    ).toBe(0);
    // Every stage is represented, and disqualified deals say why.
    expect(await count(sql`select count(distinct stage)::int as n from deals`)).toBe(8);
    expect(
      await count(
        sql`select count(*)::int as n from deals where stage = 'disqualified' and disqualified_reason is null`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from deals where amount < 5000 or amount > 400000`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from deal_objectives`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from deal_goals`)).toBeGreaterThan(0);
  });

  it("has one account plan, and reviews: one closed, one shared (with a readable snapshot), one draft", async () => {
    expect(await count(sql`select count(*)::int as n from account_plans where status = 'active'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from plan_problems`)).toBe(3);
    expect(await count(sql`select count(*)::int as n from plan_steps`)).toBe(7);
    expect(
      await count(sql`select count(*)::int as n from plan_steps where due_on < '2026-11-30' and status = 'open'`),
    ).toBe(1);
    expect(await count(sql`select count(*)::int as n from plan_step_dependencies`)).toBe(3);
    expect(await count(sql`select count(*)::int as n from plan_comments where share_link_id is null`)).toBe(2);
    expect(await count(sql`select count(*)::int as n from plan_comments where share_link_id is not null`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from plan_stakeholders`)).toBe(5);
    expect(await count(sql`select count(*)::int as n from plan_problems where customer_visible`)).toBe(2);
    expect(await count(sql`select count(*)::int as n from plan_share_links where revoked_at is null`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from plan_templates`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from plan_collaborators where access = 'owner'`)).toBe(1);
    expect(
      await count(
        sql`select count(*)::int as n from reviews where status = 'shared' and shared_at is not null and snapshot is not null`,
      ),
    ).toBe(1);
    expect(await count(sql`select count(*)::int as n from reviews where status = 'closed' and score is not null`)).toBe(
      1,
    );
    expect(await count(sql`select count(*)::int as n from reviews where status = 'draft' and snapshot is null`)).toBe(
      1,
    );
    expect(await count(sql`select count(*)::int as n from reviews`)).toBe(3);
    expect(await count(sql`select count(*)::int as n from review_actions`)).toBe(4);
    const [shared] = await selectRows<{ snapshot: unknown }>(
      handle.db,
      sql`select snapshot from reviews where status = 'shared'`,
    );
    expect(readSnapshot(shared?.snapshot)?.previousReview?.openActions).toHaveLength(1);
    expect(await count(sql`select count(*)::int as n from audit_events`)).toBeGreaterThan(0);
  });

  it("shows the admin a populated integrations page: SSO not enforced, two keys (one revoked), a webhook", async () => {
    const [admin] = await selectRows<{ id: string }>(
      handle.db,
      sql`select id from users where email = 'admin@acme.test'`,
    );
    const api = callerFor(handle.db, admin!, summary.orgId);
    const sso = await api.sso.get();
    expect(sso).toMatchObject({ configured: true, required: false, clientSecretSet: true, domains: ["acme.test"] });
    const keys = await api.apiKeys.list();
    expect(keys.map((key) => [key.name, key.scope, key.revokedAt !== null]).sort()).toEqual([
      ["CRM sync", "write", false],
      ["Old BI export", "read", true],
    ]);
    expect(keys.every((key) => key.lastUsedAt instanceof Date)).toBe(true);
    const [endpoint, ...more] = await api.webhooks.list();
    expect(more).toEqual([]);
    expect(endpoint?.status).toBe("active");
    const { items } = await api.webhooks.deliveries({ endpointId: endpoint!.id });
    expect(items.map((item) => item.status).sort()).toEqual([
      "failed",
      "succeeded",
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    // Nothing pending: a demo instance's worker has nothing to send to the fictitious receiver.
    expect(await count(sql`select count(*)::int as n from webhook_deliveries where status = 'pending'`)).toBe(0);
  });

  it("refuses to seed twice", async () => {
    await expect(seedDemo(handle.db)).rejects.toThrow(/already exists/);
  });

  it("is deterministic apart from ids", async () => {
    const fingerprint = async (h: DatabaseHandle) => {
      const result = await h.db.execute(
        sql`select string_agg(d.name || '|' || d.amount || '|' || d.stage || '|' || d.problem_fit || '|' || a.name, ';' order by d.name) as f
            from deals d join accounts a on a.org_id = d.org_id and a.id = d.account_id`,
      );
      return rowsOf<{ f: string }>(result)[0]?.f;
    };
    const other = openDatabase({});
    try {
      await other.migrate();
      await seedDemo(other.db);
      expect(await fingerprint(other)).toBe(await fingerprint(handle));
    } finally {
      await other.close();
    }
  }, 120_000);
});
