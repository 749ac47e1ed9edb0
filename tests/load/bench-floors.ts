/**
 * The floors of `npm run bench`: for each procedure, the minimal SQL that returns the same answer (one statement,
 * no tRPC, no membership look-up, no output validation), run as tandem_app under row-level security like the app.
 * What a procedure costs above its floor is the app's overhead.
 */
import type postgres from "postgres";

export interface Who {
  role: "admin" | "manager" | "rep";
  orgId: string;
  userId: string;
  /** A manager's visible teams (the managed ones and below); empty otherwise. */
  teamIds: string[];
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;
export type Floor = (sql: postgres.TransactionSql, who: Who) => Fragment;

const OPEN = ["prospecting", "qualification", "discovery", "proposal", "negotiation"];

/** The caller's visibility on a table alias holding owner_id and team_id. */
function visible(sql: postgres.TransactionSql, who: Who, alias: string) {
  if (who.role === "admin") return sql`true`;
  const owner = sql.unsafe(`${alias}.owner_id`);
  if (who.role === "rep") return sql`${owner} = ${who.userId}`;
  return sql`(${owner} = ${who.userId} or ${sql.unsafe(`${alias}.team_id`)} = any(${who.teamIds}::uuid[]))`;
}

/** A page's rows joined to what a pipeline row shows. */
function rowsOf(sql: postgres.TransactionSql, who: Who, ids: Fragment, order: string) {
  return sql`select d.id, d.name, d.account_id, a.name as account_name, d.amount::text, d.currency, d.stage,
      d.close_date::text, d.owner_id, u.name as owner_name, d.team_id, d.product, d.problem_fit, d.disqualified_reason,
      d.external_id, x.score, x.customer, x.company, x.rep, x.flags, d.version, d.updated_at
    from (${ids}) p
    join deals d on d.org_id = ${who.orgId} and d.id = p.id
    join accounts a on a.org_id = d.org_id and a.id = d.account_id
    join users u on u.id = d.owner_id
    join deal_alignment x on x.org_id = d.org_id and x.deal_id = d.id
    order by ${sql.unsafe(order)}`;
}

export const listByCloseDate =
  (after?: { key: string; id: string }): Floor =>
  (sql, who) =>
    rowsOf(
      sql,
      who,
      sql`select d.id from deals d where d.org_id = ${who.orgId} and ${visible(sql, who, "d")}
        ${after ? sql`and (d.close_key, d.id) > (${after.key}::date, ${after.id}::uuid)` : sql``}
        order by d.close_key, d.id limit 26`,
      "d.close_key, d.id",
    );

export const listByScore =
  (after?: { key: string; id: string }): Floor =>
  (sql, who) =>
    rowsOf(
      sql,
      who,
      sql`select x.deal_id as id from deal_alignment x where x.org_id = ${who.orgId} and ${visible(sql, who, "x")}
        ${after ? sql`and (x.score, x.deal_id) < (${after.key}::int, ${after.id}::uuid)` : sql``}
        order by x.score desc, x.deal_id desc limit 26`,
      "x.score desc, x.deal_id desc",
    );

export const totals: Floor = (sql, who) =>
  sql`select r.stage, r.currency, sum(r.deals)::int as deals, sum(r.amount)::text as amount,
        sum(r.amount) filter (where r.stage::text = any(${OPEN}))::text as pipeline
      from deal_rollup r where r.org_id = ${who.orgId} and ${visible(sql, who, "r")}
      group by r.stage, r.currency order by r.stage, r.currency`;

const STAGES = [
  "prospecting",
  "qualification",
  "discovery",
  "proposal",
  "negotiation",
  "closed_won",
  "closed_lost",
  "disqualified",
];

/** The board's first 50 of each stage: per stage, the organization's index (admin) or own + per-team scans merged. */
export const board: Floor = (sql, who) => {
  const scan = (narrow: Fragment) =>
    sql`select d.id, d.close_key from deals d where d.org_id = ${who.orgId} and ${narrow} and d.stage_name = st.stage
        order by d.close_key, d.id limit 50`;
  const perStage =
    who.role === "admin"
      ? scan(sql`true`)
      : sql`select distinct m.id, m.close_key from (
          select o.* from (${scan(sql`d.owner_id = ${who.userId}`)}) o
          union all select t.* from unnest(${who.teamIds}::uuid[]) tt(id) cross join lateral (${scan(sql`d.team_id = tt.id`)}) t
        ) m order by m.close_key, m.id limit 50`;
  return sql`with counts as (
        select r.stage::text as stage, sum(r.deals)::int as n from deal_rollup r
        where r.org_id = ${who.orgId} and ${visible(sql, who, "r")} group by r.stage)
      select top.*, c.n as stage_count
      from (${rowsOf(
        sql,
        who,
        sql`select top.id from unnest(${STAGES}::text[]) st(stage) cross join lateral (${perStage}) top`,
        "d.stage, d.close_key, d.id",
      )}) top left join counts c on c.stage = top.stage::text`;
};

export const dashboard: Floor = (sql, who) =>
  sql`select r.stage, sum(r.deals)::int as deals, sum(r.amount)::text as amount
      from deal_rollup r where r.org_id = ${who.orgId} and r.stage::text = any(${OPEN})
        and ${who.role === "manager" ? sql`r.team_id = any(${who.teamIds}::uuid[])` : visible(sql, who, "r")}
      group by r.stage order by r.stage`;

/** Goals with links and quota progress, open pipeline per objective and in total, for a set of people. */
function alignmentOf(sql: postgres.TransactionSql, who: Who, people: Fragment, strategyId: string) {
  return sql`with people as (${people}),
    goal_rows as (
      select g.user_id, json_agg(json_build_object('id', g.id, 'title', g.title, 'category', g.category,
        'importance', g.importance, 'links', (select json_agg(json_build_object('o', l.objective_id, 's', l.strength))
          from goal_objective_links l where l.org_id = g.org_id and l.goal_id = g.id))) as goals
      from goals g join people p on p.user_id = g.user_id
      where g.org_id = ${who.orgId} and g.strategy_id = ${strategyId} group by g.user_id),
    per_objective as (
      select r.owner_id, json_agg(json_build_object('o', r.objective_id, 'share', r.share, 'lead', r.lead_amount)) as pipeline
      from (select r.owner_id, r.objective_id, sum(r.share) as share, sum(r.lead_amount) as lead_amount
            from deal_objective_rollup r join people p on p.user_id = r.owner_id
            where r.org_id = ${who.orgId} and r.strategy_id = ${strategyId} and r.stage::text = any(${OPEN})
            group by r.owner_id, r.objective_id) r group by r.owner_id),
    open_total as (
      select r.owner_id, sum(r.amount) as amount from deal_rollup r join people p on p.user_id = r.owner_id
      where r.org_id = ${who.orgId} and r.stage::text = any(${OPEN}) group by r.owner_id),
    won as (
      select d.owner_id, sum(d.amount) as amount from deals d join people p on p.user_id = d.owner_id
      join strategies s on s.org_id = d.org_id and s.id = ${strategyId}
      where d.org_id = ${who.orgId} and d.stage_name = 'closed_won' and d.close_date between s.starts_on and s.ends_on
      group by d.owner_id)
    select p.user_id, g.goals, o.pipeline, t.amount, w.amount as won
    from people p left join goal_rows g on g.user_id = p.user_id left join per_objective o on o.owner_id = p.user_id
    left join open_total t on t.owner_id = p.user_id left join won w on w.owner_id = p.user_id`;
}

export const goalsMine =
  (strategyId: string): Floor =>
  (sql, who) =>
    alignmentOf(sql, who, sql`select ${who.userId}::uuid as user_id`, strategyId);

/** The reps of a team's subtree. */
const teamPeople = (sql: postgres.TransactionSql, who: Who, teamId: string) =>
  sql`with recursive sub(id) as (
        select t.id from teams t where t.org_id = ${who.orgId} and t.id = ${teamId}
        union select c.id from teams c join sub on c.parent_team_id = sub.id where c.org_id = ${who.orgId})
      select distinct tm.user_id from team_members tm join sub on sub.id = tm.team_id
      where tm.org_id = ${who.orgId} and not tm.is_manager`;

/**
 * Every rep's stored score figures (rep_alignment_scores, one row a rep: docs/performance.md "Stored rep scores"),
 * with their names for the ranking: what the team home needs of its people.
 */
const teamScores =
  (strategyId: string, teamId: string): Floor =>
  (sql, who) =>
    sql`select p.user_id, u.name, s.figures from (${teamPeople(sql, who, teamId)}) p
      join users u on u.id = p.user_id
      left join rep_alignment_scores s on s.org_id = ${who.orgId} and s.strategy_id = ${strategyId}
        and s.user_id = p.user_id`;

/**
 * A team's home (home.get of a manager, or an admin's whole organization): the ranking's data (teamScores' rows)
 * and what the home shows beside it — the open pipeline by stage and currency, the deals to disqualify, and for an
 * admin the setup counts and the last audit events.
 */
export const teamHome =
  (strategyId: string, teamId: string): Floor =>
  (sql, who) => {
    const setup =
      who.role === "admin"
        ? sql`(select json_agg(x) from (select m.role, count(*)::int as n from memberships m
              where m.org_id = ${who.orgId} and m.status = 'active' group by m.role) x) as by_role,
            (select count(distinct g.user_id)::int from goals g
              where g.org_id = ${who.orgId} and g.strategy_id = ${strategyId}) as reps_with_goals,
            (select count(*)::int from teams t where t.org_id = ${who.orgId}) as teams,
            (select count(*)::int from invitations i where i.org_id = ${who.orgId} and i.accepted_at is null
              and i.revoked_at is null and i.expires_at > now()) as pending_invitations,
            (select json_agg(x) from (select e.id, e.action, e.entity_type, e.at::text, u.name from audit_events e
              left join users u on u.id = e.actor_id where e.org_id = ${who.orgId}
              order by e.at desc, e.id limit 6) x) as audit`
        : sql`null::json as by_role`;
    // The people's rows as teamScores sends them, the lists once (on the first row only).
    return sql`select t.user_id, t.name, t.figures, case when t.first then to_json(l) end as lists
      from (select x.*, row_number() over () = 1 as first from (${teamScores(strategyId, teamId)(sql, who)}) x) t
      cross join (select
        (select json_agg(x) from (select r.stage, r.currency, sum(r.deals)::int as deals, sum(r.amount)::text as amount
          from deal_rollup r where r.org_id = ${who.orgId} and r.stage in ${sql(OPEN)} and ${visible(sql, who, "r")}
          group by r.stage, r.currency) x) as by_stage,
        (select json_agg(x) from (select a.deal_id, d.name, ac.name as account_name, u.name as owner_name, a.stage,
            d.close_date::text, a.amount::text, a.currency, a.score, a.flags
          from deal_alignment a join deals d on d.org_id = a.org_id and d.id = a.deal_id
          join accounts ac on ac.org_id = d.org_id and ac.id = d.account_id join users u on u.id = a.owner_id
          where a.org_id = ${who.orgId} and a.stage in ${sql(OPEN)} and ${visible(sql, who, "a")}
            and a.flags @> array['DISQUALIFY']::text[]
          order by a.score, a.deal_id limit 8) x) as attention,
        ${setup}) l`;
  };

/** The heat-map's page: every rep's stored figures and goals linked to no objective, the first `limit` by name in full. */
export const heatmapPage =
  (strategyId: string, teamId: string, limit: number): Floor =>
  (sql, who) =>
    sql`select (select json_agg(x) from (${teamScores(strategyId, teamId)(sql, who)}) x) as scores,
      (select json_agg(y) from (${alignmentOf(
        sql,
        who,
        sql`select p.user_id from (${teamPeople(sql, who, teamId)}) p join users u on u.id = p.user_id
          order by u.name, p.user_id limit ${limit}`,
        strategyId,
      )}) y) as page,
      (select json_agg(json_build_object('id', g.id, 'title', g.title, 'user_id', g.user_id)) from goals g
        where g.org_id = ${who.orgId} and g.strategy_id = ${strategyId}
          and g.user_id in (${teamPeople(sql, who, teamId)}) and not exists (
            select 1 from goal_objective_links l where l.org_id = g.org_id and l.goal_id = g.id and l.strength > 0)
      ) as orphans`;

export const oneDeal =
  (dealId: string): Floor =>
  (sql, who) =>
    sql`select d.*, a.name as account_name, x.score, x.flags,
          (select json_agg(s.*) from stakeholders s where s.org_id = d.org_id and s.deal_id = d.id) as stakeholders
        from deals d join accounts a on a.org_id = d.org_id and a.id = d.account_id
        join deal_alignment x on x.org_id = d.org_id and x.deal_id = d.id
        where d.org_id = ${who.orgId} and d.id = ${dealId}`;

/**
 * A deal's stage changed at its version: the UPDATE alone, its triggers keeping the stored score, matches and
 * rollups current in the same transaction (what "a deal write including score upkeep" costs at least).
 */
export const moveDeal =
  (dealId: string, version: number, stage: string): Floor =>
  (sql, who) =>
    sql`update deals set stage = ${stage}, version = version + 1, updated_at = now()
        where org_id = ${who.orgId} and id = ${dealId} and version = ${version} returning version`;

/** The owner picker's page: possible owners the caller sees whose name or email contains the text. */
export const owners =
  (search: string): Floor =>
  (sql, who) => {
    const pattern = `%${search}%`;
    const scope =
      who.role === "admin"
        ? sql`true`
        : who.role === "rep"
          ? sql`m.user_id = ${who.userId}`
          : sql`(m.user_id = ${who.userId} or m.user_id in (select tm.user_id from team_members tm
              where tm.org_id = ${who.orgId} and tm.team_id = any(${who.teamIds}::uuid[])))`;
    return sql`select u.id, u.name, u.email from memberships m join users u on u.id = m.user_id
      where m.org_id = ${who.orgId} and m.status = 'active' and m.role <> 'viewer' and ${scope}
        and (u.name ilike ${pattern} or u.email ilike ${pattern})
      order by u.name, u.id limit 26`;
  };

/** One review with its names and actions (reviews.get of a shared review: its snapshot is read back, never rebuilt). */
export const review =
  (reviewId: string): Floor =>
  (sql, who) =>
    sql`select r.*, su.name as subject_name, ru.name as reviewer_name,
          (select json_agg(json_build_object('id', ra.id, 'text', ra.text, 'ownerName', u.name, 'dueOn', ra.due_on,
              'done', ra.done, 'version', ra.version) order by ra.created_at, ra.id)
            from review_actions ra left join users u on u.id = ra.owner_id
            where ra.org_id = r.org_id and ra.review_id = r.id) as actions
        from reviews r join users su on su.id = r.subject_id join users ru on ru.id = r.reviewer_id
        where r.org_id = ${who.orgId} and r.id = ${reviewId}`;

/**
 * The rep's open deals as a review's snapshot lists them (disqualification candidates, then outside strategy, then
 * lowest score; at most 200) with the group counts.
 */
const openDealsOf =
  (subjectId: string): Floor =>
  (sql, who) => {
    const group = sql`case when 'DISQUALIFY' = any(x.flags) then 0 when 'OUTSIDE_STRATEGY' = any(x.flags) then 1 else 2 end`;
    return sql`select x.deal_id, d.name, a.name as account_name, x.stage, x.amount, x.currency, d.close_date, x.score,
          x.customer, x.company, x.rep, x.flags, count(*) over () as total,
          count(*) filter (where ${group} = 0) over () as disqualify,
          count(*) filter (where ${group} = 1) over () as outside_strategy
        from deal_alignment x join deals d on d.org_id = x.org_id and d.id = x.deal_id
        join accounts a on a.org_id = d.org_id and a.id = d.account_id
        where x.org_id = ${who.orgId} and x.owner_id = ${subjectId} and x.stage::text = any(${OPEN})
        order by ${group}, x.score, x.amount desc, x.deal_id limit 200`;
  };

/**
 * A draft's assembly (reviews.get of a draft: its snapshot built afresh): the review with its actions, the rep's
 * goals and pipeline, the open deals as the snapshot lists them, and the previous shared review with its open
 * actions. Until stop 29 the open deals alone, the build's heaviest statement.
 */
export const draftReview =
  (reviewId: string, subjectId: string, strategyId: string): Floor =>
  (sql, who) =>
    sql`select (select to_json(r) from (${review(reviewId)(sql, who)}) r) as review,
      (select json_agg(a) from (${alignmentOf(sql, who, sql`select ${subjectId}::uuid as user_id`, strategyId)}) a)
        as alignment,
      (select json_agg(d) from (${openDealsOf(subjectId)(sql, who)}) d) as deals,
      (select to_json(p) from (select r.id, r.shared_at, r.score,
          (select json_agg(json_build_object('id', ra.id, 'text', ra.text, 'ownerName', u.name, 'dueOn', ra.due_on))
            from review_actions ra left join users u on u.id = ra.owner_id
            where ra.org_id = r.org_id and ra.review_id = r.id and not ra.done) as open_actions
        from reviews r where r.org_id = ${who.orgId} and r.subject_id = ${subjectId} and r.id <> ${reviewId}
          and r.shared_at is not null order by r.shared_at desc, r.id desc limit 1) p) as previous`;

/** The team's review board: each rep of the teams with their last review, last shared review and open draft. */
export const reviewBoard =
  (teamIds: string[]): Floor =>
  (sql, who) =>
    sql`select p.user_id, p.name, last.id, last.status, shared.shared_at, shared.score, shared.reviewer_name, draft.id
        from (select distinct tm.user_id, u.name from team_members tm join users u on u.id = tm.user_id
              where tm.org_id = ${who.orgId} and tm.team_id = any(${teamIds}::uuid[]) and not tm.is_manager) p
        left join lateral (select r.id, r.status from reviews r where r.org_id = ${who.orgId} and r.subject_id = p.user_id
          order by r.created_at desc, r.id desc limit 1) last on true
        left join lateral (select r.shared_at, r.score, ru.name as reviewer_name from reviews r
          join users ru on ru.id = r.reviewer_id
          where r.org_id = ${who.orgId} and r.subject_id = p.user_id and r.shared_at is not null
          order by r.shared_at desc, r.id desc limit 1) shared on true
        left join lateral (select r.id from reviews r where r.org_id = ${who.orgId} and r.subject_id = p.user_id
          and r.status = 'draft' order by r.created_at desc, r.id desc limit 1) draft on true
        order by shared.shared_at nulls first, p.name, p.user_id`;

/** An account plan's parts: collaborators, problems with their deals, steps with their dependencies, the map, deals. */
export const plan =
  (planId: string): Floor =>
  (sql, who) =>
    sql`select ap.*,
        (select json_agg(json_build_object('userId', pc.user_id, 'name', u.name, 'access', pc.access))
          from plan_collaborators pc join users u on u.id = pc.user_id
          where pc.org_id = ap.org_id and pc.plan_id = ap.id) as collaborators,
        (select json_agg(json_build_object('problem', pp.*, 'dealIds', (select array_agg(ppd.deal_id)
            from plan_problem_deals ppd where ppd.org_id = pp.org_id and ppd.problem_id = pp.id)) order by pp.position)
          from plan_problems pp where pp.org_id = ap.org_id and pp.plan_id = ap.id) as problems,
        (select json_agg(json_build_object('step', ps.*, 'dependsOn', (select array_agg(psd.depends_on_id)
            from plan_step_dependencies psd where psd.org_id = ps.org_id and psd.step_id = ps.id)) order by ps.position)
          from plan_steps ps where ps.org_id = ap.org_id and ps.plan_id = ap.id) as steps,
        (select json_agg(json_build_object('contact', c.*, 'map', sh.*) order by c.name)
          from contacts c left join plan_stakeholders sh on sh.org_id = c.org_id and sh.plan_id = ap.id
            and sh.contact_id = c.id
          where c.org_id = ap.org_id and c.account_id = ap.account_id) as contacts,
        (select json_agg(json_build_object('id', d.id, 'name', d.name, 'stage', d.stage) order by d.name)
          from deals d where d.org_id = ap.org_id and d.account_id = ap.account_id and ${visible(sql, who, "d")}) as deals
      from account_plans ap where ap.org_id = ${who.orgId} and ap.id = ${planId}`;
