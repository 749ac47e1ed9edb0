/**
 * Deals: the pipeline (list, totals, board, export), one deal with its three-way alignment, and the changes
 * to it (create, update with a version, move between stages, disqualify with a reason). Stage changes,
 * disqualifications, owner changes and stakeholder changes are audited against the deal, which is also the
 * deal's timeline.
 */
import type { Actor } from "@/server/authz/actor";
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { selectRows, type Database } from "@/db/client";
import {
  accounts,
  auditEvents,
  contacts,
  dealAlignment,
  dealGoals,
  dealObjectiveMatches,
  dealObjectives,
  deals,
  disqualificationReasons,
  goals,
  memberships,
  objectives,
  stakeholders,
  strategies,
  teams,
  users,
} from "@/db/schema";
import {
  DEAL_FLAGS,
  GOAL_CATEGORIES,
  isOpenStage,
  OPEN_STAGES,
  pickStrategy,
  scoreDeal,
  type DealScore,
  type DealStage,
} from "@/server/domain/deal-alignment";
import {
  amountSchema,
  buyingRoleSchema,
  currencySchema,
  dateSchema,
  flagSchema,
  lineSchema,
  problemFitSchema,
  stageSchema,
  stanceSchema,
  textSchema,
} from "@/server/domain/deal-fields";
import { goalReadabilityFor } from "@/server/services/alignment";
import { recordAudit } from "@/server/services/audit";
import {
  assertPossibleOwner,
  canEditDeal,
  findEditableDeal,
  findReadableAccount,
  findReadableDeal,
  homeTeamOf,
  visibilityOf,
} from "@/server/services/deal-access";
import { staleVersion } from "../conflict";
import { orgProcedure, router } from "../init";
import { cursorTime, cursorTimeSchema, olderThan } from "../keyset";
import { idSchema, pageLimitSchema } from "../schemas";
import {
  omit,
  dealConditions,
  dealCursorSchema,
  dealFiltersSchema,
  dealRowSchema,
  orderBy,
  pageOfDeals,
  SORT_KEYS,
  sortSchema,
  totalGroups,
} from "./deal-queries";
import { AppError, badRequest, forbidden, notFound } from "@/server/domain/errors";

/** The columns of a pipeline row; the query must join accounts, users (owner) and deal_alignment (stored scores). */
const rowColumns = {
  id: deals.id,
  name: deals.name,
  accountId: deals.accountId,
  accountName: accounts.name,
  amount: deals.amount,
  currency: deals.currency,
  stage: deals.stage,
  closeDate: deals.closeDate,
  ownerId: deals.ownerId,
  ownerName: users.name,
  teamId: deals.teamId,
  product: deals.product,
  problemFit: deals.problemFit,
  disqualifiedReason: deals.disqualifiedReason,
  externalId: deals.externalId,
  score: dealAlignment.score,
  customer: dealAlignment.customer,
  company: dealAlignment.company,
  rep: dealAlignment.rep,
  flags: sql<(typeof DEAL_FLAGS)[number][]>`${dealAlignment.flags}`,
  version: deals.version,
  updatedAt: deals.updatedAt,
};

/** deals joined with what a pipeline row shows; every list-like query starts here. */
const pipelineJoins = {
  accounts: and(eq(accounts.orgId, deals.orgId), eq(accounts.id, deals.accountId)),
  owner: eq(users.id, deals.ownerId),
  scores: and(eq(dealAlignment.orgId, deals.orgId), eq(dealAlignment.dealId, deals.id)),
};

const listInput = z
  .object({
    filters: dealFiltersSchema.default({}),
    sort: sortSchema.default({ by: "closeDate", dir: "asc" }),
    limit: pageLimitSchema,
    cursor: dealCursorSchema.nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.cursor && !SORT_KEYS[input.sort.by].valid(input.cursor.key)) {
      ctx.addIssue({ code: "custom", path: ["cursor", "key"], message: "Not a cursor of this sort order" });
    }
  });

const totalsSchema = z.object({
  byStage: z.array(z.object({ stage: stageSchema, currency: z.string(), deals: z.number().int(), amount: z.string() })),
  /** Open stages only: closed and disqualified deals leave the pipeline but stay in byStage. */
  pipeline: z.array(z.object({ currency: z.string(), deals: z.number().int(), amount: z.string() })),
});

// ---------------------------------------------------------------------------------------------------
// One deal

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

const dealDetailSchema = z.object({
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

/** Everything one deal's page shows; a constant number of queries. Throws NOT_FOUND if not readable. */
async function loadDeal(db: Database, actor: Actor, dealId: string): Promise<DealDetail> {
  const visibility = await visibilityOf(db, actor);
  const [deal] = await db
    .select({
      id: deals.id,
      name: deals.name,
      accountId: accounts.id,
      accountName: accounts.name,
      industry: accounts.industry,
      segment: accounts.segment,
      region: accounts.region,
      amount: deals.amount,
      currency: deals.currency,
      stage: deals.stage,
      closeDate: deals.closeDate,
      ownerId: deals.ownerId,
      ownerName: users.name,
      teamId: deals.teamId,
      product: deals.product,
      customerProblem: deals.customerProblem,
      problemFit: deals.problemFit,
      disqualifiedReason: deals.disqualifiedReason,
      disqualifiedReasonId: deals.disqualifiedReasonId,
      disqualifiedNote: deals.disqualifiedNote,
      externalId: deals.externalId,
      version: deals.version,
      createdAt: deals.createdAt,
      updatedAt: deals.updatedAt,
    })
    .from(deals)
    .innerJoin(accounts, and(eq(accounts.orgId, deals.orgId), eq(accounts.id, deals.accountId)))
    .innerJoin(users, eq(users.id, deals.ownerId))
    .where(and(eq(deals.orgId, actor.orgId), eq(deals.id, dealId), visibility.deals));
  if (!deal) notFound("dealId", "Deal not found.");

  const [people, [calendar], objectiveRows, goalRows, [suggested]] = await Promise.all([
    db
      .select({
        id: stakeholders.id,
        contactId: stakeholders.contactId,
        contactName: contacts.name,
        contactTitle: contacts.title,
        contactEmail: contacts.email,
        buyingRole: stakeholders.buyingRole,
        influence: stakeholders.influence,
        stance: stakeholders.stance,
        personalWin: stakeholders.personalWin,
        businessGoal: stakeholders.businessGoal,
        howWeServeIt: stakeholders.howWeServeIt,
        version: stakeholders.version,
      })
      .from(stakeholders)
      .innerJoin(contacts, and(eq(contacts.orgId, stakeholders.orgId), eq(contacts.id, stakeholders.contactId)))
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
        matched: sql<boolean>`${dealObjectiveMatches.objectiveId} is not null`,
        explicit: sql<boolean>`coalesce(${dealObjectiveMatches.explicit}, false)`,
      })
      .from(objectives)
      .innerJoin(
        strategies,
        and(
          eq(strategies.orgId, objectives.orgId),
          eq(strategies.id, objectives.strategyId),
          eq(strategies.status, "active"),
        ),
      )
      .leftJoin(
        dealObjectiveMatches,
        and(
          eq(dealObjectiveMatches.orgId, objectives.orgId),
          eq(dealObjectiveMatches.objectiveId, objectives.id),
          eq(dealObjectiveMatches.dealId, dealId),
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
      .innerJoin(
        strategies,
        and(eq(strategies.orgId, goals.orgId), eq(strategies.id, goals.strategyId), eq(strategies.status, "active")),
      )
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

  const strategy = pickStrategy(calendar?.strategies ?? [], deal.closeDate, calendar?.today ?? "");
  const strategyObjectives = objectiveRows.filter((o) => o.strategyId === strategy?.id);
  // Goals count whatever their visibility, but their titles follow the team view's rule (canSeeGoal).
  const canRead = await goalReadabilityFor(db, actor.orgId, { userId: actor.userId, role: actor.role }, deal.ownerId);
  const strategyGoals = goalRows
    .filter((g) => g.strategyId === strategy?.id)
    .map(({ visibility, ...g }) => (canRead({ visibility }) ? g : { ...g, title: "A goal not shared with you" }));
  const alignment: DealScore = scoreDeal({
    stage: deal.stage,
    problemFit: deal.problemFit,
    stakeholders: people.map((p) => ({ ...p, name: p.contactName })),
    strategy: strategy ? { id: strategy.id, name: strategy.name, objectives: strategyObjectives } : null,
    matchedObjectiveIds: strategyObjectives.filter((o) => o.matched).map((o) => o.id),
    ownerGoals: strategyGoals,
  });
  const advanced = new Set(alignment.advancedGoals.map((g) => g.id));

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
    canEdit: canEditDeal(actor, deal),
    stakeholders: people,
    alignment: {
      score: alignment.score,
      components: alignment.components,
      flags: alignment.flags,
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
    goals: strategyGoals.map((g) => ({ ...g, advanced: advanced.has(g.id) })),
    suggestedDisqualification:
      alignment.flags.includes("DISQUALIFY") && isOpenStage(deal.stage) && suggested ? suggested : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Changes

/** CONFLICT with the deal as it is now (sent to clients as `data.current`, see ../conflict.ts). */
async function conflict(db: Database, actor: Actor, dealId: string): Promise<never> {
  const current = await loadDeal(db, actor, dealId);
  throw staleVersion(
    `Someone else changed this deal while you were editing (it is now at version ${current.version}). Review their changes and save again.`,
    current,
  );
}

/**
 * Objectives a deal may be linked to: new links go to objectives of an active strategy (drafts are not
 * visible to reps, archived ones are over); links the deal already has are kept, so editing an old deal works.
 */
async function assertLinkableObjectives(db: Database, orgId: string, ids: string[], dealId?: string) {
  if (ids.length === 0) return;
  const found = await db
    .select({
      id: objectives.id,
      status: strategies.status,
      linked: sql<boolean>`${dealObjectives.dealId} is not null`.mapWith(Boolean),
    })
    .from(objectives)
    .innerJoin(strategies, and(eq(strategies.orgId, objectives.orgId), eq(strategies.id, objectives.strategyId)))
    .leftJoin(
      dealObjectives,
      and(
        eq(dealObjectives.orgId, objectives.orgId),
        eq(dealObjectives.objectiveId, objectives.id),
        eq(dealObjectives.dealId, dealId ?? sql`null::uuid`),
      ),
    )
    .where(and(eq(objectives.orgId, orgId), inArray(objectives.id, ids)));
  if (found.length !== new Set(ids).size) notFound("objectiveIds", "Objective not found.");
  if (found.some((objective) => objective.status !== "active" && !objective.linked)) {
    badRequest("objectiveIds", "Link objectives of an active strategy only.");
  }
}

async function assertOwnerGoals(db: Database, orgId: string, ownerId: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: goals.id })
    .from(goals)
    .where(and(eq(goals.orgId, orgId), inArray(goals.id, ids), eq(goals.userId, ownerId)));
  if (found.length !== new Set(ids).size) {
    badRequest("goalIds", "Only goals of the deal's owner can be linked.");
  }
}

async function replaceLinks(
  db: Database,
  orgId: string,
  dealId: string,
  links: { objectiveIds?: string[]; goalIds?: string[] },
) {
  if (links.objectiveIds) {
    await db.delete(dealObjectives).where(and(eq(dealObjectives.orgId, orgId), eq(dealObjectives.dealId, dealId)));
    const ids = [...new Set(links.objectiveIds)];
    if (ids.length > 0)
      await db.insert(dealObjectives).values(ids.map((objectiveId) => ({ orgId, dealId, objectiveId })));
  }
  if (links.goalIds) {
    await db.delete(dealGoals).where(and(eq(dealGoals.orgId, orgId), eq(dealGoals.dealId, dealId)));
    const ids = [...new Set(links.goalIds)];
    if (ids.length > 0) await db.insert(dealGoals).values(ids.map((goalId) => ({ orgId, dealId, goalId })));
  }
}

const dealNameSchema = lineSchema(200, 1);
const productSchema = lineSchema(120)
  .nullish()
  .transform((value) => value || null);
const linkIdsSchema = z.array(idSchema).max(50);

const createInput = z.object({
  accountId: idSchema,
  name: dealNameSchema,
  amount: amountSchema.default("0"),
  currency: currencySchema.default("USD"),
  stage: stageSchema.default("prospecting"),
  closeDate: dateSchema.nullish(),
  ownerId: idSchema.optional(),
  product: productSchema,
  customerProblem: textSchema(5000).default(""),
  problemFit: problemFitSchema.default("unknown"),
  objectiveIds: linkIdsSchema.optional(),
  goalIds: linkIdsSchema.optional(),
});

const updateInput = z.object({
  dealId: idSchema,
  version: z.number().int().min(1),
  accountId: idSchema.optional(),
  name: dealNameSchema.optional(),
  amount: amountSchema.optional(),
  currency: currencySchema.optional(),
  stage: stageSchema.optional(),
  closeDate: dateSchema.nullish(),
  ownerId: idSchema.optional(),
  product: lineSchema(120).nullish(),
  customerProblem: textSchema(5000).optional(),
  problemFit: problemFitSchema.optional(),
  objectiveIds: linkIdsSchema.optional(),
  goalIds: linkIdsSchema.optional(),
});

const versionOutput = z.object({ id: z.uuid(), version: z.number().int(), stage: stageSchema });

const DISQUALIFY_VIA_ACTION = "stage: Disqualifying needs a reason: use Disqualify.";

async function auditStage(
  db: Database,
  actor: Actor,
  dealId: string,
  from: DealStage,
  to: DealStage,
  extra: Record<string, unknown> = {},
) {
  if (from === to) return;
  await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: from === "disqualified" ? "deal.reopened" : "deal.stage_changed",
    entityType: "deal",
    entityId: dealId,
    before: { stage: from },
    after: { stage: to, ...extra },
  });
}

const timelineCursorSchema = z.object({ at: cursorTimeSchema, id: z.uuid() });

export const dealsRouter = router({
  list: orgProcedure("deals.read")
    .input(listInput)
    .output(z.object({ items: z.array(dealRowSchema), nextCursor: dealCursorSchema.nullable() }))
    .query(async ({ ctx, input }) => {
      const visibility = await visibilityOf(ctx.db, ctx.actor);
      const page = pageOfDeals(ctx.db, visibility, input.filters, input.sort, input.cursor, input.limit + 1);
      const key = SORT_KEYS[input.sort.by];
      const rows = await ctx.db
        .select({ ...rowColumns, sortKey: key.text })
        .from(page)
        .innerJoin(deals, and(eq(deals.orgId, ctx.orgId), eq(deals.id, page.pageId)))
        .innerJoin(accounts, pipelineJoins.accounts)
        .innerJoin(users, pipelineJoins.owner)
        .innerJoin(dealAlignment, pipelineJoins.scores)
        .orderBy(...orderBy(input.sort));
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => omit(row, "sortKey")),
        nextCursor: rows.length > input.limit && last ? { key: last.sortKey, id: last.id } : null,
      };
    }),

  /** Count and sum per stage and currency for the filters (SQL; amounts stay decimal strings). */
  totals: orgProcedure("deals.read")
    .input(z.object({ filters: dealFiltersSchema.default({}) }))
    .output(totalsSchema)
    .query(async ({ ctx, input }) => {
      const visibility = await visibilityOf(ctx.db, ctx.actor);
      const groups = totalGroups(ctx.db, visibility, input.filters);
      // The pipeline (open stages only) summed in SQL from the same groups, so no float.
      const [byStage, pipeline] = await Promise.all([
        ctx.db
          .select({
            stage: groups.stage,
            currency: groups.currency,
            deals: sql<number>`sum(${groups.deals})::int`,
            amount: sql<string>`sum(${groups.amount})::text`,
          })
          .from(groups)
          .groupBy(groups.stage, groups.currency)
          .orderBy(groups.stage, groups.currency),
        ctx.db
          .select({
            currency: groups.currency,
            deals: sql<number>`sum(${groups.deals})::int`,
            amount: sql<string>`sum(${groups.amount})::text`,
          })
          .from(groups)
          .where(inArray(groups.stage, [...OPEN_STAGES]))
          .groupBy(groups.currency)
          .orderBy(groups.currency),
      ]);
      return { byStage, pipeline };
    }),

  /** The kanban: per stage, the first deals by close date (at most `perStage`), with the stage's count. */
  board: orgProcedure("deals.read")
    .input(z.object({ filters: dealFiltersSchema.default({}), perStage: z.number().int().min(1).max(100).default(50) }))
    .output(
      z.object({
        columns: z.array(z.object({ stage: stageSchema, count: z.number().int(), items: z.array(dealRowSchema) })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const visibility = await visibilityOf(ctx.db, ctx.actor);
      const stages = input.filters.stages?.length ? input.filters.stages : [...stageSchema.options];
      const conditions = and(...dealConditions(ctx.orgId, visibility, { ...input.filters, stages: undefined }));
      // The first `perStage` deals of each stage: one ordered scan of (org_id, stage_name, close_key, id) each.
      const firstOfEachStage = sql`(
        select top.id from unnest(array[${sql.join(
          stages.map((stage) => sql`${stage}`),
          sql`, `,
        )}]::text[]) as column_stage(stage)
        cross join lateral (
          select ${deals.id} as id from ${deals}
          where ${conditions} and ${deals.stageName} = column_stage.stage
          order by ${deals.closeKey}, ${deals.id} limit ${input.perStage}
        ) top)`;
      const groups = totalGroups(ctx.db, visibility, input.filters);
      const [rows, counts] = await Promise.all([
        ctx.db
          .select(rowColumns)
          .from(deals)
          .innerJoin(accounts, pipelineJoins.accounts)
          .innerJoin(users, pipelineJoins.owner)
          .innerJoin(dealAlignment, pipelineJoins.scores)
          .where(and(eq(deals.orgId, ctx.orgId), sql`${deals.id} in ${firstOfEachStage}`))
          .orderBy(deals.stage, deals.closeKey, deals.id),
        ctx.db
          .select({ stage: groups.stage, count: sql<number>`sum(${groups.deals})::int` })
          .from(groups)
          .groupBy(groups.stage),
      ]);
      const columns = stageSchema.options.map((stage) => ({
        stage,
        count: counts.find((row) => row.stage === stage)?.count ?? 0,
        items: rows.filter((row) => row.stage === stage),
      }));
      return { columns };
    }),

  /** Every row of the filtered list (up to 10,000), for the CSV export. */
  export: orgProcedure("deals.read")
    .input(
      z.object({ filters: dealFiltersSchema.default({}), sort: sortSchema.default({ by: "closeDate", dir: "asc" }) }),
    )
    .output(z.object({ items: z.array(dealRowSchema), truncated: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const LIMIT = 10_000;
      const visibility = await visibilityOf(ctx.db, ctx.actor);
      const page = pageOfDeals(ctx.db, visibility, input.filters, input.sort, null, LIMIT + 1);
      const rows = await ctx.db
        .select(rowColumns)
        .from(page)
        .innerJoin(deals, and(eq(deals.orgId, ctx.orgId), eq(deals.id, page.pageId)))
        .innerJoin(accounts, pipelineJoins.accounts)
        .innerJoin(users, pipelineJoins.owner)
        .innerJoin(dealAlignment, pipelineJoins.scores)
        .orderBy(...orderBy(input.sort));
      return { items: rows.slice(0, LIMIT), truncated: rows.length > LIMIT };
    }),

  /** What the pipeline's filters and the deal form offer: owners, teams, objectives, reasons. */
  options: orgProcedure("deals.read")
    .output(
      z.object({
        owners: z.array(z.object({ id: z.uuid(), name: z.string() })),
        teams: z.array(z.object({ id: z.uuid(), name: z.string(), parentTeamId: z.uuid().nullable() })),
        objectives: z.array(
          z.object({ id: z.uuid(), title: z.string(), weight: z.number().int(), strategyName: z.string() }),
        ),
        reasons: z.array(z.object({ id: z.uuid(), label: z.string() })),
      }),
    )
    .query(async ({ ctx }) => {
      const [owners, teamRows, objectiveRows, reasons] = await Promise.all([
        ctx.db
          .select({ id: users.id, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(eq(memberships.orgId, ctx.orgId), eq(memberships.status, "active"), ne(memberships.role, "viewer")),
          )
          .orderBy(asc(users.name)),
        ctx.db
          .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
          .from(teams)
          .where(eq(teams.orgId, ctx.orgId))
          .orderBy(asc(teams.name)),
        ctx.db
          .select({
            id: objectives.id,
            title: objectives.title,
            weight: objectives.weight,
            strategyName: strategies.name,
          })
          .from(objectives)
          .innerJoin(strategies, and(eq(strategies.orgId, objectives.orgId), eq(strategies.id, objectives.strategyId)))
          .where(and(eq(objectives.orgId, ctx.orgId), eq(strategies.status, "active")))
          .orderBy(desc(strategies.startsOn), asc(objectives.position)),
        ctx.db
          .select({ id: disqualificationReasons.id, label: disqualificationReasons.label })
          .from(disqualificationReasons)
          .where(and(eq(disqualificationReasons.orgId, ctx.orgId), eq(disqualificationReasons.archived, false)))
          .orderBy(asc(disqualificationReasons.position), asc(disqualificationReasons.label)),
      ]);
      return { owners, teams: teamRows, objectives: objectiveRows, reasons };
    }),

  get: orgProcedure("deals.read")
    .input(z.object({ dealId: idSchema }))
    .output(dealDetailSchema)
    .query(({ ctx, input }) => loadDeal(ctx.db, ctx.actor, input.dealId)),

  create: orgProcedure("deals.write")
    .input(createInput)
    .output(versionOutput)
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      if (input.stage === "disqualified") throw new AppError("BAD_REQUEST", DISQUALIFY_VIA_ACTION);
      const ownerId = input.ownerId ?? ctx.user.id;
      if (ownerId !== ctx.user.id && actor.role !== "admin") {
        forbidden("ownerId", "Only an admin can create deals for someone else.");
      }
      const visibility = await visibilityOf(ctx.db, actor);
      await findReadableAccount(ctx.db, visibility, input.accountId);
      await assertPossibleOwner(ctx.db, ctx.orgId, ownerId);
      await assertLinkableObjectives(ctx.db, ctx.orgId, input.objectiveIds ?? []);
      await assertOwnerGoals(ctx.db, ctx.orgId, ownerId, input.goalIds ?? []);
      const id = crypto.randomUUID();
      await ctx.db.insert(deals).values({
        orgId: ctx.orgId,
        id,
        accountId: input.accountId,
        name: input.name,
        amount: input.amount,
        currency: input.currency,
        stage: input.stage,
        closeDate: input.closeDate ?? null,
        ownerId,
        teamId: await homeTeamOf(ctx.db, ctx.orgId, ownerId),
        product: input.product,
        customerProblem: input.customerProblem,
        problemFit: input.problemFit,
      });
      await replaceLinks(ctx.db, ctx.orgId, id, input);
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "deal.created",
        entityType: "deal",
        entityId: id,
        after: { name: input.name, stage: input.stage, amount: input.amount, currency: input.currency, ownerId },
      });
      return { id, version: 1, stage: input.stage };
    }),

  /**
   * Edits a deal as of `version`. A stale version answers CONFLICT (the current record is the error's
   * cause); nothing is overwritten. Moving to "disqualified" goes through `disqualify` (a reason is needed);
   * moving out of it reopens the deal.
   */
  update: orgProcedure("deals.write")
    .input(updateInput)
    .output(versionOutput)
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const visibility = await visibilityOf(ctx.db, actor);
      await findEditableDeal(ctx.db, visibility, input.dealId);
      const [current] = await ctx.db
        .select()
        .from(deals)
        .where(and(eq(deals.orgId, ctx.orgId), eq(deals.id, input.dealId)));
      if (!current) notFound("dealId", "Deal not found.");
      if (current.version !== input.version) return conflict(ctx.db, actor, input.dealId);
      if (input.stage === "disqualified" && current.stage !== "disqualified")
        throw new AppError("BAD_REQUEST", DISQUALIFY_VIA_ACTION);

      const patch: Partial<typeof deals.$inferInsert> = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const set = <K extends keyof typeof deals.$inferInsert>(
        key: K,
        value: (typeof deals.$inferInsert)[K] | undefined,
      ) => {
        if (value === undefined || value === current[key as keyof typeof current]) return;
        patch[key] = value;
        before[key] = current[key as keyof typeof current];
        after[key] = value;
      };
      set("name", input.name);
      set("amount", input.amount);
      set("currency", input.currency);
      set("closeDate", input.closeDate === undefined ? undefined : (input.closeDate ?? null));
      set("product", input.product === undefined ? undefined : input.product || null);
      set("customerProblem", input.customerProblem);
      set("problemFit", input.problemFit);
      // Amounts compare as decimals ("100" equals "100.00"): let Postgres decide whether it changed.
      if (patch.amount !== undefined) {
        const [same] = await selectRows<{ same: boolean }>(
          ctx.db,
          sql`select ${patch.amount}::numeric = ${current.amount}::numeric as same`,
        );
        if (same?.same) {
          delete patch.amount;
          delete before.amount;
          delete after.amount;
        }
      }

      if (input.accountId !== undefined && input.accountId !== current.accountId) {
        await findReadableAccount(ctx.db, visibility, input.accountId);
        const [people] = await ctx.db
          .select({ n: count() })
          .from(stakeholders)
          .where(and(eq(stakeholders.orgId, ctx.orgId), eq(stakeholders.dealId, input.dealId)));
        if ((people?.n ?? 0) > 0) {
          badRequest("accountId", "Remove the deal's stakeholders before moving it to another account.");
        }
        set("accountId", input.accountId);
      }

      let ownerChange: { from: string; to: string; fromName: string; toName: string } | null = null;
      if (input.ownerId !== undefined && input.ownerId !== current.ownerId) {
        if (actor.role !== "admin") forbidden("ownerId", "Only an admin can reassign a deal.");
        const owner = await assertPossibleOwner(ctx.db, ctx.orgId, input.ownerId);
        const [previous] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, current.ownerId));
        patch.ownerId = input.ownerId;
        patch.teamId = await homeTeamOf(ctx.db, ctx.orgId, input.ownerId);
        ownerChange = { from: current.ownerId, to: input.ownerId, fromName: previous?.name ?? "", toName: owner.name };
      }

      const stageChange =
        input.stage !== undefined && input.stage !== current.stage ? { from: current.stage, to: input.stage } : null;
      if (stageChange) {
        patch.stage = stageChange.to;
        if (stageChange.from === "disqualified")
          Object.assign(patch, { disqualifiedReason: null, disqualifiedReasonId: null, disqualifiedNote: null });
      }

      const ownerId = patch.ownerId ?? current.ownerId;
      await assertLinkableObjectives(ctx.db, ctx.orgId, input.objectiveIds ?? [], current.id);
      await assertOwnerGoals(ctx.db, ctx.orgId, ownerId, input.goalIds ?? []);
      const linksChanged = input.objectiveIds !== undefined || input.goalIds !== undefined || ownerChange !== null;
      if (Object.keys(patch).length === 0 && !linksChanged)
        return { id: current.id, version: current.version, stage: current.stage };

      const [updated] = await ctx.db
        .update(deals)
        .set({ ...patch, version: sql`${deals.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(deals.orgId, ctx.orgId), eq(deals.id, input.dealId), eq(deals.version, input.version)))
        .returning({ version: deals.version, stage: deals.stage });
      if (!updated) return conflict(ctx.db, actor, input.dealId);

      // A new owner's deal cannot advance the previous owner's goals.
      const goalIds = input.goalIds ?? (ownerChange ? [] : undefined);
      await replaceLinks(ctx.db, ctx.orgId, input.dealId, { objectiveIds: input.objectiveIds, goalIds });

      // An amount is recorded with its currency, so the timeline and the audit log can show it in that currency.
      if ("amount" in after) {
        before.currency ??= current.currency;
        after.currency ??= current.currency;
      }
      if (Object.keys(after).length > 0 || input.objectiveIds || input.goalIds) {
        await recordAudit(ctx.db, {
          orgId: ctx.orgId,
          actorId: ctx.user.id,
          action: "deal.updated",
          entityType: "deal",
          entityId: input.dealId,
          before,
          after: {
            ...after,
            ...(input.objectiveIds ? { objectiveIds: input.objectiveIds } : {}),
            ...(input.goalIds ? { goalIds: input.goalIds } : {}),
          },
        });
      }
      if (stageChange) await auditStage(ctx.db, actor, input.dealId, stageChange.from, stageChange.to);
      if (ownerChange) {
        await recordAudit(ctx.db, {
          orgId: ctx.orgId,
          actorId: ctx.user.id,
          action: "deal.owner_changed",
          entityType: "deal",
          entityId: input.dealId,
          before: { ownerId: ownerChange.from, ownerName: ownerChange.fromName },
          after: { ownerId: ownerChange.to, ownerName: ownerChange.toName },
        });
      }
      return { id: input.dealId, version: updated.version, stage: updated.stage };
    }),

  /** Moves a deal to another stage (the kanban); out of "disqualified" it reopens the deal. */
  move: orgProcedure("deals.write")
    .input(z.object({ dealId: idSchema, version: z.number().int().min(1), stage: stageSchema }))
    .output(versionOutput)
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const deal = await findEditableDeal(ctx.db, await visibilityOf(ctx.db, actor), input.dealId);
      if (input.stage === "disqualified" && deal.stage !== "disqualified")
        throw new AppError("BAD_REQUEST", DISQUALIFY_VIA_ACTION);
      if (deal.version !== input.version) return conflict(ctx.db, actor, input.dealId);
      if (deal.stage === input.stage) return { id: deal.id, version: deal.version, stage: deal.stage };
      const reopen =
        deal.stage === "disqualified"
          ? { disqualifiedReason: null, disqualifiedReasonId: null, disqualifiedNote: null }
          : {};
      const [updated] = await ctx.db
        .update(deals)
        .set({ stage: input.stage, ...reopen, version: sql`${deals.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(deals.orgId, ctx.orgId), eq(deals.id, input.dealId), eq(deals.version, input.version)))
        .returning({ version: deals.version, stage: deals.stage });
      if (!updated) return conflict(ctx.db, actor, input.dealId);
      await auditStage(ctx.db, actor, input.dealId, deal.stage, input.stage);
      return { id: deal.id, version: updated.version, stage: updated.stage };
    }),

  /** Disqualifies a deal with a reason from the organization's list and a free note. */
  disqualify: orgProcedure("deals.write")
    .input(
      z.object({
        dealId: idSchema,
        version: z.number().int().min(1),
        reasonId: idSchema,
        note: textSchema(2000).default(""),
      }),
    )
    .output(versionOutput)
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const deal = await findEditableDeal(ctx.db, await visibilityOf(ctx.db, actor), input.dealId);
      const [reason] = await ctx.db
        .select({
          id: disqualificationReasons.id,
          label: disqualificationReasons.label,
          archived: disqualificationReasons.archived,
        })
        .from(disqualificationReasons)
        .where(and(eq(disqualificationReasons.orgId, ctx.orgId), eq(disqualificationReasons.id, input.reasonId)));
      if (!reason) notFound("reasonId", "Reason not found.");
      if (reason.archived) badRequest("reasonId", "This reason is archived; pick another one.");
      if (deal.version !== input.version) return conflict(ctx.db, actor, input.dealId);
      const [updated] = await ctx.db
        .update(deals)
        .set({
          stage: "disqualified",
          disqualifiedReason: reason.label,
          disqualifiedReasonId: reason.id,
          disqualifiedNote: input.note || null,
          version: sql`${deals.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(deals.orgId, ctx.orgId), eq(deals.id, input.dealId), eq(deals.version, input.version)))
        .returning({ version: deals.version, stage: deals.stage });
      if (!updated) return conflict(ctx.db, actor, input.dealId);
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "deal.disqualified",
        entityType: "deal",
        entityId: input.dealId,
        before: { stage: deal.stage },
        after: { stage: "disqualified", reason: reason.label, reasonId: reason.id, note: input.note },
      });
      return { id: deal.id, version: updated.version, stage: updated.stage };
    }),

  /** The deal's history from the audit log, newest first: stage, owner, stakeholder and field changes. */
  timeline: orgProcedure("deals.read")
    .input(z.object({ dealId: idSchema, limit: pageLimitSchema, cursor: timelineCursorSchema.nullish() }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            at: z.date(),
            actorName: z.string().nullable(),
            action: z.string(),
            before: z.unknown(),
            after: z.unknown(),
          }),
        ),
        nextCursor: timelineCursorSchema.nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      await findReadableDeal(ctx.db, await visibilityOf(ctx.db, ctx.actor), input.dealId);
      const rows = await ctx.db
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
            eq(auditEvents.orgId, ctx.orgId),
            eq(auditEvents.entityType, "deal"),
            eq(auditEvents.entityId, input.dealId),
            input.cursor
              ? olderThan(auditEvents.at, auditEvents.id, { time: input.cursor.at, id: input.cursor.id })
              : undefined,
          ),
        )
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map((item) => omit(item, "cursorAt")),
        nextCursor: rows.length > input.limit && last ? { at: last.cursorAt, id: last.id } : null,
      };
    }),
});
