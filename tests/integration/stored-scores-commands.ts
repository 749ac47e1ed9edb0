/**
 * Random writes for the stored-alignment property test: the commands (fast-check arbitraries) and how each is
 * written in SQL. Entities are drawn as numbers and resolved modulo the rows that exist when the command runs,
 * so every sequence is valid whatever came before.
 */
import fc from "fast-check";
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { BUYING_ROLES, DEAL_STAGES, GOAL_CATEGORIES, PROBLEM_FITS, STANCES } from "@/server/domain/deal-alignment";
import type { PropertyWorld } from "./stored-scores-world";

const pick = fc.nat({ max: 60 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const dayOffset = fc.integer({ min: -320, max: 420 });

const dealFields = fc.record({
  account: pick,
  owner: pick,
  team: fc.constantFrom("none", "sub", "root"),
  stage: fc.constantFrom(...DEAL_STAGES),
  close: fc.option(dayOffset, { nil: null }),
  product: fc.constantFrom(null, "Vision", "fleet", "Other"),
  problemFit: fc.constantFrom(...PROBLEM_FITS),
  amount: fc.constantFrom("0", "100.00", "1000.50", "333.33", "12345.67", "7"),
  currency: fc.constantFrom("USD", "EUR"),
  name: fc.constantFrom("Vision QA rollout", "Fleet-analytics pilot", "Renewal"),
});
type DealFields = typeof dealFields extends fc.Arbitrary<infer F> ? F : never;
const DEAL_FIELDS = ["account", "owner", "team", "stage", "close", "product", "problemFit", "money", "name"] as const;

const stakeholderFields = fc.record({
  role: fc.constantFrom(...BUYING_ROLES),
  influence: fc.integer({ min: 1, max: 5 }),
  stance: fc.constantFrom(...STANCES),
  win: fc.constantFrom("", "  ", "Promotion"),
  serve: fc.constantFrom("", "ROI model"),
});
const focusValue = fc.constantFrom("Manufacturing", "HEALTHCARE", "enterprise", "EMEA", "vision", "Fleet", "none");

const write = fc.oneof(
  fc.record({
    kind: fc.constant("insertDeals" as const),
    rows: fc.array(dealFields, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("updateDeal" as const),
    pick,
    fields: dealFields,
    only: fc.subarray([...DEAL_FIELDS], { minLength: 1 }),
  }),
  fc.record({ kind: fc.constant("moveOwnersDeals" as const), owner: pick, stage: fc.constantFrom(...DEAL_STAGES) }),
  fc.record({ kind: fc.constant("deleteDeal" as const), pick }),
  fc.record({
    kind: fc.constant("insertStakeholder" as const),
    deal: pick,
    contact: pick,
    fields: stakeholderFields,
  }),
  fc.record({ kind: fc.constant("updateStakeholder" as const), pick, fields: stakeholderFields }),
  fc.record({ kind: fc.constant("deleteStakeholder" as const), pick }),
  fc.record({
    kind: fc.constant("insertGoal" as const),
    owner: pick,
    strategy: pick,
    category: fc.constantFrom(...GOAL_CATEGORIES),
    importance: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("updateGoal" as const),
    pick,
    category: fc.constantFrom(...GOAL_CATEGORIES),
    importance: fc.integer({ min: 1, max: 3 }),
    strategy: maybe(pick),
  }),
  fc.record({ kind: fc.constant("deleteGoal" as const), pick }),
  fc.record({ kind: fc.constant("toggleDealGoal" as const), deal: pick, goal: pick }),
  fc.record({ kind: fc.constant("toggleDealObjective" as const), deal: pick, objective: pick }),
  // A goal's link to an objective: added, its strength changed, or removed (the same strength again).
  fc.record({
    kind: fc.constant("toggleGoalLink" as const),
    goal: pick,
    objective: pick,
    strength: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("insertObjective" as const),
    strategy: pick,
    weight: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({
    kind: fc.constant("updateObjective" as const),
    pick,
    weight: fc.integer({ min: 0, max: 100 }),
    strategy: maybe(pick),
  }),
  fc.record({ kind: fc.constant("deleteObjective" as const), pick }),
  fc.record({
    kind: fc.constant("insertFocus" as const),
    objective: pick,
    dimension: fc.constantFrom("industry", "segment", "region", "product"),
    value: focusValue,
  }),
  fc.record({ kind: fc.constant("updateFocus" as const), pick, value: focusValue }),
  fc.record({ kind: fc.constant("deleteFocus" as const), pick }),
  fc.record({
    kind: fc.constant("updateStrategy" as const),
    pick,
    status: fc.constantFrom("draft", "active", "archived"),
    starts: maybe(dayOffset),
    length: fc.integer({ min: 0, max: 200 }),
  }),
  fc.record({
    kind: fc.constant("insertStrategy" as const),
    status: fc.constantFrom("draft", "active"),
    starts: dayOffset,
    length: fc.integer({ min: 0, max: 200 }),
  }),
  fc.record({ kind: fc.constant("deleteStrategy" as const), pick }),
  fc.record({
    kind: fc.constant("updateAccount" as const),
    pick,
    industry: fc.constantFrom(null, "Manufacturing", "Healthcare"),
    segment: fc.constantFrom(null, "Enterprise", "SMB"),
    region: maybe(fc.constantFrom(null, "EMEA", "NA")),
    name: maybe(fc.constantFrom("Granite Peak", "Blue-Harbor Labs", "Zeta")),
  }),
  fc.record({ kind: fc.constant("rollClock" as const), offset: dayOffset }),
  // One batch of the background recomputation of queued deals.
  fc.record({ kind: fc.constant("work" as const), limit: fc.integer({ min: 1, max: 3 }) }),
  // What a strategy save does: every focus rule of an objective written again (maybe one value changed).
  fc.record({ kind: fc.constant("rewriteFocus" as const), objective: pick, value: maybe(focusValue) }),
);
export type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

/**
 * One transaction: a few writes, as the application role or on the privileged connection; with a small
 * `syncLimit`, strategy-wide changes queue their deals for the background recomputation instead.
 */
export const commandArbitrary = fc.record({
  asApp: fc.boolean(),
  syncLimit: maybe(fc.integer({ min: 0, max: 3 })),
  writes: fc.array(write, { minLength: 1, maxLength: 3 }),
});
export type Command = typeof commandArbitrary extends fc.Arbitrary<infer C> ? C : never;

/** Current ids per kind, in a stable order, for resolving drawn numbers. */
async function idsOf(db: Database, orgId: string) {
  const [row] = await selectRows<Record<string, string[] | null>>(
    db,
    sql`select
      (select array_agg(id order by id) from accounts where org_id = ${orgId}) as accounts,
      (select array_agg(id order by id) from contacts where org_id = ${orgId}) as contacts,
      (select array_agg(id order by id) from deals where org_id = ${orgId}) as deals,
      (select array_agg(id order by id) from stakeholders where org_id = ${orgId}) as stakeholders,
      (select array_agg(id order by id) from goals where org_id = ${orgId}) as goals,
      (select array_agg(id order by id) from strategies where org_id = ${orgId}) as strategies,
      (select array_agg(id order by id) from objectives where org_id = ${orgId}) as objectives,
      (select array_agg(id order by id) from objective_focus where org_id = ${orgId}) as focus`,
  );
  const lists = Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, value ?? []]));
  return lists as Record<
    "accounts" | "contacts" | "deals" | "stakeholders" | "goals" | "strategies" | "objectives" | "focus",
    string[]
  >;
}

/** The statements of one write, or none when what it needs does not exist (e.g. no deal left to update). */
export async function writeSql(db: Database, w: PropertyWorld, command: Write): Promise<SQL[]> {
  if (command.kind === "rewriteFocus") {
    const ids = await idsOf(db, w.orgId);
    const objective = ids.objectives.length === 0 ? null : ids.objectives[command.objective % ids.objectives.length]!;
    const rules = await selectRows<{ id: string }>(
      db,
      sql`select id from objective_focus where org_id = ${w.orgId} and objective_id = ${objective}`,
    );
    if (rules.length === 0) return [];
    const originals = rules.map((rule) => rule.id);
    return [
      sql`insert into objective_focus (org_id, id, objective_id, dimension, value)
          select org_id, gen_random_uuid(), objective_id, dimension, coalesce(${command.value ?? null}, value)
          from objective_focus where org_id = ${w.orgId} and id in ${originals}`,
      sql`delete from objective_focus where org_id = ${w.orgId} and id in ${originals}`,
    ];
  }
  const statement = await statementOf(db, w, command);
  return statement ? [statement] : [];
}

async function statementOf(db: Database, w: PropertyWorld, command: Exclude<Write, { kind: "rewriteFocus" }>) {
  const ids = await idsOf(db, w.orgId);
  const org = w.orgId;
  const of = (list: string[], n: number) => (list.length === 0 ? null : list[n % list.length]!);
  const team = (t: DealFields["team"]) => (t === "none" ? null : t === "sub" ? w.subTeamId : w.rootTeamId);
  const close = (offset: number | null) => (offset === null ? sql`null::date` : sql`current_date + ${offset}::int`);
  const reason = (stage: string) => (stage === "disqualified" ? "No budget this year" : null);
  const dealSet = (f: DealFields): Record<(typeof DEAL_FIELDS)[number], SQL> => ({
    account: sql`account_id = ${of(ids.accounts, f.account)}`,
    owner: sql`owner_id = ${of(w.members, f.owner)}`,
    team: sql`team_id = ${team(f.team)}`,
    stage: sql`stage = ${f.stage}, disqualified_reason = ${reason(f.stage)}`,
    close: sql`close_date = ${close(f.close)}`,
    product: sql`product = ${f.product}`,
    problemFit: sql`problem_fit = ${f.problemFit}`,
    money: sql`amount = ${f.amount}::numeric, currency = ${f.currency}`,
    name: sql`name = ${f.name}`,
  });
  switch (command.kind) {
    case "insertDeals": {
      if (ids.accounts.length === 0) return null;
      const rows = command.rows.map(
        (f) => sql`(${org}::uuid, gen_random_uuid(), ${of(ids.accounts, f.account)}::uuid, ${f.name},
          ${f.amount}::numeric, ${f.currency}, ${f.stage}, ${reason(f.stage)}, ${close(f.close)},
          ${of(w.members, f.owner)}::uuid, ${team(f.team)}::uuid, ${f.product}, ${f.problemFit}::problem_fit)`,
      );
      return sql`insert into deals (org_id, id, account_id, name, amount, currency, stage, disqualified_reason,
        close_date, owner_id, team_id, product, problem_fit) values ${sql.join(rows, sql`, `)}`;
    }
    case "updateDeal": {
      const deal = of(ids.deals, command.pick);
      const set = dealSet(command.fields);
      return deal === null
        ? null
        : sql`update deals set ${sql.join(
            command.only.map((field) => set[field]),
            sql`, `,
          )}, version = version + 1
        where org_id = ${org} and id = ${deal}`;
    }
    case "moveOwnersDeals":
      return sql`update deals set stage = ${command.stage}, disqualified_reason = ${reason(command.stage)}
        where org_id = ${org} and owner_id = ${of(w.members, command.owner)}`;
    case "deleteDeal": {
      const deal = of(ids.deals, command.pick);
      return deal === null ? null : sql`delete from deals where org_id = ${org} and id = ${deal}`;
    }
    case "insertStakeholder": {
      const [deal, contact] = [of(ids.deals, command.deal), of(ids.contacts, command.contact)];
      const f = command.fields;
      return deal && contact
        ? sql`insert into stakeholders (org_id, id, deal_id, contact_id, buying_role, influence, stance, personal_win,
          how_we_serve_it)
            values (${org}, gen_random_uuid(), ${deal}, ${contact}, ${f.role}::buying_role, ${f.influence},
              ${f.stance}::stance, ${f.win}, ${f.serve})
            on conflict do nothing`
        : null;
    }
    case "updateStakeholder": {
      const id = of(ids.stakeholders, command.pick);
      const f = command.fields;
      return id === null
        ? null
        : sql`update stakeholders set buying_role = ${f.role}::buying_role, influence = ${f.influence},
            stance = ${f.stance}::stance, personal_win = ${f.win}, how_we_serve_it = ${f.serve}
          where org_id = ${org} and id = ${id}`;
    }
    case "deleteStakeholder": {
      const id = of(ids.stakeholders, command.pick);
      return id === null ? null : sql`delete from stakeholders where org_id = ${org} and id = ${id}`;
    }
    case "insertGoal": {
      const strategy = of(ids.strategies, command.strategy);
      return strategy === null
        ? null
        : sql`insert into goals (org_id, id, user_id, strategy_id, category, title, importance)
        values (${org}, gen_random_uuid(), ${of(w.members, command.owner)}, ${strategy},
          ${command.category}::goal_category, 'Goal', ${command.importance})`;
    }
    case "updateGoal": {
      const id = of(ids.goals, command.pick);
      const strategy = command.strategy === undefined ? null : of(ids.strategies, command.strategy);
      return id === null
        ? null
        : sql`update goals set category = ${command.category}::goal_category, importance = ${command.importance},
        strategy_id = coalesce(${strategy}::uuid, strategy_id) where org_id = ${org} and id = ${id}`;
    }
    case "deleteGoal": {
      const id = of(ids.goals, command.pick);
      return id === null ? null : sql`delete from goals where org_id = ${org} and id = ${id}`;
    }
    case "toggleDealGoal":
    case "toggleDealObjective": {
      const [table, column, list] =
        command.kind === "toggleDealGoal"
          ? (["deal_goals", "goal_id", ids.goals] as const)
          : (["deal_objectives", "objective_id", ids.objectives] as const);
      const deal = of(ids.deals, command.deal);
      const other = of(list, command.kind === "toggleDealGoal" ? command.goal : command.objective);
      if (!deal || !other) return null;
      const [linked] = await selectRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${org} and deal_id = ${deal} and
          ${sql.identifier(column)} = ${other}`,
      );
      return linked!.n > 0
        ? sql`delete from ${sql.identifier(table)} where org_id = ${org} and deal_id = ${deal} and
          ${sql.identifier(column)} = ${other}`
        : sql`insert into ${sql.identifier(table)} (org_id, deal_id, ${sql.identifier(column)})
          values (${org}, ${deal}, ${other})`;
    }
    case "toggleGoalLink": {
      const goal = of(ids.goals, command.goal);
      const objective = of(ids.objectives, command.objective);
      if (!goal || !objective) return null;
      const where = sql`org_id = ${org} and goal_id = ${goal} and objective_id = ${objective}`;
      const [link] = await selectRows<{ strength: number }>(
        db,
        sql`select strength from goal_objective_links where ${where}`,
      );
      if (!link)
        return sql`insert into goal_objective_links (org_id, goal_id, objective_id, strength)
          values (${org}, ${goal}, ${objective}, ${command.strength})`;
      return link.strength === command.strength
        ? sql`delete from goal_objective_links where ${where}`
        : sql`update goal_objective_links set strength = ${command.strength} where ${where}`;
    }
    case "insertObjective": {
      const strategy = of(ids.strategies, command.strategy);
      return strategy === null
        ? null
        : sql`insert into objectives (org_id, id, strategy_id, title, weight)
        values (${org}, gen_random_uuid(), ${strategy}, 'New objective', ${command.weight})`;
    }
    case "updateObjective": {
      const id = of(ids.objectives, command.pick);
      const strategy = command.strategy === undefined ? null : of(ids.strategies, command.strategy);
      return id === null
        ? null
        : sql`update objectives set weight = ${command.weight}, strategy_id = coalesce(${strategy}::uuid, strategy_id)
        where org_id = ${org} and id = ${id}`;
    }
    case "deleteObjective": {
      const id = of(ids.objectives, command.pick);
      return id === null ? null : sql`delete from objectives where org_id = ${org} and id = ${id}`;
    }
    case "insertFocus": {
      const objective = of(ids.objectives, command.objective);
      return objective === null
        ? null
        : sql`insert into objective_focus (org_id, id, objective_id, dimension, value)
        values (${org}, gen_random_uuid(), ${objective}, ${command.dimension}::focus_dimension, ${command.value})`;
    }
    case "updateFocus": {
      const id = of(ids.focus, command.pick);
      return id === null
        ? null
        : sql`update objective_focus set value = ${command.value} where org_id = ${org} and id = ${id}`;
    }
    case "deleteFocus": {
      const id = of(ids.focus, command.pick);
      return id === null ? null : sql`delete from objective_focus where org_id = ${org} and id = ${id}`;
    }
    case "updateStrategy": {
      const id = of(ids.strategies, command.pick);
      const starts = command.starts === undefined ? sql`starts_on` : sql`current_date + ${command.starts}::int`;
      return id === null
        ? null
        : sql`update strategies set status = ${command.status}::strategy_status, starts_on = ${starts},
        ends_on = ${starts} + ${command.length}::int where org_id = ${org} and id = ${id}`;
    }
    case "insertStrategy":
      return sql`insert into strategies (org_id, id, name, starts_on, ends_on, status)
        values (${org}, gen_random_uuid(), 'Another', current_date + ${command.starts}::int,
          current_date + ${command.starts + command.length}::int, ${command.status}::strategy_status)`;
    case "deleteStrategy": {
      const id = of(ids.strategies, command.pick);
      // Goals reference their strategy without cascade: the strategy goes with its goals, in one statement.
      return id === null
        ? null
        : sql`with gone as (delete from goals where org_id = ${org} and strategy_id = ${id})
        delete from strategies where org_id = ${org} and id = ${id}`;
    }
    case "updateAccount": {
      const id = of(ids.accounts, command.pick);
      return id === null
        ? null
        : sql`update accounts set industry = ${command.industry}, segment = ${command.segment},
        region = ${command.region === undefined ? sql`region` : command.region},
        name = ${command.name ?? sql`name`} where org_id = ${org} and id = ${id}`;
    }
    case "rollClock":
      return sql`select tandem_alignment_roll_clock(${org}::uuid, current_date + ${command.offset}::int)`;
    case "work":
      return sql`select tandem_alignment_work(${org}::uuid, ${command.limit}::int)`;
  }
}
