/**
 * The small organization the stored-alignment tests write to: four deal owners in a two-team tree, three accounts,
 * three strategies (now, next, a draft) with focus rules, goals, four deals with an economic buyer each.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships } from "@/db/schema";
import { createOrg, createUser } from "../helpers/fixtures";

export interface PropertyWorld {
  orgId: string;
  adminId: string;
  /** Members who own deals and goals. */
  members: string[];
  rootTeamId: string;
  subTeamId: string;
}

/** An organization with four deal owners (created once; resetWorld fills it for each run). */
export async function createPropertyWorld(db: Database, name: string): Promise<PropertyWorld> {
  const org = await createOrg(db, name);
  const second = await createUser(db, `${name} second rep`);
  await db.insert(memberships).values({ orgId: org.id, id: crypto.randomUUID(), userId: second.id, role: "rep" });
  return {
    orgId: org.id,
    adminId: org.admin.id,
    members: [org.rep.id, second.id, org.manager.id, org.admin.id],
    rootTeamId: org.rootTeamId,
    subTeamId: org.subTeamId,
  };
}

/** Empties the organization's sales data and writes the same small starting point (through the triggers). */
export async function resetWorld(db: Database, w: PropertyWorld): Promise<void> {
  const org = w.orgId;
  for (const table of ["reviews", "deals", "goals", "strategies", "contacts", "accounts"]) {
    await db.execute(sql`delete from ${sql.identifier(table)} where org_id = ${org}`);
  }
  const [rep, second, manager] = w.members;
  await db.execute(sql`
    insert into accounts (org_id, id, name, industry, segment, region) values
      (${org}, gen_random_uuid(), 'Granite Peak Manufacturing', 'Manufacturing', 'Enterprise', 'EMEA'),
      (${org}, gen_random_uuid(), 'Mercy Health', 'healthcare', 'SMB', null),
      (${org}, gen_random_uuid(), 'Nordic Fleet', null, 'Enterprise', 'NA')`);
  await db.execute(sql`insert into contacts (org_id, id, account_id, name)
    select ${org}, gen_random_uuid(), a.id, a.name || ' contact ' || n from accounts a, generate_series(1, 2) n
    where a.org_id = ${org}`);
  await db.execute(sql`insert into strategies (org_id, id, name, starts_on, ends_on, status) values
    (${org}, gen_random_uuid(), 'Now', current_date - 60, current_date + 120, 'active'),
    (${org}, gen_random_uuid(), 'Next', current_date + 121, current_date + 300, 'active'),
    (${org}, gen_random_uuid(), 'Draft', current_date - 60, current_date + 120, 'draft')`);
  await db.execute(sql`insert into objectives (org_id, id, strategy_id, title, weight)
    select ${org}, gen_random_uuid(), s.id, s.name || ' ' || o.title, o.weight
    from strategies s, (values ('Manufacturing', 50), ('Healthcare', 30), ('Vision', 20)) o(title, weight)
    where s.org_id = ${org}`);
  await db.execute(sql`insert into objective_focus (org_id, id, objective_id, dimension, value)
    select ${org}, gen_random_uuid(), o.id, f.dimension::focus_dimension, f.value
    from objectives o join (values
        ('Manufacturing', 'industry', 'manufacturing'), ('Manufacturing', 'segment', 'Enterprise'),
        ('Healthcare', 'industry', 'Healthcare'), ('Vision', 'product', 'vision'), ('Vision', 'product', 'fleet')
      ) f(title, dimension, value) on o.title like '% ' || f.title
    where o.org_id = ${org}`);
  await db.execute(sql`insert into goals (org_id, id, user_id, strategy_id, category, title, importance)
    select ${org}, gen_random_uuid(), u.id, s.id, g.category::goal_category, g.category, g.importance
    from strategies s, (values (${rep}::uuid), (${second}::uuid)) u(id),
      (values ('quota', 3), ('account', 2), ('skill', 1)) g(category, importance)
    where s.org_id = ${org} and s.status = 'active'`);
  await db.execute(sql`insert into deals (org_id, id, account_id, name, amount, currency, stage, close_date, owner_id,
      team_id, product, problem_fit)
    select ${org}, gen_random_uuid(), a.id, a.name || ' deal ' || n, (n * 1000)::numeric, 'USD',
      (array['prospecting', 'proposal', 'closed_won', 'negotiation'])[n]::deal_stage, current_date + (n * 90 - 100),
      (array[${rep}::uuid, ${second}::uuid, ${manager}::uuid, ${rep}::uuid])[n], ${w.subTeamId}::uuid,
      (array['Vision', null, 'Fleet', 'vision'])[n], (array['yes', 'partly', 'unknown', 'yes'])[n]::problem_fit
    from generate_series(1, 4) n
    join accounts a on a.org_id = ${org} and a.name = (array['Granite Peak Manufacturing', 'Mercy Health',
      'Nordic Fleet', 'Granite Peak Manufacturing'])[n]`);
  await db.execute(sql`insert into stakeholders (org_id, id, deal_id, contact_id, buying_role, influence,
    personal_win, how_we_serve_it)
    select ${org}, gen_random_uuid(), d.id, c.id, 'economic_buyer', 5, 'Board story', ''
    from deals d join lateral (select c.id from contacts c where c.org_id = d.org_id and c.account_id = d.account_id
      limit 1) c on true
    where d.org_id = ${org}`);
}
