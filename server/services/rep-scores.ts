/**
 * People's alignment scores without their goals (issue 9): what the team views' heat-map and ranking show — each
 * person's score, components and, per objective, the strongest goal link and the share of open pipeline — for a
 * team or the whole organization, in ONE statement that returns a few numbers per person. The goals are reduced
 * in SQL to what the score depends on (the strongest link per objective of the strategy, how many goals, how
 * many linked to an objective); no goal text, no quota progress (closed-won deals are not read), no reasons or
 * suggestions. The numbers are those of the scorer (figuresOf in server/domain/rep-alignment-numbers.ts, the
 * same functions scoreRepAlignment uses), so every score equals what alignmentFor gives for the same person
 * (tests/integration/home.test.ts and alignment.test.ts compare them).
 */
import { sql, type SQL } from "drizzle-orm";
import type { GoalVisibility } from "@/server/domain/vocabulary";
import { selectRows, type Database } from "@/db/client";
import type { AlignmentObjective, ComponentKey, ComponentScore } from "@/server/domain/rep-alignment";
import { clean, componentsOf, figuresOf, strengthsOf, totalOf } from "@/server/domain/rep-alignment-numbers";
import { rollAlignmentClock } from "./alignment-clock";
import {
  peopleCte,
  pipelineCtes,
  scoringPipeline,
  type PeopleSelector,
  type PersonAlignmentRow,
} from "./people-alignment";

export interface RepScoreRow extends Pick<
  PersonAlignmentRow,
  "userId" | "name" | "teamIds" | "pipeline" | "pipelineCurrencies" | "groupPipeline" | "groupPipelineTotal"
> {
  /** Goals in the strategy, and those linked (strength > 0) to one of its objectives. */
  goalCount: number;
  linkedGoals: number;
  /** The strongest link of the person's goals to each objective of the strategy they link to. */
  links: { objectiveId: string; strength: number }[];
  /** The goals linked to no objective, in the order of the person's goals (with `orphans`; else empty). */
  orphans: { id: string; title: string; category: string; visibility: GoalVisibility }[];
}

/** What a stored rep score keeps of a RepScoreRow: rep_alignment_scores.figures, and the pipeline not rounded in columns. */
export interface RepFigures extends Pick<
  RepScoreRow,
  "goalCount" | "linkedGoals" | "links" | "pipeline" | "pipelineCurrencies"
> {
  /** The pipeline buckets not rounded (the team's sums are exact), and the open total not rounded. */
  exactPipeline: { objectiveId: string | null; amount: string }[];
  pipelineAmount: string;
}

/** A row as computed from the rollups, with the input versions it was computed from (rep_alignment_inputs). */
export interface LiveRepScoreRow extends RepScoreRow, Omit<RepFigures, keyof RepScoreRow> {
  userVersion: string;
  orgVersion: string;
}

/** The nil uuid: rep_alignment_inputs' row for the organization's own inputs (objectives, strategies). */
export const ORG_INPUTS = "00000000-0000-0000-0000-000000000000";

export interface RepScore {
  userId: string;
  name: string;
  score: number;
  components: Record<ComponentKey, ComponentScore>;
  objectives: { objectiveId: string; strength: number; pipelineShare: number }[];
}

/**
 * Each selected person's goal figures and open pipeline (the same buckets as loadPeopleAlignment, from the same
 * rollups), ordered by name. Rolls the alignment clock first, like loadPeopleAlignment. With `orphans`, also
 * each person's goals linked to no objective (the team view lists them).
 */
export async function loadRepScoreRows(
  db: Database,
  orgId: string,
  strategy: { id: string; objectives: readonly { id: string }[] },
  who: PeopleSelector,
  options: { orphans?: boolean } = {},
): Promise<LiveRepScoreRow[]> {
  const known = knownObjectives(orgId, strategy.id);
  await rollAlignmentClock(db);
  return selectRows<LiveRepScoreRow>(
    db,
    sql`with ${peopleCte(orgId, who)},
    goal_links as (
      select g.user_id, g.id as goal_id, l.objective_id, l.strength
      from goals g
      join people p on p.user_id = g.user_id
      left join goal_objective_links l on l.org_id = g.org_id and l.goal_id = g.id and l.objective_id = any(${known})
      where g.org_id = ${orgId} and g.strategy_id = ${strategy.id}
    ),
    goal_counts as (
      select x.user_id, count(*)::int as goals, count(*) filter (where x.linked)::int as linked
      from (select gl.user_id, gl.goal_id, coalesce(bool_or(gl.strength > 0), false) as linked
            from goal_links gl group by gl.user_id, gl.goal_id) x
      group by x.user_id
    ),
    ${orphansCte(orgId, strategy, options.orphans ?? false)},
    strongest as (
      select x.user_id, json_agg(json_build_object('objectiveId', x.objective_id, 'strength', x.strength)) as links
      from (select gl.user_id, gl.objective_id, max(gl.strength) as strength
            from goal_links gl where gl.objective_id is not null group by gl.user_id, gl.objective_id) x
      group by x.user_id
    ),
    ${pipelineCtes(orgId, strategy.id)}
    select p.user_id as "userId", p.name, p.team_ids as "teamIds",
      coalesce(gc.goals, 0) as "goalCount", coalesce(gc.linked, 0) as "linkedGoals",
      coalesce(st.links, '[]'::json) as links,
      coalesce(og.goals, '[]'::json) as orphans,
      coalesce(pl.buckets, '[]'::json) as pipeline,
      coalesce(pl.exact, '[]'::json) as "exactPipeline",
      coalesce(tt.amount, 0)::text as "pipelineAmount",
      coalesce(tt.currencies, '[]'::json) as "pipelineCurrencies",
      round(coalesce(sum(tt.amount) over (), 0), 2)::text as "groupPipelineTotal",
      coalesce(gp.buckets, '[]'::json) as "groupPipeline",
      coalesce(iv.version, 0)::text as "userVersion", ov.version::text as "orgVersion"
    from people p
    cross join ${orgVersionSql(orgId)} ov
    left join rep_alignment_inputs iv on iv.org_id = ${orgId} and iv.user_id = p.user_id
    left join goal_counts gc on gc.user_id = p.user_id
    left join strongest st on st.user_id = p.user_id
    left join orphans og on og.user_id = p.user_id
    left join pipeline pl on pl.owner_id = p.user_id
    left join totals tt on tt.owner_id = p.user_id
    cross join group_pipeline gp
    order by p.name, p.user_id`,
  );
}

/**
 * The strategy's objective ids as a uuid[] (goal links to other objectives do not count), read in the statement
 * itself: the figures then match the input versions read in the same snapshot (rep-score-store.ts), even when an
 * objective is added or removed after the caller loaded the strategy.
 */
function knownObjectives(orgId: string, strategyId: string): SQL {
  return sql`array(select o.id from objectives o where o.org_id = ${orgId} and o.strategy_id = ${strategyId})`;
}

/**
 * The `orphans` CTE (user_id, goals): the goals linked to no objective of the strategy (or none) of the people of
 * `owners` (a CTE with user_id: `people` unless told).
 */
export function orphansCte(orgId: string, strategy: { id: string }, enabled: boolean, owners: SQL = sql`people`): SQL {
  if (!enabled) return sql`orphans as (select null::uuid as user_id, null::json as goals where false)`;
  return sql`orphans as (
      select g.user_id, json_agg(json_build_object('id', g.id, 'title', g.title, 'category', g.category,
        'visibility', g.visibility) order by g.importance desc, g.created_at, g.id) as goals
      from goals g join ${owners} p on p.user_id = g.user_id
      where g.org_id = ${orgId} and g.strategy_id = ${strategy.id} and not exists (
        select 1 from goal_objective_links l where l.org_id = g.org_id and l.goal_id = g.id
          and l.objective_id = any(${knownObjectives(orgId, strategy.id)}) and l.strength > 0)
      group by g.user_id
    )`;
}

/** A one-row subquery (version): the organization's own input version (0 without a row). */
export function orgVersionSql(orgId: string): SQL {
  return sql`(select coalesce((select i.version from rep_alignment_inputs i
    where i.org_id = ${orgId} and i.user_id = ${ORG_INPUTS}::uuid), 0) as version)`;
}

/** One person's score and heat-map cells, computed by the scorer's own functions from the row's figures. */
export function repScoreOf(objectives: readonly AlignmentObjective[], row: RepScoreRow): RepScore {
  const strengths = strengthsOf(objectives, [
    { id: "", title: "", category: "other", private: false, readable: false, links: row.links },
  ]);
  const figures = figuresOf(objectives, strengths, row.goalCount, row.linkedGoals, scoringPipeline(row.pipeline));
  const components = componentsOf(figures);
  return {
    userId: row.userId,
    name: row.name,
    score: totalOf(components),
    components,
    objectives: objectives.map((o) => ({
      objectiveId: o.id,
      strength: figures.strengths.get(o.id) ?? 0,
      pipelineShare: clean(figures.shares.get(o.id) ?? 0),
    })),
  };
}
