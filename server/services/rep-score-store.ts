/**
 * Stored rep scores (docs/performance.md "Stored rep scores"): the team views — the heat-map's summary
 * (team-summary.ts) and the manager's and admin's home (home-team.ts), built from the CTEs and steps here — read
 * each person's score figures from rep_alignment_scores, one row a person, instead of scanning their rows of the
 * rollups. A stored row is current while the input versions it was computed from are still those
 * of rep_alignment_inputs (bumped by triggers on every write that can change the figures, migration 0028); the
 * others — and people without a row — are computed here with the live statement (loadRepScoreRows, which reads
 * the versions in the same snapshot as the figures) and stored, in the reader's own transaction. A reader that
 * computed from a snapshot older than a write stores the older versions, so its row is not current afterwards:
 * a row is never read as current with figures older than its inputs. On a read-only transaction (a replica) the
 * figures are computed and served, not stored. Two readers storing the same row: the last one wins, both correct.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { roundDecimal, sumDecimals } from "@/server/domain/decimal";
import {
  loadRepScoreRows,
  orgVersionSql,
  repScoreOf,
  type LiveRepScoreRow,
  type RepFigures,
  type RepScoreRow,
} from "./rep-scores";
import type { StrategyDetail } from "./strategies";
import { scoringObjectives, teamSeats, type PeopleSelector } from "./people-alignment";

/** What rep_alignment_scores.figures holds: the figures but the pipeline not rounded (in columns of their own). */
export type StoredFigures = Omit<RepFigures, "exactPipeline" | "pipelineAmount">;

export const figuresOf = (row: LiveRepScoreRow): RepFigures => ({
  goalCount: row.goalCount,
  linkedGoals: row.linkedGoals,
  links: row.links,
  pipeline: row.pipeline,
  exactPipeline: row.exactPipeline,
  pipelineAmount: row.pipelineAmount,
  pipelineCurrencies: row.pipelineCurrencies,
});

const NO_FIGURES: RepFigures = {
  goalCount: 0,
  linkedGoals: 0,
  links: [],
  pipeline: [],
  exactPipeline: [],
  pipelineAmount: "0",
  pipelineCurrencies: [],
};

/**
 * The `people` CTE of peopleCte (the same members) reduced to what the stored rows' reader needs: no team names
 * (nor the teams table), and `ord`, the place in name order (name, user id). Half the cost of the full one at
 * 5,000 people.
 */
export function storePeopleCte(orgId: string, who: Extract<PeopleSelector, { kind: "team" | "organization" }>): SQL {
  return sql`people as (
      select m.user_id, u.name, json_agg(distinct tm.team_id) as team_ids,
        row_number() over (order by u.name, m.user_id) as ord
      from team_members tm
      join memberships m on m.org_id = tm.org_id and m.user_id = tm.user_id
      join users u on u.id = m.user_id
      where ${teamSeats(orgId, who)}
      group by m.user_id, u.name
    )`;
}

/**
 * The `ranked` CTE over `people`: each person's stored score, and `current` when their stored row is usable as is —
 * computed from today's inputs (its versions) under the reader's weights.
 */
export const rankedCte = (orgId: string, strategyId: string, objectives: readonly { id: string; weight: number }[]) =>
  sql`ranked as (
      select p.*, s.score,
        coalesce(s.user_version = coalesce(iv.version, 0) and s.org_version = ov.version
          and s.weights = ${weightsKey(objectives)} and s.score is not null and s.pipeline_total is not null, false)
          as current
      from people p
      cross join ${orgVersionSql(orgId)} ov
      left join rep_alignment_inputs iv on iv.org_id = ${orgId} and iv.user_id = p.user_id
      left join rep_alignment_scores s on s.org_id = ${orgId} and s.strategy_id = ${strategyId} and s.user_id = p.user_id
    )`;

/** A person's RepScoreRow from their stored (or live) figures and the group's sums. */
export function scoreRow(
  base: { userId: string; name: string; teamIds?: string[]; orphans?: RepScoreRow["orphans"] },
  figures: StoredFigures,
  group: Pick<RepScoreRow, "groupPipeline" | "groupPipelineTotal">,
): RepScoreRow {
  return {
    userId: base.userId,
    name: base.name,
    teamIds: base.teamIds ?? [],
    orphans: base.orphans ?? [],
    goalCount: figures.goalCount,
    linkedGoals: figures.linkedGoals,
    links: figures.links,
    pipeline: figures.pipeline,
    pipelineCurrencies: figures.pipelineCurrencies,
    ...group,
  };
}

/**
 * The `sums` CTE (sums): the group sums of the current rows of the `ranked` CTE (user_id, current), from the
 * stored pipeline columns (the CTE need not carry them, and no figures document is read).
 */
export const sumsCte = (orgId: string, strategyId: string) => sql`current_pipelines as not materialized (
      select s.pipeline_objective_ids, s.pipeline_amounts, s.pipeline_total from ranked r
      join rep_alignment_scores s on s.org_id = ${orgId} and s.strategy_id = ${strategyId} and s.user_id = r.user_id
      where r.current
    ),
    sums as (
      select json_build_object(
        'pipeline', coalesce((select json_agg(json_build_object('objectiveId', x.objective_id, 'amount', x.amount::text))
          from (select b.objective_id, sum(b.amount) as amount
                from current_pipelines c cross join unnest(c.pipeline_objective_ids, c.pipeline_amounts) as b(objective_id, amount)
                group by b.objective_id) x), '[]'::json),
        'total', (select sum(c.pipeline_total)::text from current_pipelines c)) as sums
    )`;

/** The current rows' group sums (not rounded; total null without a current row), as the `sums` CTE gives them. */
export interface GroupSums {
  pipeline: { objectiveId: string | null; amount: string }[];
  total: string | null;
}

/**
 * The group's pipeline per objective (exact) and total (rounded): SQL's sums of the current rows plus the rows
 * computed live, summed exactly (BigInt), as one sum() over every row would give them.
 */
function groupOf(
  sums: GroupSums | null,
  live: Iterable<LiveRepScoreRow>,
): Pick<RepScoreRow, "groupPipeline" | "groupPipelineTotal"> {
  const byObjective = new Map<string | null, string[]>((sums?.pipeline ?? []).map((b) => [b.objectiveId, [b.amount]]));
  const totals = sums?.total == null ? [] : [sums.total];
  for (const row of live) {
    for (const bucket of row.exactPipeline) {
      const amounts = byObjective.get(bucket.objectiveId);
      if (amounts) amounts.push(bucket.amount);
      else byObjective.set(bucket.objectiveId, [bucket.amount]);
    }
    totals.push(row.pipelineAmount);
  }
  const groupPipeline = [...byObjective]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null || a < b ? -1 : 1))
    .map(([objectiveId, amounts]) => ({ objectiveId, amount: sumDecimals(amounts) }));
  return { groupPipeline, groupPipelineTotal: roundDecimal(sumDecimals(totals), 2) };
}

/**
 * The rows that are not current, computed live (stored unless the transaction is read-only), and the group's sums:
 * SQL's sums of the current rows (`sums`) with theirs added. `liveFigures` gives such a person's figures (none
 * without a row: no goals, no pipeline).
 */
export async function refreshRows(
  db: Database,
  orgId: string,
  strategy: StrategyDetail,
  who: Extract<PeopleSelector, { kind: "team" | "organization" }>,
  stored: readonly { userId: string; current: boolean }[],
  options: { readOnly: boolean; sums: GroupSums | null },
): Promise<{
  group: Pick<RepScoreRow, "groupPipeline" | "groupPipelineTotal">;
  liveFigures: (userId: string) => RepFigures;
}> {
  const missing = stored.filter((row) => !row.current).map((row) => row.userId);
  const rows = missing.length === 0 ? [] : await loadRepScoreRows(db, orgId, strategy, { ...who, only: missing });
  if (rows.length > 0 && !options.readOnly) await storeScores(db, orgId, strategy, rows);
  const live = new Map(rows.map((row) => [row.userId, row]));
  return {
    group: groupOf(options.sums, rows),
    liveFigures: (userId) => {
      const row = live.get(userId);
      return row ? figuresOf(row) : NO_FIGURES;
    },
  };
}

/**
 * The key of the weights a stored score was computed with: the objectives' ids and weights in the strategy's order
 * (the scorer's sums follow that order). A reader holding other weights does not use the stored score.
 */
export const weightsKey = (objectives: readonly { id: string; weight: number }[]) =>
  objectives.map((o) => `${o.id}:${o.weight}`).join(",");

/**
 * Upserts the rows' figures with the versions they were computed from (in user order: no deadlock), and their
 * score under the strategy's weights.
 */
export async function storeScores(
  db: Database,
  orgId: string,
  strategy: StrategyDetail,
  rows: readonly LiveRepScoreRow[],
): Promise<void> {
  const objectives = scoringObjectives(strategy);
  const items = rows.map((row) => {
    const { exactPipeline, pipelineAmount, ...figures } = figuresOf(row);
    return {
      user_id: row.userId,
      user_version: row.userVersion,
      org_version: row.orgVersion,
      figures,
      pipeline_objective_ids: exactPipeline.map((bucket) => bucket.objectiveId),
      pipeline_amounts: exactPipeline.map((bucket) => bucket.amount),
      pipeline_total: pipelineAmount,
      score: repScoreOf(objectives, row).score,
    };
  });
  await db.execute(sql`insert into rep_alignment_scores as s (org_id, strategy_id, user_id, user_version, org_version,
      figures, pipeline_objective_ids, pipeline_amounts, pipeline_total, score, weights)
    select ${orgId}, ${strategy.id}, x.user_id, x.user_version, x.org_version, x.figures, x.pipeline_objective_ids,
      x.pipeline_amounts, x.pipeline_total, x.score, ${weightsKey(objectives)}
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
      as x(user_id uuid, user_version bigint, org_version bigint, figures jsonb, pipeline_objective_ids uuid[],
        pipeline_amounts numeric[], pipeline_total numeric, score smallint)
    order by x.user_id
    on conflict (org_id, strategy_id, user_id) do update set user_version = excluded.user_version,
      org_version = excluded.org_version, figures = excluded.figures,
      pipeline_objective_ids = excluded.pipeline_objective_ids, pipeline_amounts = excluded.pipeline_amounts,
      pipeline_total = excluded.pipeline_total, score = excluded.score, weights = excluded.weights, computed_at = now()`);
}
