/**
 * One deal as its page shows it: the record, its stakeholders, its three-way alignment (the stored figures the
 * pipeline, totals and reviews show — deal_alignment, deal_objective_match — with the reasons worded by scoreDeal()
 * from the same inputs) and its timeline from the audit log. Also the CONFLICT answer of a stale edit,
 * which carries the deal as it is now.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { selectRows, type Database } from "@/db/client";
import { dealRecomputingSql } from "@/server/services/alignment-queue";
import {
  accounts,
  auditEvents,
  contacts,
  dealAlignment,
  dealGoals,
  dealObjectiveMatch,
  deals,
  disqualificationReasons,
  goals,
  objectives,
  stakeholders,
  strategies,
  users,
} from "@/db/schema";
import { cursorTime, olderThan, keysetPage } from "@/server/db/keyset";
import { together } from "@/server/db/together";
import { auditCursorSchema } from "@/server/services/audit";
import { activeStrategyOf } from "@/server/services/strategy-records";
import type { Actor } from "@/server/authz/actor";
import { allows } from "@/server/authz/record-rules";
import { GOAL_CATEGORIES, isOpenStage, pickStrategy, scoreDeal, type DealScore } from "@/server/domain/deal-alignment";
import { buyingRoleSchema, flagSchema, problemFitSchema, stageSchema, stanceSchema } from "@/server/domain/deal-fields";
import { notFound, staleVersion } from "@/server/domain/errors";
import { goalReadabilityFor } from "@/server/services/people-alignment";
import { findReadableDeal, visibilityOf } from "@/server/services/deal-access";
import { omit } from "@/server/domain/objects";
import { recomputingSchema } from "@/server/domain/schemas";
import {
  dealColumns,
  dealJoins,
  stakeholderContactJoin,
  stakeholderInterestColumns,
} from "@/server/services/deal-columns";

const stakeholderSchema = z.object({
  id: z.uuid(),
  contactId: z.uuid(),
  contactName: z.string(),
  contactTitle: z.string().nullable(),
  contactEmail: z.string().nullable(),
  buyingRole: buyingRoleSchema,
  influence: z.number().int(),
  stance: stanceSchema,
  personalWin: z.string(),
  businessGoal: z.string(),
  howWeServeIt: z.string(),
  version: z.number().int(),
});

export const dealDetailSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  account: z.object({
    id: z.uuid(),
    name: z.string(),
    industry: z.string().nullable(),
    segment: z.string().nullable(),
    region: z.string().nullable(),
  }),
  amount: z.string(),
  currency: z.string(),
  stage: stageSchema,
  closeDate: z.string().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  teamId: z.uuid().nullable(),
  product: z.string().nullable(),
  customerProblem: z.string(),
  problemFit: problemFitSchema,
  disqualifiedReason: z.string().nullable(),
  disqualifiedReasonId: z.uuid().nullable(),
  disqualifiedNote: z.string().nullable(),
  externalId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  canEdit: z.boolean(),
  stakeholders: z.array(stakeholderSchema),
  alignment: z.object({
    score: z.number().int().min(0).max(100),
    components: z.object({ customer: z.number(), company: z.number(), rep: z.number() }),
    flags: z.array(flagSchema),
    reasons: z.array(z.string()),
    strategy: z.object({ id: z.uuid(), name: z.string(), startsOn: z.string(), endsOn: z.string() }).nullable(),
    recomputing: recomputingSchema,
  }),
  /** The objectives of the deal's strategy: which the deal matches, and how. */
  objectives: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      weight: z.number().int(),
      matched: z.boolean(),
      explicit: z.boolean(),
    }),
  ),
  /** The owner's goals of the period, and which the deal advances. */
  goals: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      category: z.enum(GOAL_CATEGORIES),
      importance: z.number().int(),
      linked: z.boolean(),
      advanced: z.boolean(),
    }),
  ),
  /** The owner's goals the caller may not read (private, or shared only with managers): counted, never shown. */
  hiddenGoals: z.object({ total: z.number().int(), advanced: z.number().int() }),
  /** For deals flagged DISQUALIFY that are still in the pipeline: the reason to confirm with one action. */
  suggestedDisqualification: z.object({ reasonId: z.uuid(), label: z.string() }).nullable(),
});
export type DealDetail = z.infer<typeof dealDetailSchema>;

interface StrategyRow {
  id: string;
  name: string;
  status: "active";
  startsOn: string;
  endsOn: string;
}

/** The title scoring gives a goal the caller may not read (it only reaches the reasons' wording: "advances …"). */
const HIDDEN_GOAL_TITLE = "A goal not shared with you";

/** Everything one deal's page shows; a constant number of queries. Throws NOT_FOUND if not readable. */
export async function loadDeal(db: Database, actor: Actor, dealId: string): Promise<DealDetail> {
  const visibility = await visibilityOf(db, actor);
  const [deal] = await db
    .select({
      ...dealColumns,
      industry: accounts.industry,
      segment: accounts.segment,
      region: accounts.region,
      customerProblem: deals.customerProblem,
      disqualifiedReasonId: deals.disqualifiedReasonId,
      disqualifiedNote: deals.disqualifiedNote,
      createdAt: deals.createdAt,
      recomputing: dealRecomputingSql,
      stored: {
        strategyId: dealAlignment.strategyId,
        score: dealAlignment.score,
        customer: dealAlignment.customer,
        company: dealAlignment.company,
        rep: dealAlignment.rep,
        flags: sql<DealScore["flags"]>`${dealAlignment.flags}`,
      },
    })
    .from(deals)
    .innerJoin(accounts, dealJoins.account)
    .innerJoin(users, dealJoins.owner)
    .leftJoin(dealAlignment, and(eq(dealAlignment.orgId, deals.orgId), eq(dealAlignment.dealId, deals.id)))
    .where(and(eq(deals.orgId, actor.orgId), eq(deals.id, dealId), visibility.deals));
  if (!deal) notFound("dealId", "Deal not found.");

  const [people, [calendar], objectiveRows, goalRows, [suggested]] = await together([
    db
      .select({
        id: stakeholders.id,
        contactId: stakeholders.contactId,
        contactName: contacts.name,
        contactTitle: contacts.title,
        contactEmail: contacts.email,
        ...stakeholderInterestColumns,
      })
      .from(stakeholders)
      .innerJoin(contacts, stakeholderContactJoin)
      .where(and(eq(stakeholders.orgId, actor.orgId), eq(stakeholders.dealId, dealId)))
      .orderBy(desc(stakeholders.influence), asc(contacts.name)),
    selectRows<{ today: string; strategies: StrategyRow[] }>(
      db,
      sql`select current_date::text as today,
        coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'status', s.status, 'startsOn', s.starts_on::text, 'endsOn', s.ends_on::text)) filter (where s.id is not null), '[]'::json) as strategies
        from (select 1) one left join strategies s on s.org_id = ${actor.orgId} and s.status = 'active'`,
    ),
    db
      .select({
        id: objectives.id,
        strategyId: objectives.strategyId,
        title: objectives.title,
        weight: objectives.weight,
        position: objectives.position,
        matched: sql<boolean>`${dealObjectiveMatch.objectiveId} is not null`,
        explicit: sql<boolean>`coalesce(${dealObjectiveMatch.explicit}, false)`,
      })
      .from(objectives)
      .innerJoin(strategies, activeStrategyOf(objectives))
      .leftJoin(
        dealObjectiveMatch,
        and(
          eq(dealObjectiveMatch.orgId, objectives.orgId),
          eq(dealObjectiveMatch.dealId, dealId),
          eq(dealObjectiveMatch.objectiveId, objectives.id),
        ),
      )
      .where(eq(objectives.orgId, actor.orgId))
      .orderBy(asc(objectives.position), asc(objectives.title)),
    db
      .select({
        id: goals.id,
        strategyId: goals.strategyId,
        title: goals.title,
        category: goals.category,
        importance: goals.importance,
        visibility: goals.visibility,
        linked: sql<boolean>`${dealGoals.goalId} is not null`,
      })
      .from(goals)
      .innerJoin(strategies, activeStrategyOf(goals))
      .leftJoin(
        dealGoals,
        and(eq(dealGoals.orgId, goals.orgId), eq(dealGoals.goalId, goals.id), eq(dealGoals.dealId, dealId)),
      )
      .where(and(eq(goals.orgId, actor.orgId), eq(goals.userId, deal.ownerId)))
      .orderBy(desc(goals.importance), asc(goals.title)),
    db
      .select({ reasonId: disqualificationReasons.id, label: disqualificationReasons.label })
      .from(disqualificationReasons)
      .where(
        and(
          eq(disqualificationReasons.orgId, actor.orgId),
          eq(disqualificationReasons.suggestedFor, "DISQUALIFY"),
          eq(disqualificationReasons.archived, false),
        ),
      )
      .orderBy(asc(disqualificationReasons.position))
      .limit(1),
  ]);

  // The strategy the stored figures were computed against (the list, totals and reviews show the same); picked
  // here only if the deal has no stored row.
  const active = calendar?.strategies ?? [];
  const stored = deal.stored?.score == null ? null : deal.stored;
  const strategy = stored
    ? (active.find((s) => s.id === stored.strategyId) ?? null)
    : pickStrategy(active, deal.closeDate, calendar?.today ?? "");
  const strategyObjectives = objectiveRows.filter((o) => o.strategyId === strategy?.id);
  // Goals count whatever their visibility, but only those the caller may read (the team view's rule, canSeeGoal)
  // are shown: of the others, only how many there are and how many the deal advances (no id, title, category,
  // importance or link — a private goal may only move numbers).
  const canRead = await goalReadabilityFor(db, actor.orgId, { userId: actor.userId, role: actor.role }, deal.ownerId);
  const strategyGoals = goalRows
    .filter((g) => g.strategyId === strategy?.id)
    .map(({ visibility, ...g }) =>
      canRead({ visibility }) ? { ...g, readable: true } : { ...g, title: HIDDEN_GOAL_TITLE, readable: false },
    );
  const alignment: DealScore = scoreDeal({
    stage: deal.stage,
    problemFit: deal.problemFit,
    stakeholders: people.map((p) => ({ ...p, name: p.contactName })),
    strategy: strategy ? { id: strategy.id, name: strategy.name, objectives: strategyObjectives } : null,
    matchedObjectiveIds: strategyObjectives.filter((o) => o.matched).map((o) => o.id),
    ownerGoals: strategyGoals,
  });
  const advanced = new Set(alignment.advancedGoals.map((g) => g.id));
  const flags = stored?.flags ?? alignment.flags;

  return {
    id: deal.id,
    name: deal.name,
    account: {
      id: deal.accountId,
      name: deal.accountName,
      industry: deal.industry,
      segment: deal.segment,
      region: deal.region,
    },
    amount: deal.amount,
    currency: deal.currency,
    stage: deal.stage,
    closeDate: deal.closeDate,
    owner: { id: deal.ownerId, name: deal.ownerName },
    teamId: deal.teamId,
    product: deal.product,
    customerProblem: deal.customerProblem,
    problemFit: deal.problemFit,
    disqualifiedReason: deal.disqualifiedReason,
    disqualifiedReasonId: deal.disqualifiedReasonId,
    disqualifiedNote: deal.disqualifiedNote,
    externalId: deal.externalId,
    version: deal.version,
    createdAt: deal.createdAt,
    updatedAt: deal.updatedAt,
    canEdit: allows(actor, "deal.edit", deal),
    stakeholders: people,
    alignment: {
      recomputing: deal.recomputing,
      score: stored?.score ?? alignment.score,
      components: stored
        ? { customer: stored.customer, company: stored.company, rep: stored.rep }
        : alignment.components,
      flags,
      reasons: alignment.reasons,
      strategy: strategy
        ? { id: strategy.id, name: strategy.name, startsOn: strategy.startsOn, endsOn: strategy.endsOn }
        : null,
    },
    objectives: strategyObjectives.map((o) => ({
      id: o.id,
      title: o.title,
      weight: o.weight,
      matched: o.matched,
      explicit: o.explicit,
    })),
    goals: strategyGoals
      .filter((g) => g.readable)
      .map((g) => ({
        id: g.id,
        title: g.title,
        category: g.category,
        importance: g.importance,
        linked: g.linked,
        advanced: advanced.has(g.id),
      })),
    hiddenGoals: {
      total: strategyGoals.filter((g) => !g.readable).length,
      advanced: strategyGoals.filter((g) => !g.readable && advanced.has(g.id)).length,
    },
    suggestedDisqualification: flags.includes("DISQUALIFY") && isOpenStage(deal.stage) && suggested ? suggested : null,
  };
}

/** CONFLICT with the deal as it is now (sent to clients as `data.current`, see StaleVersionError). */
export async function dealConflict(db: Database, actor: Actor, dealId: string): Promise<never> {
  const current = await loadDeal(db, actor, dealId);
  throw staleVersion(
    `Someone else changed this deal while you were editing (it is now at version ${current.version}). Review their changes and save again.`,
    current,
  );
}

type TimelineCursor = z.infer<typeof auditCursorSchema>;

/** The deal's history from the audit log, newest first: stage, owner, stakeholder and field changes. */
export async function dealTimeline(
  db: Database,
  actor: Actor,
  dealId: string,
  limit: number,
  cursor: TimelineCursor | null | undefined,
) {
  await findReadableDeal(db, await visibilityOf(db, actor), dealId);
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      cursorAt: cursorTime(auditEvents.at),
      actorName: users.name,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.orgId, actor.orgId),
        eq(auditEvents.entityType, "deal"),
        eq(auditEvents.entityId, dealId),
        cursor ? olderThan(auditEvents.at, auditEvents.id, { time: cursor.at, id: cursor.id }) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit + 1);
  const { page, nextCursor } = keysetPage(rows, limit, (last) => ({ at: last.cursorAt, id: last.id }));
  return {
    items: page.map((item) => omit(item, "cursorAt")),
    nextCursor,
  };
}
