/**
 * The stored alignment (deal_alignment, deal_objective_match, deal_rollup, deal_objective_rollup,
 * deal_search_terms) checked against its references, for one organization:
 * - the live SQL views deal_scores and deal_objective_matches (while the clock's range contains today: the
 *   views use the database's current_date, the stored figures the clock's date);
 * - the TypeScript reference scoreDeal() with pickStrategy() at the clock's date;
 * - GROUP BY over the base tables for the rollups.
 * Each check answers the differences it found (empty: equal), so a failing test shows them. Deals queued for
 * recomputation after a large strategy change (alignment_stale) are left out of the first two: readers show them
 * as being recomputed; everything else (keys, shares, rollups of what is stored) holds for every deal.
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import {
  pickStrategy,
  scoreDeal,
  type BuyingRole,
  type DealStage,
  type GoalCategory,
  type ProblemFit,
  type Stance,
} from "@/server/domain/deal-alignment";

/** Rows of `a` not in `b` and of `b` not in `a` (multisets), labelled. */
async function symmetricDifference(db: Database, label: string, a: ReturnType<typeof sql>, b: ReturnType<typeof sql>) {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`(select 'stored' as side, * from ((${a}) except all (${b})) x)
        union all
        (select 'reference' as side, * from ((${b}) except all (${a})) y)`,
  );
  return rows.map((row) => `${label}: ${JSON.stringify(row)}`);
}

/** Whether the clock's range contains today, i.e. the stored figures must equal the live views. */
export async function clockIsToday(db: Database, orgId: string): Promise<boolean> {
  const [row] = await selectRows<{ today: boolean }>(
    db,
    sql`select current_date >= valid_from and current_date < valid_until as today
        from alignment_clock where org_id = ${orgId}`,
  );
  return row?.today ?? false;
}

/** Deals queued for recomputation (alignment_stale): their figures are shown as being recomputed, not compared. */
const current = (alias: string, orgId: string) =>
  sql.raw(`not exists (select 1 from alignment_stale s where s.org_id = '${orgId}' and s.deal_id = ${alias}.deal_id)`);

/** Stored matches of the deals not queued against the live view (matches do not depend on the date). */
export async function matchesVsView(db: Database, orgId: string): Promise<string[]> {
  return symmetricDifference(
    db,
    "deal_objective_match vs deal_objective_matches",
    sql`select deal_id, objective_id, strategy_id, explicit from deal_objective_match m
        where org_id = ${orgId} and ${current("m", orgId)}`,
    sql`select deal_id, objective_id, strategy_id, explicit from deal_objective_matches v
        where org_id = ${orgId} and ${current("v", orgId)}`,
  );
}

/** Stored scores of the deals not queued against the live view (which uses today's date). */
export async function scoresVsView(db: Database, orgId: string): Promise<string[]> {
  return symmetricDifference(
    db,
    "deal_alignment vs deal_scores",
    sql`select deal_id, strategy_id, customer, company, rep, score, flags from deal_alignment a
        where org_id = ${orgId} and ${current("a", orgId)}`,
    sql`select deal_id, strategy_id, customer, company, rep, score, flags from deal_scores v
        where org_id = ${orgId} and ${current("v", orgId)}`,
  );
}

/** deal_rollup against GROUP BY over deals and the scores of `scores` (the live view or the stored table). */
function dealRollupVs(db: Database, orgId: string, scores: "deal_scores" | "deal_alignment") {
  return symmetricDifference(
    db,
    `deal_rollup vs deals and ${scores}`,
    sql`select owner_id, team_id, stage, currency, deals, amount, score_sum from deal_rollup where org_id = ${orgId}`,
    sql`select d.owner_id, d.team_id, d.stage, d.currency, count(*)::int, sum(d.amount), sum(s.score)::bigint
        from deals d join ${sql.identifier(scores)} s on s.org_id = d.org_id and s.deal_id = d.id
        where d.org_id = ${orgId} group by d.owner_id, d.team_id, d.stage, d.currency`,
  );
}

/** deal_objective_rollup against GROUP BY over deals and the matches of `matches` (the live view or the table). */
function objectiveRollupVs(db: Database, orgId: string, matches: "deal_objective_matches" | "deal_objective_match") {
  return symmetricDifference(
    db,
    `deal_objective_rollup vs deals and ${matches}`,
    sql`select objective_id, strategy_id, owner_id, team_id, stage, currency, deals, amount, share, lead_deals,
          lead_amount
        from deal_objective_rollup where org_id = ${orgId}`,
    sql`select objective_id, strategy_id, owner_id, team_id, stage, currency, count(*)::int, sum(amount), sum(share),
          count(*) filter (where lead)::int, coalesce(sum(amount) filter (where lead), 0)
        from (select m.objective_id, m.strategy_id, d.owner_id, d.team_id, d.stage, d.currency, d.amount,
                d.amount / count(*) over (partition by m.deal_id, m.strategy_id) as share,
                row_number() over (partition by m.deal_id, m.strategy_id order by m.objective_id) = 1 as lead
              from ${sql.identifier(matches)} m join deals d on d.org_id = m.org_id and d.id = m.deal_id
              where m.org_id = ${orgId}) x
        group by objective_id, strategy_id, owner_id, team_id, stage, currency`,
  );
}

/** With nothing queued and the clock at today: the rollups equal GROUP BY over the base tables and the live views. */
export async function rollupsVsLiveViews(db: Database, orgId: string): Promise<string[]> {
  return [
    ...(await dealRollupVs(db, orgId, "deal_scores")),
    ...(await objectiveRollupVs(db, orgId, "deal_objective_matches")),
  ];
}

/** The deal's fields copied into the stored rows, the shares, the search terms, the rollups of what is stored. */
export async function storedVsBaseTables(db: Database, orgId: string): Promise<string[]> {
  const keys = sql`d.owner_id, d.team_id, d.stage, d.currency, d.amount`;
  return [
    ...(await symmetricDifference(
      db,
      "deal_alignment keys",
      sql`select deal_id, owner_id, team_id, stage, currency, amount from deal_alignment where org_id = ${orgId}`,
      sql`select d.id, ${keys} from deals d where d.org_id = ${orgId}`,
    )),
    ...(await symmetricDifference(
      db,
      "deal_objective_match keys and shares",
      sql`select deal_id, objective_id, owner_id, team_id, stage, currency, amount, share, lead
          from deal_objective_match where org_id = ${orgId}`,
      sql`select m.deal_id, m.objective_id, ${keys}, d.amount / count(*) over (partition by m.deal_id, m.strategy_id),
            row_number() over (partition by m.deal_id, m.strategy_id order by m.objective_id) = 1
          from deal_objective_match m join deals d on d.org_id = m.org_id and d.id = m.deal_id
          where m.org_id = ${orgId}`,
    )),
    ...(await symmetricDifference(
      db,
      "deal_search_terms",
      sql`select deal_id, term from deal_search_terms where org_id = ${orgId}`,
      sql`select distinct d.id, t from deals d join accounts a on a.org_id = d.org_id and a.id = d.account_id,
            regexp_split_to_table(lower(d.name || ' ' || a.name), '[[:space:][:punct:]]+') t
          where d.org_id = ${orgId} and t <> ''`,
    )),
    ...(await dealRollupVs(db, orgId, "deal_alignment")),
    ...(await objectiveRollupVs(db, orgId, "deal_objective_match")),
  ];
}

interface ReferenceInputs {
  today: string;
  deals: {
    id: string;
    ownerId: string;
    stage: DealStage;
    closeDate: string | null;
    problemFit: ProblemFit;
  }[];
  stakeholders: {
    dealId: string;
    buyingRole: BuyingRole;
    influence: number;
    stance: Stance;
    personalWin: string;
    howWeServeIt: string;
  }[];
  strategies: { id: string; name: string; status: "draft" | "active" | "archived"; startsOn: string; endsOn: string }[];
  objectives: { id: string; strategyId: string; title: string; weight: number }[];
  goals: {
    id: string;
    userId: string;
    strategyId: string;
    title: string;
    category: GoalCategory;
    importance: number;
  }[];
  dealGoals: { dealId: string; goalId: string }[];
  matches: { dealId: string; objectiveId: string }[];
  stored: {
    dealId: string;
    strategyId: string | null;
    score: number;
    customer: number;
    company: number;
    rep: number;
    flags: string[];
  }[];
  queued: { deal_id: string }[];
}

const json = (query: ReturnType<typeof sql>) => sql`coalesce((select json_agg(r) from (${query}) r), '[]'::json)`;

async function loadInputs(db: Database, orgId: string): Promise<ReferenceInputs> {
  const [row] = await selectRows<ReferenceInputs>(
    db,
    sql`select
      (select as_of::text from alignment_clock where org_id = ${orgId}) as today,
      ${json(sql`select id, owner_id as "ownerId", stage, close_date::text as "closeDate", problem_fit as "problemFit"
                 from deals where org_id = ${orgId}`)} as deals,
      ${json(sql`select deal_id as "dealId", buying_role as "buyingRole", influence, stance,
                   personal_win as "personalWin", how_we_serve_it as "howWeServeIt"
                 from stakeholders where org_id = ${orgId}`)} as stakeholders,
      ${json(sql`select id, name, status, starts_on::text as "startsOn", ends_on::text as "endsOn"
                 from strategies where org_id = ${orgId}`)} as strategies,
      ${json(sql`select id, strategy_id as "strategyId", title, weight
                 from objectives where org_id = ${orgId}`)} as objectives,
      ${json(sql`select id, user_id as "userId", strategy_id as "strategyId", title, category, importance
                 from goals where org_id = ${orgId}`)} as goals,
      ${json(sql`select deal_id as "dealId", goal_id as "goalId"
                 from deal_goals where org_id = ${orgId}`)} as "dealGoals",
      ${json(sql`select deal_id as "dealId", objective_id as "objectiveId"
                 from deal_objective_matches where org_id = ${orgId}`)} as matches,
      ${json(sql`select deal_id as "dealId", strategy_id as "strategyId", score, customer, company, rep, flags
                 from deal_alignment where org_id = ${orgId}`)} as stored,
      ${json(sql`select deal_id from alignment_stale where org_id = ${orgId}`)} as queued`,
  );
  return row!;
}

/**
 * Every deal's stored score against scoreDeal() with the inputs read from the base tables (and the view's matches),
 * except deals queued for recomputation.
 */
export async function storedVsTypescript(db: Database, orgId: string): Promise<string[]> {
  const inputs = await loadInputs(db, orgId);
  const problems: string[] = [];
  const stored = new Map(inputs.stored.map((row) => [row.dealId, row]));
  if (inputs.stored.length !== inputs.deals.length)
    problems.push(`${inputs.stored.length} stored scores for ${inputs.deals.length} deals`);
  const queued = new Set(inputs.queued.map((row) => row.deal_id));
  for (const deal of inputs.deals) {
    if (queued.has(deal.id)) continue;
    const strategy = pickStrategy(inputs.strategies, deal.closeDate, inputs.today);
    const linked = new Set(inputs.dealGoals.filter((l) => l.dealId === deal.id).map((l) => l.goalId));
    const expected = scoreDeal({
      stage: deal.stage,
      problemFit: deal.problemFit,
      stakeholders: inputs.stakeholders.filter((s) => s.dealId === deal.id),
      strategy: strategy && {
        id: strategy.id,
        name: strategy.name,
        objectives: inputs.objectives.filter((o) => o.strategyId === strategy.id),
      },
      matchedObjectiveIds: inputs.matches.filter((m) => m.dealId === deal.id).map((m) => m.objectiveId),
      ownerGoals: inputs.goals
        .filter((g) => g.userId === deal.ownerId && g.strategyId === strategy?.id)
        .map((g) => ({ ...g, linked: linked.has(g.id) })),
    });
    const actual = stored.get(deal.id);
    const want = { strategyId: strategy?.id ?? null, score: expected.score, ...expected.components };
    const got = actual && {
      strategyId: actual.strategyId,
      score: actual.score,
      customer: actual.customer,
      company: actual.company,
      rep: actual.rep,
    };
    if (
      JSON.stringify(got) !== JSON.stringify(want) ||
      JSON.stringify(actual?.flags) !== JSON.stringify(expected.flags)
    )
      problems.push(
        `deal ${deal.id}: stored ${JSON.stringify(actual)}, ` +
          `scoreDeal ${JSON.stringify({ ...want, flags: expected.flags })}`,
      );
  }
  return problems;
}

/** Every check that applies: the views' scores and the rollups against live SQL when the clock is at today. */
export async function storedAlignmentProblems(db: Database, orgId: string): Promise<string[]> {
  const today = await clockIsToday(db, orgId);
  const [queue] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from alignment_stale where org_id = ${orgId}`,
  );
  return [
    ...(await matchesVsView(db, orgId)),
    ...(today ? await scoresVsView(db, orgId) : []),
    ...(today && queue!.n === 0 ? await rollupsVsLiveViews(db, orgId) : []),
    ...(await storedVsBaseTables(db, orgId)),
    ...(await storedVsTypescript(db, orgId)),
  ];
}
