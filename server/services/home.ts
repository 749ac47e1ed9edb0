/**
 * The home each role opens (issue 13): every figure in a fixed number of statements whatever the team's size, in two
 * round trips — (1) the context (team tree, the caller's seats, the strategies the current one is picked from with
 * their objectives, the review cadence, for admins the setup counts, and whether figures are being recomputed) with
 * the clock's roll beside it; (2) the rep's goals and pipeline (loadPeopleAlignment) or, for the team view, the
 * people who can be shown (loadHomeTeam: the ends of the ranking and the most urgent reviews from the stored scores,
 * those out of date recomputed; the counts and the group's pipeline summed in SQL), with the lists beside it:
 * pipeline by stage, deals needing attention, open actions, overdue plan steps, score history, recent audit events.
 * Reads stored figures only (deal_rollup, deal_alignment, the deal_objective_rollup via loadPeopleAlignment),
 * never the live views. docs/home.md.
 */
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { planStatementsAs, type PlanMode } from "@/server/db/tenant";
import { uuidArray } from "@/server/db/uuid-array";
import { together } from "@/server/db/together";
import type { Role } from "@/server/authz/permissions";
import { flattenTree, scopeFromTree, teamsWithDescendants, type TeamNode } from "@/server/authz/team-tree";
import { OPEN_STAGES } from "@/server/domain/vocabulary";
import { currentStrategyId, todayUtc } from "@/server/domain/strategy-rules";
import { HOME_REVIEWS_DUE_ROWS, HOME_TEAM_ROWS, homeEnds } from "@/server/domain/home";
import { rollAlignmentClock } from "./alignment-clock";
import { organizationRecomputingSql } from "./alignment-queue";
import { loadPeopleAlignment, type PeopleSelector, type PersonAlignmentRow } from "./people-alignment";
import { loadHomeTeam, type HomeTeam } from "./home-team";
import { strategyDetailJson, type StrategyDetail } from "./strategies";
import { atOrUnderSeats } from "./scope";

export interface HomeActor {
  orgId: string;
  userId: string;
  role: Role;
}

interface NamedTeam extends TeamNode {
  name: string;
}

export interface SetupCounts {
  activeMembers: number;
  byRole: Partial<Record<Role, number>>;
  teams: number;
  pendingInvitations: number;
  reps: number;
  repsWithGoals: number;
}

interface HomeContextRow {
  /** An admin's: the organization's teams; anyone else's: the teams at or under their seats (atOrUnderSeats). */
  tree: NamedTeam[];
  seats: { teamId: string; isManager: boolean }[];
  /** The strategies the current one is picked from (currentStrategyId): the active ones and the last archived. */
  strategies: StrategyDetail[];
  overdueDays: number;
  setup: SetupCounts | null;
  recomputing: boolean;
}

async function loadContext(db: Database, actor: HomeActor): Promise<HomeContextRow> {
  const { orgId, userId } = actor;
  // The counts from one scan of the memberships (by role), the reps with goals by a semi-join instead of a
  // count(distinct) over every goal: a third of the context statement at 5,000 reps.
  const setup =
    actor.role === "admin"
      ? sql`(select json_build_object(
          'activeMembers', coalesce(sum(x.n), 0)::int,
          'byRole', coalesce(json_object_agg(x.role, x.n), '{}'::json),
          'teams', (select count(*)::int from teams t where t.org_id = ${orgId}),
          'pendingInvitations', (select count(*)::int from invitations i where i.org_id = ${orgId}
              and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()),
          'reps', coalesce(sum(x.n) filter (where x.role = 'rep'), 0)::int,
          'repsWithGoals', coalesce(sum(x.with_goals) filter (where x.role = 'rep'), 0)::int)
        from (select m.role, count(*)::int as n, count(*) filter (where m.user_id in (
              select g.user_id from goals g join strategies s on s.org_id = g.org_id and s.id = g.strategy_id
              where g.org_id = ${orgId} and s.status = 'active' and current_date between s.starts_on and s.ends_on))::int
              as with_goals
            from memberships m where m.org_id = ${orgId} and m.status = 'active' group by m.role) x)`
      : sql`null::json`;
  // An admin's picker lists every team; anyone else's scope is made of the teams at or under their seats.
  const treeFilter = actor.role === "admin" ? sql`` : sql` and ${atOrUnderSeats(orgId, userId, sql`t.id`)}`;
  const [row] = await selectRows<HomeContextRow>(
    db,
    sql`select
      coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'parentTeamId', t.parent_team_id) order by t.name, t.id)
        from teams t where t.org_id = ${orgId}${treeFilter}), '[]'::json) as tree,
      coalesce((select json_agg(json_build_object('teamId', tm.team_id, 'isManager', tm.is_manager))
        from team_members tm where tm.org_id = ${orgId} and tm.user_id = ${userId}), '[]'::json) as seats,
      coalesce((select json_agg(${strategyDetailJson}) from strategies s where s.org_id = ${orgId}
          and (s.status = 'active' or s.status = 'archived' and s.ends_on = (select max(x.ends_on) from strategies x
            where x.org_id = ${orgId} and x.status = 'archived'))), '[]'::json) as strategies,
      coalesce((select o.review_overdue_days from organizations o where o.id = ${orgId}), 90) as "overdueDays",
      ${setup} as setup,
      ${organizationRecomputingSql(orgId)} as recomputing`,
  );
  return row!;
}

export interface AttentionDeal {
  dealId: string;
  name: string;
  accountName: string;
  ownerName: string;
  stage: string;
  closeDate: string | null;
  amount: string;
  currency: string;
  score: number;
  flags: string[];
  closePassed: boolean;
}

export interface HomeLists {
  byStage: { stage: string; currency: string; deals: number; amount: string }[];
  openPipeline: { currency: string; deals: number; amount: string }[];
  attention: AttentionDeal[];
  /** The caller's own review actions, plan steps, score history and last review: a rep's home (empty on a team's). */
  reviewActions: { id: string; reviewId: string; text: string; dueOn: string | null }[];
  planSteps: { id: string; planId: string; planTitle: string; title: string; side: string; dueOn: string | null }[];
  scoreHistory: { reviewId: string; sharedAt: string; score: number }[];
  lastReview: { id: string; status: string; sharedAt: string | null } | null;
  audit: { id: string; action: string; entityType: string; at: string; actorName: string | null }[];
}

/** Which deals the lists read: the rep's own, a team subtree's (and the caller's own), or the organization's. */
type DealScope = { kind: "own" } | { kind: "teams"; teamIds: string[] } | { kind: "organization" };

function dealFilter(alias: string, scope: DealScope, userId: string): SQL {
  const a = sql.raw(alias);
  if (scope.kind === "own") return sql`${a}.owner_id = ${userId}`;
  if (scope.kind === "organization") return sql`true`;
  if (scope.teamIds.length === 0) return sql`${a}.owner_id = ${userId}`;
  // One uuid[] parameter: an `in` list of a large subtree's ids (500 teams) made the statement slow to plan.
  return sql`(${a}.team_id = any(${uuidArray(scope.teamIds)}) or ${a}.owner_id = ${userId})`;
}

async function loadLists(db: Database, actor: HomeActor, scope: DealScope, teamView: boolean): Promise<HomeLists> {
  const { orgId, userId } = actor;
  const open = sql.join(
    OPEN_STAGES.map((stage) => sql`${stage}`),
    sql`, `,
  );
  // A rep's deals need attention for any warning; a team's list is the deals to disqualify.
  const attentionFlags = teamView
    ? sql`a.flags @> array['DISQUALIFY']::text[]`
    : sql`(a.flags && array['DISQUALIFY', 'WINS_UNKNOWN', 'NO_ECONOMIC_BUYER']::text[] or d.close_date < current_date)`;
  // The team's list holds DISQUALIFY deals only, so they need no sort key of their own: ordered by score alone, the
  // organization's list is an ordered scan of deal_alignment (org_id, score, deal_id) stopped after 8 rows instead
  // of a sort of every open deal (1 s at 200,000 deals on a loaded machine; 22 ms).
  const attentionOrder = teamView
    ? sql`a.score, a.deal_id`
    : sql`a.flags @> array['DISQUALIFY']::text[] desc, a.score, a.deal_id`;
  // The caller's own lists (a rep's home): a team's home reads none of them (its reviews come with its people).
  const ownLists = teamView
    ? sql`'[]'::json as "reviewActions", '[]'::json as "planSteps", '[]'::json as "scoreHistory",
      null::json as "lastReview"`
    : sql`coalesce((select json_agg(x) from (
        select ra.id, ra.review_id as "reviewId", ra.text, ra.due_on::text as "dueOn"
        from review_actions ra join reviews r on r.org_id = ra.org_id and r.id = ra.review_id
        where ra.org_id = ${orgId} and ra.owner_id = ${userId} and not ra.done and r.status in ('shared', 'acknowledged')
        order by ra.due_on nulls last, ra.created_at, ra.id limit 10) x), '[]'::json) as "reviewActions",
      coalesce((select json_agg(x) from (
        select st.id, st.plan_id as "planId", p.title as "planTitle", st.title, st.side, st.due_on::text as "dueOn"
        from plan_collaborators pc
        join account_plans p on p.org_id = pc.org_id and p.id = pc.plan_id and p.archived_at is null
        join plan_steps st on st.org_id = p.org_id and st.plan_id = p.id
        where pc.org_id = ${orgId} and pc.user_id = ${userId} and st.status = 'open'
          and (st.side = 'us' or st.due_on < current_date)
        order by st.due_on nulls last, st.position, st.id limit 10) x), '[]'::json) as "planSteps",
      coalesce((select json_agg(x order by x."sharedAt") from (
        select r.id as "reviewId", r.shared_at::text as "sharedAt", r.score from reviews r
        where r.org_id = ${orgId} and r.subject_id = ${userId} and r.shared_at is not null and r.score is not null
        order by r.shared_at desc limit 8) x), '[]'::json) as "scoreHistory",
      (select json_build_object('id', r.id, 'status', r.status, 'sharedAt', r.shared_at::text) from reviews r
        where r.org_id = ${orgId} and r.subject_id = ${userId} and r.status <> 'draft'
        order by r.shared_at desc nulls last, r.id limit 1) as "lastReview"`;
  const [row] = await selectRows<HomeLists>(
    db,
    sql`select
      coalesce((select json_agg(x order by x.stage, x.currency) from (
          select r.stage, r.currency, sum(r.deals)::int as deals, sum(r.amount)::text as amount
          from deal_rollup r where r.org_id = ${orgId} and r.stage in (${open}) and ${dealFilter("r", scope, userId)}
          group by r.stage, r.currency having sum(r.deals) > 0) x), '[]'::json) as "byStage",
      coalesce((select json_agg(x order by x.currency) from (
          select r.currency, sum(r.deals)::int as deals, sum(r.amount)::text as amount
          from deal_rollup r where r.org_id = ${orgId} and r.stage in (${open}) and ${dealFilter("r", scope, userId)}
          group by r.currency having sum(r.deals) > 0) x), '[]'::json) as "openPipeline",
      coalesce((select json_agg(x) from (
          select a.deal_id as "dealId", d.name, ac.name as "accountName", u.name as "ownerName", a.stage,
            d.close_date::text as "closeDate", a.amount::text as amount, a.currency, a.score, a.flags,
            coalesce(d.close_date < current_date, false) as "closePassed"
          from deal_alignment a
          join deals d on d.org_id = a.org_id and d.id = a.deal_id
          join accounts ac on ac.org_id = d.org_id and ac.id = d.account_id
          join users u on u.id = a.owner_id
          where a.org_id = ${orgId} and a.stage in (${open}) and ${dealFilter("a", scope, userId)} and ${attentionFlags}
          order by ${attentionOrder}
          limit 8) x), '[]'::json) as attention,
      ${ownLists},
      ${
        actor.role === "admin"
          ? sql`coalesce((select json_agg(x) from (
          select e.id, e.action, e.entity_type as "entityType", e.at::text as at, u.name as "actorName"
          from audit_events e left join users u on u.id = e.actor_id
          where e.org_id = ${orgId} order by e.at desc, e.id limit 6) x), '[]'::json)`
          : sql`'[]'::json`
      } as audit`,
  );
  return row!;
}

export interface HomeData {
  role: Role;
  today: string;
  overdueDays: number;
  strategy: StrategyDetail | null;
  /** The team view's teams (managers: their subtree; admins and viewers: their scope) and the one shown. */
  teams: { id: string; name: string; depth: number }[];
  team: { id: string; name: string } | null;
  /** The rep's own goals and pipeline (reps; empty for the team view). */
  people: PersonAlignmentRow[];
  /**
   * The people who can be among the HOME_TEAM_ROWS shown (the most and the least aligned) or the most urgent
   * reviews, the counts and the group's pipeline (the team view; null for reps).
   */
  ranking: HomeTeam | null;
  lists: HomeLists;
  setup: SetupCounts | null;
  /** Deals of the organization wait to be recomputed after a strategy change (alignment-queue.ts). */
  recomputing: boolean;
}

/**
 * A home reads a few hundred rows for one person or a manager's team, and planning its two statements for their
 * parameters cost 3–5 ms a home at 1,000,000 deals, a third of their time; they are planned once per connection (a
 * generic plan) unless the scope is large: the whole organization, or a subtree of more than GENERIC_PLAN_MAX_TEAMS
 * teams, whose statements read thousands of people and are planned for them. docs/performance.md "Generic plans for
 * small homes".
 */
export const GENERIC_PLAN_MAX_TEAMS = 20;

function homePlanMode(scope: DealScope): PlanMode {
  if (scope.kind === "organization") return "custom";
  return scope.kind === "teams" && scope.teamIds.length > GENERIC_PLAN_MAX_TEAMS ? "custom" : "generic";
}

/**
 * Everything the caller's home shows. Reps see their own figures; managers, admins and viewers the team view of
 * `teamId` (default: the whole organization for admins, the first team in their scope for others). A team outside
 * the caller's scope answers null (the caller turns it into NOT_FOUND).
 */
export async function loadHome(db: Database, actor: HomeActor, teamId: string | undefined): Promise<HomeData | null> {
  // The clock first, with the context: the lists below read stored figures as of today.
  const [context] = await together([loadContext(db, actor), rollAlignmentClock(db)]);
  const today = todayUtc();
  const currentId = currentStrategyId(context.strategies, today);
  const strategy = context.strategies.find((s) => s.id === currentId) ?? null;
  const teamView = actor.role !== "rep";
  let teams: HomeData["teams"] = [];
  let team: NamedTeam | null = null;
  let scope: DealScope = { kind: "own" };
  if (teamView) {
    const visible = scopeFromTree(actor.role, context.tree, context.seats);
    const inScope = (id: string) => visible.kind === "all" || visible.teamIds.includes(id);
    const ordered = flattenTree(context.tree.filter((t) => inScope(t.id)));
    teams = ordered.map(({ team: t, depth }) => ({ id: t.id, name: (t as NamedTeam).name, depth }));
    if (teamId !== undefined && !teams.some((t) => t.id === teamId)) return null;
    // Without a team chosen, an admin sees the whole organization (heat-map, ranking and lists); others their
    // first team. A team narrows everything to its subtree.
    const wholeOrganization = actor.role === "admin" && teamId === undefined;
    team = wholeOrganization ? null : (context.tree.find((t) => t.id === (teamId ?? teams[0]?.id)) ?? null);
    scope = wholeOrganization
      ? { kind: "organization" }
      : { kind: "teams", teamIds: team ? [...teamsWithDescendants(context.tree, [team.id])] : [] };
  }
  const who: PeopleSelector | null = !teamView
    ? { kind: "user", userId: actor.userId }
    : scope.kind === "organization"
      ? { kind: "organization" }
      : team && scope.kind === "teams"
        ? { kind: "team", teamIds: scope.teamIds }
        : null;
  // The figures and the lists are independent: sent together, the lists run while the figures are read here.
  const [, people, ranking, lists] = await together([
    planStatementsAs(db, homePlanMode(scope)),
    strategy && who && !teamView ? loadPeopleAlignment(db, actor.orgId, strategy, who) : [],
    strategy && (who?.kind === "team" || who?.kind === "organization")
      ? loadHomeTeam(db, actor.orgId, strategy, who, homeEnds(HOME_TEAM_ROWS), {
          rows: HOME_REVIEWS_DUE_ROWS,
          today,
          overdueDays: context.overdueDays,
        })
      : null,
    loadLists(db, actor, scope, teamView),
  ]);
  return {
    role: actor.role,
    today,
    overdueDays: context.overdueDays,
    strategy,
    teams,
    team: team ? { id: team.id, name: team.name } : null,
    people,
    ranking,
    lists,
    setup: context.setup,
    recomputing: context.recomputing,
  };
}
