/**
 * goals.*: a person's own goals for a strategy period ("self-interests", DESIGN.md) and their alignment
 * score. Everyone writes only their own goals. Goals are written for an active strategy; an archived
 * strategy's goals stay readable. Quota goals track progress from closed-won deals at read time.
 * Visibility (docs/alignment.md "Who sees a goal"): private — the owner only (counted elsewhere, never
 * shown); manager — also the managers of the owner's teams (and their parents) and admins; team — also
 * teammates and viewers of the team.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { selectRows, type Database } from "@/db/client";
import { goalObjectiveLinks, goals } from "@/db/schema";
import { GOAL_CATEGORIES } from "@/server/domain/rep-alignment";
import { SUGGESTION_KINDS } from "@/server/domain/rep-alignment-model";
import { auditAs } from "@/server/services/audit";
import { alignmentFor, loadPeopleAlignment, type GoalRow } from "@/server/services/people-alignment";
import type { StrategyDetail } from "@/server/services/strategies";
import { staleVersion, badRequest, notFound } from "@/server/domain/errors";
import { orgProcedure, router, type OrgMembership } from "../init";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { strategyDetailSchema } from "@/server/domain/strategy-schemas";
import { findStrategy } from "@/server/services/strategy-records";

export const GOAL_VISIBILITIES = ["private", "manager", "team"] as const;

// ---------------------------------------------------------------------------------------------------
// Schemas

/** A non-negative amount with at most two decimals, as a decimal string (numbers are accepted too). */
const decimalSchema = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .pipe(
    z
      .string()
      .regex(/^-?\d{1,12}(\.\d{1,2})?$/, { message: "Enter a number with at most 2 decimals" })
      .refine((value) => !value.startsWith("-") || /^-0+(\.0+)?$/.test(value), { message: "Must not be negative" })
      .transform((value) => value.replace(/^-/, "")),
  );

const linkSchema = z.object({
  objectiveId: idSchema,
  strength: z.number().int().min(1, { message: "Use 1, 2 or 3" }).max(3, { message: "Use 1, 2 or 3" }),
});

const goalFields = z.object({
  category: z.enum(GOAL_CATEGORIES),
  title: z
    .string()
    .trim()
    .min(1, { message: "Required" })
    .max(200, { message: "Use at most 200 characters" })
    .regex(/^[^\p{Cc}]*$/u, { message: "Contains control characters" }),
  target: decimalSchema.nullable().default(null),
  unit: z.string().trim().max(20, { message: "Use at most 20 characters" }).default(""),
  currentValue: decimalSchema.default("0"),
  importance: z.number().int().min(1, { message: "Use 1, 2 or 3" }).max(3, { message: "Use 1, 2 or 3" }).default(2),
  visibility: z.enum(GOAL_VISIBILITIES).default("manager"),
  links: z
    .array(linkSchema)
    .max(20, { message: "At most 20 links" })
    .default([])
    .superRefine((links, ctx) => {
      const seen = new Set<string>();
      links.forEach((link, index) => {
        if (seen.has(link.objectiveId))
          ctx.addIssue({ code: "custom", path: [index, "objectiveId"], message: "Linked twice" });
        seen.add(link.objectiveId);
      });
    }),
});

/** Quota goals are money: their unit is the currency whose closed-won deals count towards them. */
function quotaUnit<T extends { category: string; unit: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.category === "quota" && !/^[A-Za-z]{3}$/.test(value.unit)) {
    ctx.addIssue({ code: "custom", path: ["unit"], message: "A quota goal's unit is a currency code, e.g. USD" });
  }
}

export const goalSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  strategyId: z.uuid(),
  category: z.enum(GOAL_CATEGORIES),
  title: z.string(),
  target: z.string().nullable(),
  unit: z.string(),
  currentValue: z.string(),
  /** True when the progress is computed (quota goals), false when entered by hand. */
  progressAutomatic: z.boolean(),
  importance: z.number().int(),
  visibility: z.enum(GOAL_VISIBILITIES),
  version: z.number().int(),
  links: z.array(z.object({ objectiveId: z.uuid(), strength: z.number().int() })),
});

const componentSchema = z.object({ value: z.number(), max: z.number().int(), points: z.number().int() });

export const alignmentSchema = z.object({
  score: z.number().int().min(0).max(100),
  components: z.object({ coverage: componentSchema, focus: componentSchema, pipelineFit: componentSchema }),
  objectives: z.array(
    z.object({
      objectiveId: z.uuid(),
      title: z.string(),
      weight: z.number().int(),
      strength: z.number().int(),
      pipelineShare: z.number(),
      /** Open pipeline amount on the objective (decimal string). */
      pipelineAmount: z.string(),
    }),
  ),
  unalignedShare: z.number(),
  unalignedAmount: z.string(),
  pipelineTotal: z.string(),
  /** The currencies summed in pipelineTotal; more than one means a mixed, unconverted sum. */
  pipelineCurrencies: z.array(z.string()),
  hasPipeline: z.boolean(),
  goals: z.object({ total: z.number().int(), linked: z.number().int(), orphanGoalIds: z.array(z.uuid()) }),
  reasons: z.array(z.string()),
  suggestions: z.array(
    z.object({
      kind: z.enum(SUGGESTION_KINDS),
      text: z.string(),
      gain: z.number().int().nullable(),
      objectiveId: z.string().nullable(),
      goalId: z.string().nullable(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------------
// Helpers

export function toGoal(row: GoalRow): z.infer<typeof goalSchema> {
  return { ...row, progressAutomatic: row.category === "quota" };
}

/** Goals are written only while their strategy is active. */
function assertWritable(strategy: StrategyDetail, field: string) {
  if (strategy.status !== "active") {
    badRequest(
      field,
      strategy.status === "archived"
        ? "This strategy is archived; its goals are read-only."
        : "Goals can be written once the strategy is active.",
    );
  }
}

function assertLinksInStrategy(strategy: StrategyDetail, links: { objectiveId: string }[]) {
  const known = new Set(strategy.objectives.map((o) => o.id));
  links.forEach((link, index) => {
    // Another organization's objective, or another strategy's: both simply are not objectives of this one.
    if (!known.has(link.objectiveId))
      badRequest(`links.${index}.objectiveId`, "Not an objective of this goal's strategy.");
  });
}

/** The goal's own columns as the input sets them (a quota's unit is a currency code, upper case). */
function goalValues(input: z.infer<typeof goalFields>) {
  return {
    category: input.category,
    title: input.title,
    target: input.target,
    unit: input.category === "quota" ? input.unit.toUpperCase() : input.unit,
    currentValue: input.currentValue,
    importance: input.importance,
    visibility: input.visibility,
  };
}

async function insertLinks(db: Database, orgId: string, goalId: string, links: z.infer<typeof linkSchema>[]) {
  if (links.length === 0) return;
  await db
    .insert(goalObjectiveLinks)
    .values(links.map((link) => ({ orgId, goalId, objectiveId: link.objectiveId, strength: link.strength })));
}

/** One of the caller's own goals (another person's, or another organization's, is NOT_FOUND), locked. */
async function ownGoal(db: Database, orgId: string, userId: string, goalId: string) {
  const [goal] = await selectRows<{
    id: string;
    strategyId: string;
    version: number;
    title: string;
    category: string;
    visibility: string;
  }>(
    db,
    sql`select g.id, g.strategy_id as "strategyId", g.version, g.title, g.category, g.visibility from goals g
        where g.org_id = ${orgId} and g.id = ${goalId} and g.user_id = ${userId} for update`,
  );
  if (!goal) notFound("goalId", "Goal not found.");
  return goal;
}

async function goalById(
  db: Database,
  membership: OrgMembership,
  userId: string,
  strategy: StrategyDetail,
  goalId: string,
) {
  const [me] = await loadPeopleAlignment(db, membership.orgId, strategy, { kind: "user", userId });
  const goal = me?.goals.find((g) => g.id === goalId);
  if (!goal) notFound("goalId", "Goal not found.");
  return toGoal(goal);
}

// ---------------------------------------------------------------------------------------------------

export const goalsRouter = router({
  /** The caller's goals for a strategy, with progress, and their own alignment score with reasons. */
  mine: orgProcedure("goals.read", { plans: "keyed" })
    .input(z.object({ strategyId: idSchema }))
    .output(z.object({ strategy: strategyDetailSchema, goals: z.array(goalSchema), alignment: alignmentSchema }))
    .query(async ({ ctx, input }) => {
      const strategy = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      const [me] = await loadPeopleAlignment(ctx.db, ctx.orgId, strategy, { kind: "user", userId: ctx.user.id });
      const person = me ?? { goals: [], pipeline: [], pipelineTotal: "0.00", pipelineCurrencies: [] };
      return {
        strategy,
        goals: person.goals.map(toGoal),
        alignment: alignmentFor(strategy, person, "owner", () => true),
      };
    }),

  /** Goals that people who sit in a team with the caller shared with the team ("team" visibility). */
  shared: orgProcedure("goals.read")
    .input(z.object({ strategyId: idSchema }))
    .output(
      z.array(
        z.object({ userId: z.uuid(), name: z.string(), teamNames: z.array(z.string()), goals: z.array(goalSchema) }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const strategy = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      const mates = await loadPeopleAlignment(ctx.db, ctx.orgId, strategy, { kind: "teammates", userId: ctx.user.id });
      return mates
        .map((mate) => ({
          userId: mate.userId,
          name: mate.name,
          teamNames: mate.teamNames,
          goals: mate.goals.filter((g) => g.visibility === "team").map(toGoal),
        }))
        .filter((mate) => mate.goals.length > 0);
    }),

  create: orgProcedure("goals.write")
    .input(goalFields.extend({ strategyId: idSchema }).superRefine(quotaUnit))
    .output(goalSchema)
    .mutation(async ({ ctx, input }) => {
      const strategy = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      assertWritable(strategy, "strategyId");
      assertLinksInStrategy(strategy, input.links);
      const id = crypto.randomUUID();
      await ctx.db
        .insert(goals)
        .values({ orgId: ctx.orgId, id, userId: ctx.user.id, strategyId: strategy.id, ...goalValues(input) });
      await insertLinks(ctx.db, ctx.orgId, id, input.links);
      return goalById(ctx.db, ctx.membership, ctx.user.id, strategy, id);
    }),

  /**
   * Replaces the goal's fields and links, as of the version the caller read (stale → CONFLICT). A change of
   * visibility is a sharing change and is audited (`goal.visibility_changed`); other goal edits are not
   * (DESIGN.md audits membership, roles, sharing, deletes, reviews and plans — not every goal edit).
   */
  update: orgProcedure("goals.write")
    // Visibility has no default here: an update that leaves it out must not quietly share a private goal.
    .input(
      goalFields
        .extend({ goalId: idSchema, version: versionSchema, visibility: z.enum(GOAL_VISIBILITIES) })
        .superRefine(quotaUnit),
    )
    .output(goalSchema)
    .mutation(async ({ ctx, input }) => {
      const goal = await ownGoal(ctx.db, ctx.orgId, ctx.user.id, input.goalId);
      const strategy = await findStrategy(ctx.db, ctx.membership, goal.strategyId);
      if (goal.version !== input.version) {
        const current = await goalById(ctx.db, ctx.membership, ctx.user.id, strategy, goal.id);
        throw staleVersion(
          `This goal was changed elsewhere (it is now at version ${goal.version}). Reload it and make your change again.`,
          current,
        );
      }
      assertWritable(strategy, "goalId");
      assertLinksInStrategy(strategy, input.links);
      await ctx.db
        .update(goals)
        .set({ ...goalValues(input), version: sql`${goals.version} + 1`, updatedAt: new Date() })
        .where(and(eq(goals.orgId, ctx.orgId), eq(goals.id, goal.id)));
      await ctx.db
        .delete(goalObjectiveLinks)
        .where(and(eq(goalObjectiveLinks.orgId, ctx.orgId), eq(goalObjectiveLinks.goalId, goal.id)));
      await insertLinks(ctx.db, ctx.orgId, goal.id, input.links);
      if (input.visibility !== goal.visibility) {
        // The title is recorded only when the goal is not private afterwards (admins, who read the log, may
        // then read the goal anyway); making a goal private keeps its title out of the log.
        await auditAs(ctx.db, ctx.actor, {
          action: "goal.visibility_changed",
          entityType: "goal",
          entityId: goal.id,
          before: { visibility: goal.visibility },
          after: {
            visibility: input.visibility,
            strategyId: goal.strategyId,
            category: input.category,
            ...(input.visibility === "private" ? {} : { title: input.title }),
          },
        });
      }
      return goalById(ctx.db, ctx.membership, ctx.user.id, strategy, goal.id);
    }),

  /** Deletes one of the caller's goals (and its links), audited. */
  delete: orgProcedure("goals.write")
    .input(z.object({ goalId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const goal = await ownGoal(ctx.db, ctx.orgId, ctx.user.id, input.goalId);
      const strategy = await findStrategy(ctx.db, ctx.membership, goal.strategyId);
      assertWritable(strategy, "goalId");
      await ctx.db.delete(goals).where(and(eq(goals.orgId, ctx.orgId), eq(goals.id, goal.id)));
      // A private goal's title stays out of the audit log, which admins read.
      await auditAs(ctx.db, ctx.actor, {
        action: "goal.deleted",
        entityType: "goal",
        entityId: goal.id,
        before: {
          strategyId: goal.strategyId,
          category: goal.category,
          visibility: goal.visibility,
          ...(goal.visibility === "private" ? {} : { title: goal.title }),
        },
      });
      return { id: goal.id };
    }),
});
