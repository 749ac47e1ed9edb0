/**
 * SQL for people's goals and rep ↔ strategy alignment (issue 3; strategies themselves: strategies.ts). Every aggregate is computed by
 * Postgres — pipeline per rep per objective, quota progress — in a fixed number of statements per call,
 * whatever the number of reps, goals or deals. The scoring itself is pure: server/domain/rep-alignment.ts.
 *
 * Raw SQL with explicit table aliases throughout (see docs/architecture.md, "Drizzle pitfall"); dates leave
 * the database as text (YYYY-MM-DD) and money as decimal strings.
 */
import { canSeeGoal, type GoalReader } from "@/server/authz/record-rules";
import { OPEN_STAGES, type GoalVisibility } from "@/server/domain/vocabulary";
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { uuidArray } from "@/server/db/uuid-array";
import { rollAlignmentClock } from "./alignment-clock";
import type { StrategyDetail } from "./strategies";
import type { Role } from "@/server/authz/permissions";
import { teamsWithDescendants, type TeamNode } from "@/server/authz/team-tree";
import {
  scoreRepAlignment,
  type AlignmentGoal,
  type AlignmentObjective,
  type AlignmentPipeline,
  type GoalCategory,
  type TeamPipeline,
} from "@/server/domain/rep-alignment";

// ---------------------------------------------------------------------------------------------------
// People's goals and pipeline

export interface GoalRow {
  id: string;
  userId: string;
  strategyId: string;
  category: GoalCategory;
  title: string;
  target: string | null;
  unit: string;
  /** Quota goals: the closed-won amount in the period, computed at read time; others: entered by hand. */
  currentValue: string;
  importance: number;
  visibility: GoalVisibility;
  version: number;
  links: { objectiveId: string; strength: number }[];
}

export interface PersonAlignmentRow {
  userId: string;
  name: string;
  teamNames: string[];
  /** The teams (within the selection) the person sits in. */
  teamIds: string[];
  goals: GoalRow[];
  /** Open pipeline per objective (objectiveId null: matches no objective), decimal strings. */
  pipeline: { objectiveId: string | null; amount: string }[];
  pipelineTotal: string;
  /** The currencies of the (non-zero) open deals summed in pipelineTotal, sorted; Tandem does not convert. */
  pipelineCurrencies: string[];
  /** The open pipeline of everyone in the result together (the same on every row). */
  groupPipelineTotal: string;
  /**
   * Everyone's open pipeline together per objective (objectiveId null: matches no objective), summed in SQL
   * from the per-deal splits and NOT rounded (a deal split k ways leaves more than two decimals), so that
   * the team's shares are exact; only ratios are taken of it. The same on every row.
   */
  groupPipeline: { objectiveId: string | null; amount: string }[];
}

export type PeopleSelector =
  | { kind: "user"; userId: string }
  /**
   * Active members with a (non-manager) seat in a team and its sub-teams (`teamIds`: the team's subtree, from the
   * caller's tree); viewers excluded.
   */
  | { kind: "team"; teamIds: readonly string[]; only?: readonly string[] }
  /** Active members who sit in a team with the user (the user excluded). */
  | { kind: "teammates"; userId: string }
  /**
   * Active members with a (non-manager) seat in any team of the organization; viewers excluded. `only` (here and
   * for a team): those of them among these users (a page of the team view).
   */
  | { kind: "organization"; only?: readonly string[] };

/** The `people` CTE (user_id, name, team_names, team_ids) of a selection, after `with`. */
export function peopleCte(orgId: string, who: PeopleSelector): SQL {
  if (who.kind === "user") {
    return sql`people as (
      select m.user_id, u.name, '[]'::json as team_names, '[]'::json as team_ids
      from memberships m join users u on u.id = m.user_id
      where m.org_id = ${orgId} and m.user_id = ${who.userId}
    )`;
  }
  if (who.kind === "teammates") {
    return sql`people as (
      select m.user_id, u.name, json_agg(distinct t.name order by t.name) as team_names, json_agg(distinct t.id) as team_ids
      from team_members mine
      join team_members other on other.org_id = mine.org_id and other.team_id = mine.team_id and other.user_id <> mine.user_id
      join teams t on t.org_id = other.org_id and t.id = other.team_id
      join memberships m on m.org_id = other.org_id and m.user_id = other.user_id
      join users u on u.id = m.user_id
      where mine.org_id = ${orgId} and mine.user_id = ${who.userId} and m.status = 'active'
      group by m.user_id, u.name
    )`;
  }
  return sql`people as (
      select m.user_id, u.name, json_agg(distinct t.name order by t.name) as team_names, json_agg(distinct t.id) as team_ids
      from team_members tm
      join teams t on t.org_id = tm.org_id and t.id = tm.team_id
      join memberships m on m.org_id = tm.org_id and m.user_id = tm.user_id
      join users u on u.id = m.user_id
      where ${teamSeats(orgId, who)}
      group by m.user_id, u.name
    )`;
}

/**
 * Who a team or the organization selects, as a condition on `tm` (team_members) joined to `m` (memberships): active
 * non-viewer members with a non-manager seat in one of its teams (and among `only`). A team's teams are one uuid[]
 * — the planner then expects the subtree's few seats and reads them by index (a recursive CTE of the subtree made
 * it scan and hash every seat, membership, input and stored row of the organization for a 50-rep region: 34 ms
 * against 3 at 5,000 reps).
 */
export function teamSeats(orgId: string, who: Extract<PeopleSelector, { kind: "team" | "organization" }>): SQL {
  const inTeams = who.kind === "organization" ? sql`` : sql` and tm.team_id = any(${uuidArray(who.teamIds)})`;
  const only = who.only === undefined ? sql`` : sql` and m.user_id = any(${uuidArray(who.only)})`;
  return sql`tm.org_id = ${orgId} and not tm.is_manager and m.status = 'active' and m.role <> 'viewer'${inTeams}${only}`;
}

/**
 * Goals (with links and quota progress) and open pipeline per objective of each selected person, in ONE
 * statement. Pipeline: the person's open deals (any close date) as stored in the rollups (docs/performance.md
 * "Which query should read what"): per objective of this strategy, Σ amount / k over the deals matching k of its
 * objectives (deal_objective_rollup.share); on no objective, the open total (deal_rollup) minus the amount of the
 * deals serving at least one objective (Σ lead_amount). The same statement sums the group's pipeline per
 * objective (the team's pipeline mix). Quota progress: the person's closed-won deals with a close date in the
 * strategy period, in the goal's currency (unit). Reads only the selected people's rows, by index.
 */
export async function loadPeopleAlignment(
  db: Database,
  orgId: string,
  strategy: { id: string; startsOn: string; endsOn: string },
  who: PeopleSelector,
): Promise<PersonAlignmentRow[]> {
  await rollAlignmentClock(db);
  return selectRows<PersonAlignmentRow>(
    db,
    sql`with ${peopleCte(orgId, who)},
    won as (
      select d.owner_id, d.currency, sum(d.amount) as amount
      from deals d join people p on p.user_id = d.owner_id
      -- close_key (the close date, or 9999-12-31 without one) bounds the owner's index scan; close_date keeps it exact.
      where d.org_id = ${orgId} and d.stage_name = 'closed_won'
        and d.close_key between ${strategy.startsOn}::date and ${strategy.endsOn}::date
        and d.close_date between ${strategy.startsOn}::date and ${strategy.endsOn}::date
      group by d.owner_id, d.currency
    ),
    goal_rows as (
      select g.user_id, json_agg(json_build_object(
        'id', g.id, 'userId', g.user_id, 'strategyId', g.strategy_id, 'category', g.category, 'title', g.title,
        'target', g.target::text, 'unit', g.unit,
        'currentValue', case when g.category = 'quota' then round(coalesce(w.amount, 0), 2)::text else g.current_value::text end,
        'importance', g.importance, 'visibility', g.visibility, 'version', g.version,
        'links', coalesce((
          select json_agg(json_build_object('objectiveId', l.objective_id, 'strength', l.strength) order by l.strength desc, l.objective_id)
          from goal_objective_links l where l.org_id = g.org_id and l.goal_id = g.id), '[]'::json)
      ) order by g.importance desc, g.created_at, g.id) as goals
      from goals g
      join people p on p.user_id = g.user_id
      left join won w on g.category = 'quota' and w.owner_id = g.user_id and w.currency = upper(g.unit)
      where g.org_id = ${orgId} and g.strategy_id = ${strategy.id}
      group by g.user_id
    ),
    ${pipelineCtes(orgId, strategy.id)}
    select p.user_id as "userId", p.name, p.team_names as "teamNames", p.team_ids as "teamIds",
      coalesce(gr.goals, '[]'::json) as goals,
      coalesce(pl.buckets, '[]'::json) as pipeline,
      round(coalesce(tt.amount, 0), 2)::text as "pipelineTotal",
      coalesce(tt.currencies, '[]'::json) as "pipelineCurrencies",
      round(coalesce(sum(tt.amount) over (), 0), 2)::text as "groupPipelineTotal",
      coalesce(gp.buckets, '[]'::json) as "groupPipeline"
    from people p
    left join goal_rows gr on gr.user_id = p.user_id
    left join pipeline pl on pl.owner_id = p.user_id
    left join totals tt on tt.owner_id = p.user_id
    cross join group_pipeline gp
    order by p.name, p.user_id`,
  );
}

/**
 * The open pipeline of the `people` CTE's members as stored in the rollups: `pipeline` (per owner, json buckets per
 * objective of the strategy, null: on no objective, rounded to cents; `exact`: the same, not rounded), `totals` (per owner: amount, deals,
 * currencies) and `group_pipeline` (everyone's buckets together, not rounded). A deal matching k objectives
 * counts amount / k on each (deal_objective_rollup.share); on no objective: the open total (deal_rollup) minus
 * the amount of the deals serving at least one objective (Σ lead_amount). Shared by every reader of people's
 * alignment, so that they all see the same figures.
 */
export function pipelineCtes(orgId: string, strategyId: string): SQL {
  const openStages = sql.join(
    OPEN_STAGES.map((stage) => sql`${stage}`),
    sql`, `,
  );
  return sql`open_rollup as (
      select r.owner_id, r.currency, sum(r.deals) as deals, sum(r.amount) as amount
      from deal_rollup r join people p on p.user_id = r.owner_id
      where r.org_id = ${orgId} and r.stage in (${openStages})
      group by r.owner_id, r.currency
    ),
    matched as (
      select r.owner_id, r.objective_id, sum(r.share) as share, sum(r.lead_deals) as lead_deals, sum(r.lead_amount) as lead_amount
      from deal_objective_rollup r join people p on p.user_id = r.owner_id
      where r.org_id = ${orgId} and r.strategy_id = ${strategyId} and r.stage in (${openStages})
      group by r.owner_id, r.objective_id
    ),
    totals as (
      select o.owner_id, sum(o.amount) as amount, sum(o.deals) as deals,
        json_agg(o.currency order by o.currency) filter (where o.amount <> 0) as currencies
      from open_rollup o group by o.owner_id
    ),
    buckets as (
      select mt.owner_id, mt.objective_id, mt.share as amount from matched mt
      union all
      select tt.owner_id, null, tt.amount - coalesce(ld.amount, 0)
      from totals tt
      left join (select mt.owner_id, sum(mt.lead_deals) as deals, sum(mt.lead_amount) as amount from matched mt group by mt.owner_id) ld
        on ld.owner_id = tt.owner_id
      where tt.deals > coalesce(ld.deals, 0)
    ),
    pipeline as (
      select b.owner_id, json_agg(json_build_object('objectiveId', b.objective_id, 'amount', round(b.amount, 2)::text) order by b.objective_id) as buckets,
        json_agg(json_build_object('objectiveId', b.objective_id, 'amount', b.amount::text) order by b.objective_id) as exact
      from buckets b group by b.owner_id
    ),
    group_pipeline as (
      select json_agg(json_build_object('objectiveId', gb.objective_id, 'amount', gb.amount::text) order by gb.objective_id) as buckets
      from (select b.objective_id, sum(b.amount) as amount from buckets b group by b.objective_id) gb
    )`;
}

// ---------------------------------------------------------------------------------------------------
// Into the pure scorer

export function scoringObjectives(strategy: StrategyDetail): AlignmentObjective[] {
  return strategy.objectives.map((o) => ({ id: o.id, title: o.title, weight: o.weight }));
}

/** Goals for the scorer; `readable` says which goals the reader may read (see canSeeGoal). */
function scoringGoals(goals: readonly GoalRow[], readable: (goal: GoalRow) => boolean): AlignmentGoal[] {
  return goals.map((g) => ({
    id: g.id,
    title: g.title,
    category: g.category,
    private: g.visibility === "private",
    readable: readable(g),
    links: g.links,
  }));
}

export function scoringPipeline(rows: PersonAlignmentRow["pipeline"]): AlignmentPipeline {
  const byObjective: Record<string, string> = {};
  let unaligned = "0";
  for (const row of rows) {
    if (row.objectiveId === null) unaligned = row.amount;
    else byObjective[row.objectiveId] = row.amount;
  }
  return { byObjective, unaligned };
}

/** The group's summed pipeline (loadPeopleAlignment's groupPipeline and groupPipelineTotal) for pipelineMix. */
export function scoringTeamPipeline(
  row: Pick<PersonAlignmentRow, "groupPipeline" | "groupPipelineTotal"> | undefined,
): TeamPipeline {
  return { ...scoringPipeline(row?.groupPipeline ?? []), total: row?.groupPipelineTotal ?? "0" };
}

/**
 * One person's score as someone reads it, with the money behind each share (decimal strings, as computed by
 * SQL). Goals the reader may not read (`readable`) count in the score but are never named in its reasons or
 * suggestions (the owner reads all of their own: pass `() => true`).
 */
export function alignmentFor(
  strategy: StrategyDetail,
  person: Pick<PersonAlignmentRow, "goals" | "pipeline" | "pipelineTotal" | "pipelineCurrencies">,
  audience: "owner" | "others",
  readable: (goal: GoalRow) => boolean,
) {
  const result = scoreRepAlignment({
    objectives: scoringObjectives(strategy),
    goals: scoringGoals(person.goals, readable),
    pipeline: scoringPipeline(person.pipeline),
    audience,
  });
  const amount = (objectiveId: string | null) =>
    person.pipeline.find((p) => p.objectiveId === objectiveId)?.amount ?? "0.00";
  return {
    ...result,
    objectives: result.objectives.map((o) => ({ ...o, pipelineAmount: amount(o.objectiveId) })),
    unalignedAmount: amount(null),
    pipelineTotal: person.pipelineTotal,
    pipelineCurrencies: person.pipelineCurrencies,
  };
}

// ---------------------------------------------------------------------------------------------------
// Who reads a goal (docs/alignment.md "Who sees a goal")

/** The reader, from the organization's team tree and the reader's own seats (no query). */
export function goalReaderFrom(
  reader: { userId: string; role: Role },
  tree: readonly TeamNode[],
  seats: readonly { teamId: string; isManager: boolean }[],
): GoalReader {
  if (reader.role === "admin") return { userId: reader.userId, managed: "all" };
  if (reader.role !== "manager") return { userId: reader.userId, managed: new Set() };
  return {
    userId: reader.userId,
    managed: teamsWithDescendants(
      tree,
      seats.filter((seat) => seat.isManager).map((seat) => seat.teamId),
    ),
  };
}

/** Whether the reader may read each of one person's goals. */
export type GoalReadability = (goal: { visibility: GoalVisibility }) => boolean;

/** Which of one person's goals the reader may read, from the team tree and seats already loaded (no query). */
export function goalReadability(
  reader: { userId: string; role: Role },
  ownerId: string,
  teams: { tree: readonly TeamNode[]; readerSeats: readonly { teamId: string; isManager: boolean }[] },
  ownerTeamIds: readonly string[],
): GoalReadability {
  if (reader.userId === ownerId) return () => true;
  const goalReader = goalReaderFrom(reader, teams.tree, teams.readerSeats);
  return (goal) => canSeeGoal({ userId: ownerId, visibility: goal.visibility }, ownerTeamIds, goalReader);
}

/**
 * Which of one person's goals the reader may read — e.g. the deal owner's goals on a deal page. The same rule
 * as the team view (canSeeGoal); costs one statement for a manager reading someone else's goals, none
 * otherwise.
 */
export async function goalReadabilityFor(
  db: Database,
  orgId: string,
  reader: { userId: string; role: Role },
  ownerId: string,
): Promise<GoalReadability> {
  if (reader.userId === ownerId || reader.role !== "manager")
    return goalReadability(reader, ownerId, { tree: [], readerSeats: [] }, []);
  const [row] = await selectRows<{
    tree: TeamNode[];
    seats: { teamId: string; isManager: boolean }[];
    ownerTeamIds: string[];
  }>(
    db,
    sql`select
          coalesce((select json_agg(json_build_object('id', t.id, 'parentTeamId', t.parent_team_id)) from teams t where t.org_id = ${orgId}), '[]'::json) as tree,
          coalesce((select json_agg(json_build_object('teamId', tm.team_id, 'isManager', tm.is_manager)) from team_members tm
                    where tm.org_id = ${orgId} and tm.user_id = ${reader.userId}), '[]'::json) as seats,
          coalesce((select json_agg(tm.team_id) from team_members tm
                    where tm.org_id = ${orgId} and tm.user_id = ${ownerId} and not tm.is_manager), '[]'::json) as "ownerTeamIds"`,
  );
  return goalReadability(
    reader,
    ownerId,
    { tree: row?.tree ?? [], readerSeats: row?.seats ?? [] },
    row?.ownerTeamIds ?? [],
  );
}
