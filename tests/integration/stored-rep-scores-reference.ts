/**
 * The reference for stored rep scores (rep_alignment_scores): every row that reads as current — its input versions
 * still those of rep_alignment_inputs — holds what the live statement computes now for that person and strategy
 * (loadRepScoreRows: the figures the scorer, repScoreOf, reads), and a score that is the scorer's for those figures under
 * the weights it records. A write that changes
 * a person's figures without bumping their version shows up here as a difference.
 */
import { isDeepStrictEqual } from "node:util";
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { figuresOf } from "@/server/services/rep-score-store";
import { loadRepScoreRows, orgVersionSql, repScoreOf, type RepFigures } from "@/server/services/rep-scores";

/** The figures in a comparable form: the strongest links (aggregated in no order) sorted by objective. */
const normalized = (figures: RepFigures) => ({
  ...figures,
  links: [...figures.links].sort((a, b) => a.objectiveId.localeCompare(b.objectiveId)),
});

/** Differences between the current stored rows of the organization and the live figures (empty: none). */
export async function storedRepScoreProblems(db: Database, orgId: string): Promise<string[]> {
  const stored = await selectRows<{
    strategyId: string;
    userId: string;
    figures: RepFigures;
    score: number | null;
    weights: string | null;
  }>(
    db,
    // The figures as stored, with the exact pipeline from its columns in the figures' form.
    sql`select s.strategy_id as "strategyId", s.user_id as "userId", s.score, s.weights,
      s.figures || jsonb_build_object('exactPipeline', coalesce((select jsonb_agg(jsonb_build_object('objectiveId',
          b.objective_id, 'amount', b.amount::text) order by b.n)
        from unnest(s.pipeline_objective_ids, s.pipeline_amounts) with ordinality as b(objective_id, amount, n)), '[]'),
        'pipelineAmount', s.pipeline_total::text) as figures
      from rep_alignment_scores s cross join ${orgVersionSql(orgId)} ov
      left join rep_alignment_inputs iv on iv.org_id = s.org_id and iv.user_id = s.user_id
      where s.org_id = ${orgId} and s.user_version = coalesce(iv.version, 0) and s.org_version = ov.version
      order by s.strategy_id, s.user_id`,
  );
  const problems: string[] = [];
  for (const row of stored) {
    const objectives = await selectRows<{ id: string; title: string; weight: number }>(
      db,
      sql`select id, title, weight from objectives where org_id = ${orgId} and strategy_id = ${row.strategyId}
        order by id`,
    );
    const strategy = { id: row.strategyId, objectives };
    const [live] = await loadRepScoreRows(db, orgId, strategy, { kind: "user", userId: row.userId });
    if (!live) {
      problems.push(`${row.strategyId}/${row.userId}: stored, but no such member`);
      continue;
    }
    const expected = normalized(figuresOf(live));
    if (!isDeepStrictEqual(normalized(row.figures), expected)) {
      problems.push(
        `${row.strategyId}/${row.userId}: stored ${JSON.stringify(row.figures)}, live ${JSON.stringify(expected)}`,
      );
    }
    // The stored score is the scorer's for these figures under the weights it records (ids and weights in order).
    if (row.weights !== null) {
      const weighted = row.weights
        .split(",")
        .filter(Boolean)
        .map((item) => ({ id: item.split(":")[0]!, title: "", weight: Number(item.split(":")[1]) }));
      const score = repScoreOf(weighted, live).score;
      if (row.score !== score) problems.push(`${row.strategyId}/${row.userId}: score ${row.score}, live ${score}`);
    }
  }
  return problems;
}
