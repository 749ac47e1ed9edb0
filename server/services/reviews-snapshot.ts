/**
 * Reads what a review shows, for the pure assembly (server/domain/reviews/assemble.ts): the rep ↔ strategy
 * score through the alignment service, the rep's open deals from the stored scores (deal_alignment, see
 * docs/performance.md), and the previous review's open actions. A fixed number of statements whatever the number
 * of deals or goals, sent in one round trip: the strategy, the goals and pipeline (one each), who may read the goals
 * (none when the review's context is at hand, else at most one), the deals with their group counts (one, at most
 * SNAPSHOT_DEAL_LIMIT rows), the previous review (one).
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { together } from "@/server/db/together";
import type { Role } from "@/server/authz/permissions";
import { OPEN_STAGES, type DealFlag, type DealStage } from "@/server/domain/deal-alignment";
import { assembleSnapshot, type SnapshotDealInput } from "@/server/domain/reviews/assemble";
import { SNAPSHOT_DEAL_LIMIT, type ReviewSnapshot } from "@/server/domain/reviews/snapshot";
import { alignmentFor, goalReadabilityFor, loadPeopleAlignment, type GoalReadability } from "./people-alignment";
import { subjectGoalReadability, type Actor, type FoundReview, type StrategyPeriod } from "./reviews-access";
import { loadStrategy, type StrategyDetail } from "./strategies";

interface DealRow extends SnapshotDealInput {
  total: number;
  disqualify: number;
  outsideStrategy: number;
}

/** The rep's open deals, disqualification candidates first, then outside strategy, then lowest score. */
async function loadOpenDeals(db: Database, orgId: string, subjectId: string) {
  const openStages = sql.join(
    OPEN_STAGES.map((stage) => sql`${stage}`),
    sql`, `,
  );
  const rows = await selectRows<DealRow & { flags: DealFlag[]; stage: DealStage }>(
    db,
    sql`with open_deals as (
          select da.deal_id, da.score, da.customer, da.company, da.rep, da.flags, da.amount, da.currency, da.stage,
            case when 'DISQUALIFY' = any(da.flags) then 0 when 'OUTSIDE_STRATEGY' = any(da.flags) then 1 else 2 end as grp
          from deal_alignment da
          where da.org_id = ${orgId} and da.owner_id = ${subjectId} and da.stage in (${openStages})
        ), ranked as (
          select od.*, count(*) over () as total,
            count(*) filter (where od.grp = 0) over () as disqualify,
            count(*) filter (where od.grp = 1) over () as outside_strategy
          from open_deals od
          order by od.grp, od.score, od.amount desc, od.deal_id
          limit ${SNAPSHOT_DEAL_LIMIT}
        )
        select r.deal_id as id, d.name, coalesce(a.name, '') as "accountName", r.stage, r.amount::text as amount,
          r.currency, d.close_date::text as "closeDate", r.score, r.customer, r.company, r.rep, r.flags,
          r.total::int as total, r.disqualify::int as disqualify, r.outside_strategy::int as "outsideStrategy"
        from ranked r
        join deals d on d.org_id = ${orgId} and d.id = r.deal_id
        left join accounts a on a.org_id = d.org_id and a.id = d.account_id
        order by r.grp, r.score, r.amount desc, r.deal_id`,
  );
  const first = rows[0];
  return {
    total: first?.total ?? 0,
    byGroup: {
      disqualify: first?.disqualify ?? 0,
      outside_strategy: first?.outsideStrategy ?? 0,
      other: (first?.total ?? 0) - (first?.disqualify ?? 0) - (first?.outsideStrategy ?? 0),
    },
    items: rows.map((row): SnapshotDealInput => ({
      id: row.id,
      name: row.name,
      accountName: row.accountName,
      stage: row.stage,
      amount: row.amount,
      currency: row.currency,
      closeDate: row.closeDate,
      score: row.score,
      customer: row.customer,
      company: row.company,
      rep: row.rep,
      flags: row.flags,
    })),
  };
}

/** The rep's latest review shared before this one, with its actions still open. */
async function loadPreviousReview(
  db: Database,
  orgId: string,
  subjectId: string,
  reviewId: string,
): Promise<ReviewSnapshot["previousReview"]> {
  const [row] = await selectRows<NonNullable<ReviewSnapshot["previousReview"]>>(
    db,
    sql`select r.id, to_char(r.shared_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "sharedAt", r.score,
          coalesce((
            select json_agg(json_build_object('id', ra.id, 'text', ra.text, 'ownerName', u.name, 'dueOn', ra.due_on::text)
              order by ra.due_on nulls last, ra.created_at, ra.id)
            from review_actions ra left join users u on u.id = ra.owner_id
            where ra.org_id = r.org_id and ra.review_id = r.id and not ra.done), '[]'::json) as "openActions"
        from reviews r
        where r.org_id = ${orgId} and r.subject_id = ${subjectId} and r.id <> ${reviewId} and r.shared_at is not null
          and r.created_at <= (select c.created_at from reviews c where c.org_id = ${orgId} and c.id = ${reviewId})
        order by r.shared_at desc, r.id desc
        limit 1`,
  );
  return row ?? null;
}

export interface SnapshotRequest {
  orgId: string;
  reviewId: string;
  strategy: StrategyDetail;
  subject: { id: string; name: string };
  /** Whose eyes the goals are read with: the review's manager (private goals are counted, not shown). */
  reader: { userId: string; role: Role };
  now: Date;
}

/**
 * What a snapshot reads, sent at once: the reads need only the strategy's period (its quota goals count closed-won
 * deals in it), not its objectives, so a caller may send them together with the strategy's own load.
 */
function readSnapshotInputs(
  db: Database,
  orgId: string,
  reviewId: string,
  period: StrategyPeriod,
  subjectId: string,
  readable: GoalReadability | Promise<GoalReadability>,
) {
  return together([
    loadPeopleAlignment(db, orgId, period, { kind: "user", userId: subjectId }),
    readable,
    loadOpenDeals(db, orgId, subjectId),
    loadPreviousReview(db, orgId, subjectId, reviewId),
  ]);
}

function assemble(
  now: Date,
  strategy: StrategyDetail,
  subject: { id: string; name: string },
  [[person], readable, deals, previousReview]: Awaited<ReturnType<typeof readSnapshotInputs>>,
): ReviewSnapshot {
  const goals = person?.goals ?? [];
  const alignment = alignmentFor(
    strategy,
    person ?? { goals: [], pipeline: [], pipelineTotal: "0.00", pipelineCurrencies: [] },
    "others",
    (goal) => readable(goal),
  );
  return assembleSnapshot({
    now,
    strategy,
    subject,
    alignment,
    goals: goals.map((goal) => ({ ...goal, readable: readable(goal) })),
    deals,
    previousReview,
  });
}

/**
 * The review's snapshot as it would be frozen now, read with the actor's eyes (the goals' readability from the
 * context findReview loaded): the strategy is loaded in the same round trip as the snapshot's reads. Null when
 * the strategy cannot be read.
 */
export async function snapshotNow(
  db: Database,
  actor: Actor,
  found: Pick<FoundReview, "review" | "context" | "strategyPeriod">,
): Promise<ReviewSnapshot | null> {
  const { review } = found;
  const [strategy, inputs] = await together([
    loadStrategy(db, actor.orgId, review.strategyId),
    readSnapshotInputs(
      db,
      actor.orgId,
      review.id,
      found.strategyPeriod,
      review.subjectId,
      subjectGoalReadability(actor, found),
    ),
  ]);
  if (!strategy) return null;
  return assemble(new Date(), strategy, { id: review.subjectId, name: review.subjectName }, inputs);
}

/** A snapshot as of `now` with a strategy already loaded (the demo seed's shared reviews). */
export async function buildSnapshot(db: Database, request: SnapshotRequest): Promise<ReviewSnapshot> {
  const { orgId, strategy, subject } = request;
  const readable = goalReadabilityFor(db, orgId, request.reader, subject.id);
  const inputs = await readSnapshotInputs(db, orgId, request.reviewId, strategy, subject.id, readable);
  return assemble(request.now, strategy, subject, inputs);
}
