/**
 * The bench organization's reviews (issue 11) and account plans (issue 12), set-based in SQL like the rest of
 * tests/load/bench-seed.ts, which runs this step last; `npm run bench:seed -- --extras-only --database <name>`
 * runs it alone on an existing bench database (it replaces the organization's reviews and plans: re-runnable).
 *
 * - Reviews: every rep has one shared review (a third of them acknowledged) by their team's manager, with a
 *   snapshot as sharing stores it (server/domain/reviews/snapshot.ts: the rep's goals, the pipeline's mix over the
 *   active strategy's objectives, the open deals listed from deal_alignment as the app orders them, at most
 *   SNAPSHOT_DEAL_LIMIT) and 2 actions (the rep's, the manager's); every tenth rep (r % 10 = 0) an older closed
 *   review too (the shared one's previous review); every tenth (r % 10 = 1, rep 1 among them) an open draft, whose
 *   snapshot the app assembles on each read.
 * - Account plans: every 20th account has an active plan with its owner (owner) and the next rep (editor) as
 *   collaborators, 3 problems (the first on one of the account's deals), 8 steps in a chain of dependencies and
 *   the account's 2 contacts on the stakeholder map.
 */
import type postgres from "postgres";
import { OPEN_STAGES } from "@/server/domain/deal-alignment";
import { SNAPSHOT_DEAL_LIMIT } from "@/server/domain/reviews/snapshot";
import { BENCH_ORG_ID as org, type BenchShape, teamOfRep, uid } from "./bench-seed";

/** The active strategy (SQL; a function: this module and bench-seed.ts import each other). */
const activeStrategy = () => uid("strategy", "2");
const rep = (r: string) => uid("user", `'rep' || ${r}`);
const managerOf = (teams: number, r: string) => uid("user", `'manager' || ${teamOfRep(teams, r)}`);
const openStages = OPEN_STAGES.map((stage) => `'${stage}'`).join(",");
const group = `case when 'DISQUALIFY' = any(da.flags) then 0 when 'OUTSIDE_STRATEGY' = any(da.flags) then 1 else 2 end`;

/** The shared review's snapshot of every rep, in a temporary table (r, score, snapshot). */
function snapshots(reps: number): string {
  const points = { coverage: "(20 + r % 21)", focus: "(10 + r % 21)", fit: "(5 + r % 26)" };
  const component = (points: string, max: number) =>
    `jsonb_build_object('value', round(${points} / ${max}.0, 3), 'max', ${max}, 'points', ${points})`;
  return `create temporary table bench_snapshots on commit preserve rows as
    select r, ${points.coverage} + ${points.focus} + ${points.fit} as score, jsonb_build_object(
      'schemaVersion', 1,
      'takenAt', to_char((now() - make_interval(days => 7 + r % 60)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'strategy', jsonb_build_object('id', s.id, 'name', s.name, 'startsOn', s.starts_on::text, 'endsOn', s.ends_on::text),
      'subject', jsonb_build_object('id', u.id, 'name', u.name),
      'alignment', jsonb_build_object(
        'score', ${points.coverage} + ${points.focus} + ${points.fit},
        'components', jsonb_build_object('coverage', ${component(points.coverage, 40)},
          'focus', ${component(points.focus, 30)}, 'pipelineFit', ${component(points.fit, 30)}),
        'reasons', jsonb_build_array('Every goal serves an objective', 'A fifth of the open pipeline serves no objective'),
        'suggestions', jsonb_build_array(jsonb_build_object('text', 'Link the skill goal to Objective 1', 'gain', 6))),
      'goals', g.goals,
      'hiddenGoalCount', 0,
      'pipelineMix', jsonb_build_object('total', o.amount::text, 'currencies', o.currencies,
        'objectives', (select jsonb_agg(jsonb_build_object('objectiveId', ob.id, 'title', ob.title,
            'targetShare', ob.weight / 100.0, 'actualShare', 0.2, 'amount', round(o.amount * 0.2, 2)::text)
            order by ob.position)
          from objectives ob where ob.org_id = s.org_id and ob.strategy_id = s.id),
        'unaligned', jsonb_build_object('share', 0.2, 'amount', round(o.amount * 0.2, 2)::text)),
      'deals', jsonb_build_object('total', o.total, 'items', i.items, 'byGroup', jsonb_build_object(
        'disqualify', o.disqualify, 'outside_strategy', o.outside, 'other', o.total - o.disqualify - o.outside)),
      'previousReview', null) as snapshot
    from generate_series(1, ${reps}) r
    join users u on u.id = ${rep("r")}
    join strategies s on s.org_id = ${org} and s.id = ${activeStrategy()}
    cross join lateral (
      select coalesce(jsonb_agg(jsonb_build_object('id', g.id, 'title', g.title, 'category', g.category,
          'target', g.target::text, 'unit', g.unit, 'currentValue', g.current_value::text, 'progress', null,
          'links', (select coalesce(jsonb_agg(jsonb_build_object('objectiveId', ob.id, 'objectiveTitle', ob.title,
              'strength', l.strength) order by ob.position), '[]')
            from goal_objective_links l join objectives ob on ob.org_id = l.org_id and ob.id = l.objective_id
            where l.org_id = g.org_id and l.goal_id = g.id)) order by g.title, g.id), '[]') as goals
      from goals g where g.org_id = ${org} and g.user_id = u.id and g.strategy_id = s.id) g
    cross join lateral (
      select count(*)::int as total, count(*) filter (where ${group} = 0)::int as disqualify,
        count(*) filter (where ${group} = 1)::int as outside, coalesce(sum(da.amount), 0) as amount,
        coalesce(jsonb_agg(distinct da.currency::text), '[]') as currencies
      from deal_alignment da where da.org_id = ${org} and da.owner_id = u.id and da.stage in (${openStages})) o
    cross join lateral (
      select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'name', d.name, 'accountName', a.name,
          'stage', x.stage, 'amount', x.amount::text, 'currency', x.currency, 'closeDate', d.close_date::text,
          'score', x.score, 'customer', x.customer, 'company', x.company, 'rep', x.rep, 'flags', to_jsonb(x.flags),
          'group', (array['disqualify', 'outside_strategy', 'other'])[x.grp + 1])
          order by x.grp, x.score, x.amount desc, x.deal_id), '[]') as items
      from (select da.*, ${group} as grp from deal_alignment da
            where da.org_id = ${org} and da.owner_id = u.id and da.stage in (${openStages})
            order by grp, da.score, da.amount desc, da.deal_id limit ${SNAPSHOT_DEAL_LIMIT}) x
      join deals d on d.org_id = ${org} and d.id = x.deal_id
      join accounts a on a.org_id = d.org_id and a.id = d.account_id) i`;
}

function reviewStatements({ reps, teams }: BenchShape): string[] {
  const review = (kind: string) => uid("review", `'${kind}:' || r`);
  const sharedAt = "(now() - make_interval(days => 7 + r % 60))";
  const closedSharedAt = "(now() - make_interval(days => 120 + r % 60))";
  return [
    snapshots(reps),
    `insert into reviews (org_id, id, subject_id, reviewer_id, strategy_id, status, snapshot, score, manager_notes,
       section_notes, shared_at, acknowledged_at, closed_at, created_at, updated_at)
     select ${org}, ${review("closed")}, ${rep("r")}, ${managerOf(teams, "r")}, ${activeStrategy()}, 'closed'::review_status,
       jsonb_set(b.snapshot, '{takenAt}', to_jsonb(to_char(${closedSharedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
       b.score, 'Solid quarter.', '{}'::jsonb, ${closedSharedAt}, null, ${closedSharedAt} + interval '30 days',
       ${closedSharedAt} - interval '2 days', ${closedSharedAt} + interval '30 days'
     from bench_snapshots b where r % 10 = 0
     union all
     select ${org}, ${review("shared")}, ${rep("r")}, ${managerOf(teams, "r")}, ${activeStrategy()},
       (case when r % 3 = 0 then 'acknowledged' else 'shared' end)::review_status,
       case when r % 10 = 0 then jsonb_set(b.snapshot, '{previousReview}', jsonb_build_object('id', ${review("closed")},
         'sharedAt', to_char(${closedSharedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'score', b.score,
         'openActions', '[]'::jsonb)) else b.snapshot end,
       b.score, 'Good progress on the objectives; re-qualify the stalled proposals.',
       '{"deals": "Three proposals have not moved in a month."}'::jsonb, ${sharedAt},
       case when r % 3 = 0 then ${sharedAt} + interval '1 day' end, null, ${sharedAt} - interval '2 days', ${sharedAt}
     from bench_snapshots b
     union all
     select ${org}, ${review("draft")}, ${rep("r")}, ${managerOf(teams, "r")}, ${activeStrategy()}, 'draft'::review_status, null, null, '',
       '{}'::jsonb, null, null, null, now() - interval '1 day', now() - interval '1 day'
     from generate_series(1, ${reps}) r where r % 10 = 1`,
    `insert into review_actions (org_id, id, review_id, text, owner_id, owner_role, due_on, done, done_at)
     select ${org}, ${uid("review-action", "k || ':' || a || ':' || r")}, ${uid("review", "k || ':' || r")},
       (array['Re-qualify the stalled proposals', 'Join the next call with the economic buyer'])[a],
       case when a = 1 then ${rep("r")} else ${managerOf(teams, "r")} end, (array['rep', 'manager'])[a],
       current_date + (r + a * 7) % 30 - case when k = 'closed' then 120 else 0 end,
       k = 'closed' or (a = 2 and r % 2 = 0), case when k = 'closed' or (a = 2 and r % 2 = 0) then now() end
     from generate_series(1, ${reps}) r, generate_series(1, 2) a, unnest(array['shared', 'closed']) k
     where k = 'shared' or r % 10 = 0`,
    `drop table bench_snapshots`,
  ];
}

function planStatements({ deals, reps, accounts }: BenchShape): string[] {
  const plan = uid("plan", "a");
  const plans = `generate_series(20, ${accounts}, 20) a`;
  const ownerOf = (a: string) => rep(`(1 + ${a} % ${reps})`);
  return [
    `insert into account_plans (org_id, id, account_id, title, customer_objectives, status)
     select ${org}, ${plan}, ${uid("account", "a")}, 'Account plan ' || a,
       'Cut onboarding time by half; one platform for every region by next year', 'active'
     from ${plans}`,
    `insert into plan_collaborators (org_id, plan_id, user_id, access)
     select ${org}, ${plan}, ${ownerOf("a")}, 'owner'::plan_access from ${plans}
     union all select ${org}, ${plan}, ${ownerOf("(a + 1)")}, 'editor'::plan_access from ${plans} where ${reps} > 1`,
    `insert into plan_problems (org_id, id, plan_id, problem, solution, impact, status, customer_visible, position)
     select ${org}, ${uid("plan-problem", "a || ':' || p")}, ${plan},
       (array['Onboarding takes months', 'Reports are assembled by hand', 'Two systems of record'])[p],
       (array['Guided onboarding', 'Scheduled reports', 'One platform'])[p], 'About 200 hours a quarter',
       (array['open', 'addressed', 'parked'])[p]::plan_problem_status, p = 1, p
     from ${plans}, generate_series(1, 3) p`,
    // The first problem concerns deal a - 1 + accounts: one of account a's deals (deal n is on account 1 + n % accounts).
    `insert into plan_problem_deals (org_id, problem_id, deal_id)
     select ${org}, ${uid("plan-problem", "a || ':1'")}, ${uid("deal", `(a - 1 + ${accounts})`)}
     from ${plans} where a - 1 + ${accounts} <= ${deals}`,
    `insert into plan_steps (org_id, id, plan_id, title, side, owner_name, due_on, status, customer_visible,
       completed_at, position)
     select ${org}, ${uid("plan-step", "a || ':' || s")}, ${plan}, 'Step ' || s || ': ' ||
       (array['Discovery workshop', 'Security review', 'Pilot', 'Business case'])[1 + s % 4],
       (array['us', 'customer'])[1 + s % 2]::plan_side, 'Owner ' || s, current_date - 14 + 7 * s,
       (case when s <= 2 then 'done' else 'open' end)::plan_step_status, s % 4 <> 0,
       case when s <= 2 then now() - make_interval(days => 10 - s) end, s
     from ${plans}, generate_series(1, 8) s`,
    `insert into plan_step_dependencies (org_id, step_id, depends_on_id)
     select ${org}, ${uid("plan-step", "a || ':' || s")}, ${uid("plan-step", "a || ':' || (s - 1)")}
     from ${plans}, generate_series(2, 8) s`,
    `insert into plan_stakeholders (org_id, plan_id, contact_id, buying_role, influence, stance, personal_win,
       approach, relationship_owner_id)
     select ${org}, ${plan}, ${uid("contact", "a || ':' || c")},
       (array['economic_buyer', 'champion'])[c]::buying_role, 6 - c, (array['neutral', 'supporter'])[c]::stance,
       'A smoother quarter close', (array['Show the business case early', 'Keep in the loop'])[c], ${ownerOf("a")}
     from ${plans}, generate_series(1, 2) c`,
  ];
}

/**
 * The statements adding the reviews and plans (after the deals and `tandem_alignment_rebuild`: snapshots read
 * deal_alignment). The organization's existing reviews and plans are deleted first (with triggers on, so the
 * deletes cascade); the inserts run with triggers off like the seed's.
 */
export function extrasStatements(shape: BenchShape): string[] {
  return [
    `delete from reviews where org_id = ${org}`,
    `delete from account_plans where org_id = ${org}`,
    `set session_replication_role = replica`,
    ...reviewStatements(shape),
    ...planStatements(shape),
    `set session_replication_role = origin`,
    `analyze reviews, review_actions, account_plans, plan_collaborators, plan_problems, plan_problem_deals,
       plan_steps, plan_step_dependencies, plan_stakeholders`,
  ];
}

/** Runs statements one by one on a single connection, logging each one's time. */
export async function runStatements(
  client: postgres.Sql,
  list: string[],
  log: (message: string) => void,
): Promise<void> {
  for (const statement of list) {
    const start = performance.now();
    await client.unsafe(statement);
    log(`${((performance.now() - start) / 1000).toFixed(1)} s  ${statement.trim().split("\n")[0]!.slice(0, 90)}`);
  }
}
