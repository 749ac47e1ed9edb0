/**
 * What the team's heat-map page needs of everyone (docs/performance.md "Stored rep scores"), in one statement whose
 * answer is the page's size, not the team's: how many people and the sum of their scores, how many pursue each
 * objective (a link of strength over 0), the currencies of their pipeline, the group's pipeline, the people with
 * orphan goals (and those goals), and the page's people in name order. The aggregates are read from the stored
 * rows (rep_alignment_scores) in SQL; the rows that are not current are computed live, stored (as the home does),
 * and added here — so the page answers what every person's figures would, without sending 5,000 of them.
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { rollAlignmentClock } from "./alignment-clock";
import { organizationRecomputingSql } from "./alignment-queue";
import { orphansCte, repScoreOf, type RepScoreRow } from "./rep-scores";
import { rankedCte, refreshRows, scoreRow, storePeopleCte, sumsCte, type GroupSums } from "./rep-score-store";
import type { StrategyDetail } from "./strategies";
import { scoringObjectives, type PeopleSelector } from "./people-alignment";

export interface TeamSummary {
  count: number;
  /** The mean score, rounded (null without people). */
  averageScore: number | null;
  /** How many people have a goal linked (strength over 0) to each objective. */
  pursuedBy: Map<string, number>;
  /** The currencies of everyone's open pipeline, sorted. */
  currencies: string[];
  /** The people with goals linked to no objective, in name order, with those goals. */
  orphans: Pick<RepScoreRow, "userId" | "name" | "teamIds" | "orphans">[];
  /** The page's people (`limit` from `offset` in name order; everyone without a page). */
  pageIds: string[];
  groupPipeline: RepScoreRow["groupPipeline"];
  groupPipelineTotal: string;
  /** Deals of the organization wait to be recomputed after a strategy change (alignment-queue.ts). */
  recomputing: boolean;
}

interface SummaryRow {
  count: number;
  scoreSum: number;
  pursuedBy: Record<string, number>;
  currencies: string[];
  sums: GroupSums | null;
  readOnly: boolean;
  recomputing: boolean;
  /** The people not current, with orphan goals, or on the page, in name order. */
  people: (Pick<RepScoreRow, "userId" | "name" | "teamIds" | "orphans"> & { current: boolean; onPage: boolean })[];
}

export async function loadTeamSummary(
  db: Database,
  orgId: string,
  strategy: StrategyDetail,
  who: Extract<PeopleSelector, { kind: "team" | "organization" }>,
  page: { offset: number; limit: number } | null,
): Promise<TeamSummary> {
  const objectives = scoringObjectives(strategy);
  await rollAlignmentClock(db);
  const onPage = page ? sql`r.ord > ${page.offset} and r.ord <= ${page.offset + page.limit}` : sql`true`;
  const [row] = await selectRows<SummaryRow>(
    db,
    sql`with ${storePeopleCte(orgId, who)},
    ${rankedCte(orgId, strategy.id, objectives)},
    -- Orphan goals are read for the people whose stored figures count goals not linked, or not current, only
    -- (materialized: those few first, then their goals by index; not every goal of the organization).
    orphan_owners as materialized (
      select r.user_id from ranked r
      left join rep_alignment_scores s on s.org_id = ${orgId} and s.strategy_id = ${strategy.id} and s.user_id = r.user_id
      where not r.current or (s.figures->>'goalCount')::int > (s.figures->>'linkedGoals')::int
    ),
    ${orphansCte(orgId, strategy, true, sql`orphan_owners`)},
    ${sumsCte(orgId, strategy.id)},
    current_figures as not materialized (
      select s.figures from ranked r
      join rep_alignment_scores s on s.org_id = ${orgId} and s.strategy_id = ${strategy.id} and s.user_id = r.user_id
      where r.current
    )
    select (select count(*)::int from people) as count,
      (select coalesce(sum(r.score), 0)::int from ranked r where r.current) as "scoreSum",
      coalesce((select json_object_agg(x.objective_id, x.people) from (
          select l->>'objectiveId' as objective_id, count(*)::int as people
          from current_figures c cross join jsonb_array_elements(c.figures->'links') l
          where (l->>'strength')::int > 0 group by 1) x), '{}'::json) as "pursuedBy",
      coalesce((select json_agg(distinct x.currency) from current_figures c
        cross join jsonb_array_elements_text(c.figures->'pipelineCurrencies') x(currency)), '[]'::json) as currencies,
      (select sm.sums from sums sm) as sums,
      current_setting('transaction_read_only') = 'on' as "readOnly",
      ${organizationRecomputingSql(orgId)} as recomputing,
      coalesce((select json_agg(json_build_object('userId', r.user_id, 'name', r.name, 'teamIds', r.team_ids,
          'orphans', coalesce(og.goals, '[]'::json), 'current', r.current, 'onPage', ${onPage}) order by r.ord)
        from ranked r left join orphans og on og.user_id = r.user_id
        where not r.current or og.goals is not null or ${onPage}), '[]'::json) as people`,
  );
  const summary = row!;
  const { group, liveFigures } = await refreshRows(db, orgId, strategy, who, summary.people, summary);
  const pursuedBy = new Map(Object.entries(summary.pursuedBy));
  const currencies = new Set(summary.currencies);
  let scoreSum = summary.scoreSum;
  for (const person of summary.people) {
    if (person.current) continue;
    const figures = liveFigures(person.userId);
    scoreSum += repScoreOf(objectives, scoreRow(person, figures, group)).score;
    for (const link of figures.links) {
      if (link.strength > 0) pursuedBy.set(link.objectiveId, (pursuedBy.get(link.objectiveId) ?? 0) + 1);
    }
    for (const currency of figures.pipelineCurrencies) currencies.add(currency);
  }
  return {
    count: summary.count,
    averageScore: summary.count > 0 ? Math.round(scoreSum / summary.count) : null,
    pursuedBy,
    currencies: [...currencies].sort(),
    orphans: summary.people.flatMap(({ userId, name, teamIds, orphans }) =>
      orphans.length > 0 ? [{ userId, name, teamIds, orphans }] : [],
    ),
    pageIds: summary.people.filter((person) => person.onPage).map((person) => person.userId),
    ...group,
    recomputing: summary.recomputing,
  };
}
