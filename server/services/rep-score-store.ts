/**
 * Stored rep scores (docs/performance.md "Stored rep scores"): the team views — the heat-map and the manager's and
 * admin's home — read each person's score figures from rep_alignment_scores, one row a person, instead of scanning
 * their rows of the rollups. A stored row is current while the input versions it was computed from are still those
 * of rep_alignment_inputs (bumped by triggers on every write that can change the figures, migration 0028); the
 * others — and people without a row — are computed here with the live statement (loadRepScoreRows, which reads
 * the versions in the same snapshot as the figures) and stored, in the reader's own transaction. A reader that
 * computed from a snapshot older than a write stores the older versions, so its row is not current afterwards:
 * a row is never read as current with figures older than its inputs. On a read-only transaction (a replica) the
 * figures are computed and served, not stored. Two readers storing the same row: the last one wins, both correct.
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { roundDecimal, sumDecimals } from "@/server/domain/decimal";
import { peopleCte, type PeopleSelector } from "./people-alignment";
import {
  loadRepScoreRows,
  orgVersionSql,
  orphansCte,
  type LiveRepScoreRow,
  type RepFigures,
  type RepScoreRow,
} from "./rep-scores";
import type { StrategyDetail } from "./strategies";

interface StoredRow {
  userId: string;
  name: string;
  teamIds: string[];
  orphans: RepScoreRow["orphans"];
  figures: RepFigures | null;
  current: boolean | null;
  readOnly: boolean;
}

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
 * What loadRepScoreRows answers for a team or the organization (the same rows, figures and group sums), from the
 * stored rows: one statement when every row is current; else also the live statement for the others, and their
 * upsert. The group's pipeline is summed here, exactly, from the people's amounts not rounded.
 */
export async function loadTeamScoreRows(
  db: Database,
  orgId: string,
  strategy: StrategyDetail,
  who: Extract<PeopleSelector, { kind: "team" | "organization" }>,
  options: { orphans?: boolean } = {},
): Promise<RepScoreRow[]> {
  await db.execute(sql`select tandem_alignment_roll_clock()`);
  const stored = await selectRows<StoredRow>(
    db,
    sql`with recursive ${peopleCte(orgId, who)},
    ${orphansCte(orgId, strategy, options.orphans ?? false)}
    select p.user_id as "userId", p.name, p.team_ids as "teamIds", coalesce(og.goals, '[]'::json) as orphans,
      s.figures, s.user_version = coalesce(iv.version, 0) and s.org_version = ov.version as current,
      current_setting('transaction_read_only') = 'on' as "readOnly"
    from people p
    cross join ${orgVersionSql(orgId)} ov
    left join rep_alignment_inputs iv on iv.org_id = ${orgId} and iv.user_id = p.user_id
    left join rep_alignment_scores s on s.org_id = ${orgId} and s.strategy_id = ${strategy.id} and s.user_id = p.user_id
    left join orphans og on og.user_id = p.user_id
    order by p.name, p.user_id`,
  );
  const missing = stored.filter((row) => !row.current).map((row) => row.userId);
  const computed = new Map<string, RepFigures>();
  if (missing.length > 0) {
    const live = await loadRepScoreRows(db, orgId, strategy, { ...who, only: missing });
    for (const row of live) computed.set(row.userId, figuresOf(row));
    if (!stored[0]!.readOnly) await storeScores(db, orgId, strategy, live);
  }
  const rows = stored.map((row) => ({
    userId: row.userId,
    name: row.name,
    teamIds: row.teamIds,
    orphans: row.orphans,
    ...((row.current ? row.figures : computed.get(row.userId)) ?? NO_FIGURES),
  }));
  const byObjective = new Map<string | null, string[]>();
  for (const row of rows) {
    for (const bucket of row.exactPipeline) {
      const amounts = byObjective.get(bucket.objectiveId);
      if (amounts) amounts.push(bucket.amount);
      else byObjective.set(bucket.objectiveId, [bucket.amount]);
    }
  }
  const groupPipeline = [...byObjective]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null || a < b ? -1 : 1))
    .map(([objectiveId, amounts]) => ({ objectiveId, amount: sumDecimals(amounts) }));
  const groupPipelineTotal = roundDecimal(sumDecimals(rows.map((row) => row.pipelineAmount)), 2);
  return rows.map((row) => ({
    userId: row.userId,
    name: row.name,
    teamIds: row.teamIds,
    orphans: row.orphans,
    goalCount: row.goalCount,
    linkedGoals: row.linkedGoals,
    links: row.links,
    pipeline: row.pipeline,
    pipelineCurrencies: row.pipelineCurrencies,
    groupPipeline,
    groupPipelineTotal,
  }));
}

/** Upserts the rows' figures with the versions they were computed from (in user order: no deadlock). */
export async function storeScores(
  db: Database,
  orgId: string,
  strategy: { id: string },
  rows: readonly LiveRepScoreRow[],
): Promise<void> {
  const items = rows.map((row) => ({
    user_id: row.userId,
    user_version: row.userVersion,
    org_version: row.orgVersion,
    figures: figuresOf(row),
  }));
  await db.execute(sql`insert into rep_alignment_scores as s (org_id, strategy_id, user_id, user_version, org_version,
      figures)
    select ${orgId}, ${strategy.id}, x.user_id, x.user_version, x.org_version, x.figures
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
      as x(user_id uuid, user_version bigint, org_version bigint, figures jsonb)
    order by x.user_id
    on conflict (org_id, strategy_id, user_id) do update set user_version = excluded.user_version,
      org_version = excluded.org_version, figures = excluded.figures, computed_at = now()`);
}
