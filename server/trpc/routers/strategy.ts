/**
 * strategy.*: the company's strategy per period — objectives with weights, owners and focus rules.
 * Rules (docs/alignment.md "Strategies"): weights are whole numbers that sum to 100 before a strategy can be
 * active (and while it is); the periods of two active strategies never overlap (drafts may); edits name
 * the version they read (stale → CONFLICT); changes to an active strategy are audited. Each mutation runs
 * in the procedure's one transaction, so a refused change leaves nothing behind.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { selectRows, type Database } from "@/db/client";
import { memberships, objectiveFocus, objectives, strategies } from "@/db/schema";
import { can } from "@/server/authz/permissions";
import { activationProblem, currentStrategyId, todayUtc } from "@/server/domain/strategy-rules";
import { recordAudit } from "@/server/services/audit";
import { listStrategies, loadStrategy, type StrategyDetail } from "@/server/services/alignment";
import { staleVersion } from "../conflict";
import { orgProcedure, router, type OrgMembership } from "../init";
import { idSchema } from "../schemas";
import { badRequest, notFound } from "@/server/domain/errors";

export const STRATEGY_STATUSES = ["draft", "active", "archived"] as const;
export const FOCUS_DIMENSIONS = ["industry", "segment", "region", "product"] as const;

// ---------------------------------------------------------------------------------------------------
// Schemas

const dateSchema = z.iso
  .date({ message: "Use a date like 2027-01-31" })
  .refine((date) => date >= "1970-01-01" && date <= "2999-12-31", { message: "Use a date between 1970 and 2999" });
const textLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: "Required" })
    .max(max, { message: `Use at most ${max} characters` })
    .regex(/^[^\p{Cc}]*$/u, { message: "Contains control characters" });

const periodFields = { name: textLine(120), startsOn: dateSchema, endsOn: dateSchema };
const endsAfterStart = <T extends { startsOn: string; endsOn: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.endsOn < value.startsOn)
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The period must end on or after its start" });
};

const focusRuleSchema = z.object({ dimension: z.enum(FOCUS_DIMENSIONS), value: textLine(80) });

const objectiveInputSchema = z.object({
  /** Present for an objective that already exists (its goal links are kept); absent for a new one. */
  id: idSchema.optional(),
  title: textLine(200),
  description: z.string().trim().max(2000, { message: "Use at most 2000 characters" }).default(""),
  weight: z
    .number({ message: "Enter a whole number from 0 to 100" })
    .int({ message: "Use a whole number" })
    .min(0, { message: "Must be 0 or more" })
    .max(100, { message: "Must be 100 or less" }),
  ownerId: idSchema.nullable().default(null),
  focus: z.array(focusRuleSchema).max(20, { message: "At most 20 focus rules per objective" }).default([]),
});

const objectivesSchema = z
  .array(objectiveInputSchema)
  .max(20, { message: "At most 20 objectives" })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((objective, index) => {
      if (!objective.id) return;
      if (seen.has(objective.id)) ctx.addIssue({ code: "custom", path: [index, "id"], message: "Listed twice" });
      seen.add(objective.id);
    });
  });

const versionSchema = z.number().int().min(1);

export const strategySummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(STRATEGY_STATUSES),
  version: z.number().int(),
  objectiveCount: z.number().int(),
  weightTotal: z.number().int(),
});

export const objectiveSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  weight: z.number().int(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  position: z.number().int(),
  focus: z.array(z.object({ dimension: z.enum(FOCUS_DIMENSIONS), value: z.string() })),
});

export const strategyDetailSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(STRATEGY_STATUSES),
  version: z.number().int(),
  objectives: z.array(objectiveSchema),
});

// ---------------------------------------------------------------------------------------------------
// Helpers

function canSeeDrafts(membership: OrgMembership) {
  return can(membership.role, "strategy.manage");
}

/** The strategy, or NOT_FOUND (another organization's, or a draft for someone who may not see drafts). */
export async function findStrategy(
  db: Database,
  membership: OrgMembership,
  strategyId: string,
  field = "strategyId",
): Promise<StrategyDetail> {
  const strategy = await loadStrategy(db, membership.orgId, strategyId);
  if (!strategy || (strategy.status === "draft" && !canSeeDrafts(membership))) {
    notFound(field, "Strategy not found.");
  }
  return strategy;
}

/**
 * Serializes the changes that must see every active strategy (activation, period edits): all of the
 * organization's strategy rows are locked until the transaction ends, so two overlapping strategies cannot
 * be activated at the same moment.
 */
async function lockStrategies(db: Database, orgId: string) {
  await db.execute(sql`select s.id from strategies s where s.org_id = ${orgId} order by s.id for update`);
}

function conflict(current: StrategyDetail): never {
  throw staleVersion(
    `Someone else changed this strategy (it is now at version ${current.version}). Reload it and make your change again.`,
    current,
  );
}

async function assertNoActiveOverlap(
  db: Database,
  orgId: string,
  strategy: { id: string; startsOn: string; endsOn: string },
) {
  const [clash] = await selectRows<{ name: string; startsOn: string; endsOn: string }>(
    db,
    sql`select s.name, s.starts_on::text as "startsOn", s.ends_on::text as "endsOn" from strategies s
        where s.org_id = ${orgId} and s.status = 'active' and s.id <> ${strategy.id}
          and s.starts_on <= ${strategy.endsOn}::date and s.ends_on >= ${strategy.startsOn}::date
        order by s.starts_on limit 1`,
  );
  if (clash) {
    badRequest(
      "startsOn",
      `The period overlaps the active strategy “${clash.name}” (${clash.startsOn} to ${clash.endsOn}). Only one strategy can be active for a period.`,
    );
  }
}

async function assertMembers(db: Database, orgId: string, list: { ownerId: string | null }[]) {
  const ids = [...new Set(list.map((o) => o.ownerId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const found = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, ids), eq(memberships.status, "active")));
  const known = new Set(found.map((row) => row.userId));
  list.forEach((objective, index) => {
    if (objective.ownerId !== null && !known.has(objective.ownerId))
      badRequest(`objectives.${index}.ownerId`, "Not an active member of this organization.");
  });
}

type ObjectiveInput = z.infer<typeof objectiveInputSchema>;

/** Inserts objectives (new ids) and their focus rules, in two statements. */
async function insertObjectives(
  db: Database,
  orgId: string,
  strategyId: string,
  list: (ObjectiveInput & { id: string; position: number })[],
) {
  if (list.length === 0) return;
  await db.insert(objectives).values(
    list.map((o) => ({
      orgId,
      id: o.id,
      strategyId,
      title: o.title,
      description: o.description,
      weight: o.weight,
      ownerId: o.ownerId,
      position: o.position,
    })),
  );
  const focus = list.flatMap((o) =>
    dedupeFocus(o.focus).map((f) => ({
      orgId,
      id: crypto.randomUUID(),
      objectiveId: o.id,
      dimension: f.dimension,
      value: f.value,
    })),
  );
  if (focus.length > 0) await db.insert(objectiveFocus).values(focus);
}

/** The same rule twice (ignoring case) means nothing more: keep one. */
function dedupeFocus(focus: ObjectiveInput["focus"]) {
  const seen = new Set<string>();
  return focus.filter((f) => {
    const key = `${f.dimension}:${f.value.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the audit log keeps of a strategy: enough to see what changed. */
function auditShape(strategy: StrategyDetail) {
  return {
    name: strategy.name,
    startsOn: strategy.startsOn,
    endsOn: strategy.endsOn,
    status: strategy.status,
    objectives: strategy.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      weight: o.weight,
      ownerId: o.ownerId,
      focus: o.focus,
    })),
  };
}

async function reload(db: Database, orgId: string, strategyId: string): Promise<StrategyDetail> {
  const strategy = await loadStrategy(db, orgId, strategyId);
  if (!strategy) notFound("strategyId", "Strategy not found.");
  return strategy;
}

// ---------------------------------------------------------------------------------------------------

export const strategyRouter = router({
  /** Strategies by period, newest first; drafts only for those who manage strategy. Marks the current one. */
  list: orgProcedure("strategy.read")
    .output(z.object({ items: z.array(strategySummarySchema), currentId: z.uuid().nullable() }))
    .query(async ({ ctx }) => {
      const items = await listStrategies(ctx.db, ctx.orgId, canSeeDrafts(ctx.membership));
      return { items, currentId: currentStrategyId(items, todayUtc()) };
    }),

  get: orgProcedure("strategy.read")
    .input(z.object({ strategyId: idSchema }))
    .output(strategyDetailSchema)
    .query(async ({ ctx, input }) => findStrategy(ctx.db, ctx.membership, input.strategyId)),

  /** A new draft for a period, without objectives. */
  create: orgProcedure("strategy.manage")
    .input(z.object(periodFields).superRefine(endsAfterStart))
    .output(strategyDetailSchema)
    .mutation(async ({ ctx, input }) => {
      const id = crypto.randomUUID();
      await ctx.db.insert(strategies).values({
        orgId: ctx.orgId,
        id,
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        status: "draft",
      });
      const created = await reload(ctx.db, ctx.orgId, id);
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "strategy.created",
        entityType: "strategy",
        entityId: id,
        after: auditShape(created),
      });
      return created;
    }),

  /**
   * Saves the whole strategy — name, period and the full list of objectives with their focus rules — as of
   * the version the editor read. Objectives keep their ids (and so their goal links); objectives left out
   * are deleted with their links. An active strategy must keep weights summing to 100 and a period that
   * overlaps no other active strategy; its edits are audited with the before and after.
   */
  update: orgProcedure("strategy.manage")
    .input(
      z
        .object({ strategyId: idSchema, version: versionSchema, ...periodFields, objectives: objectivesSchema })
        .superRefine(endsAfterStart),
    )
    .output(strategyDetailSchema)
    .mutation(async ({ ctx, input }) => {
      await lockStrategies(ctx.db, ctx.orgId);
      const before = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      if (before.version !== input.version) conflict(before);
      if (before.status === "archived")
        badRequest("status", "An archived strategy is read-only. Duplicate it to start from it.");

      const existing = new Set(before.objectives.map((o) => o.id));
      input.objectives.forEach((o, index) => {
        if (o.id !== undefined && !existing.has(o.id))
          badRequest(`objectives.${index}.id`, "Not an objective of this strategy.");
      });
      await assertMembers(ctx.db, ctx.orgId, input.objectives);
      if (before.status === "active") {
        const problem = activationProblem(input.objectives);
        if (problem) badRequest("objectives", `${problem} An active strategy must keep weights that sum to 100.`);
        await assertNoActiveOverlap(ctx.db, ctx.orgId, {
          id: before.id,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
        });
      }

      await ctx.db
        .update(strategies)
        .set({
          name: input.name,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          version: sql`${strategies.version} + 1`,
        })
        .where(and(eq(strategies.orgId, ctx.orgId), eq(strategies.id, before.id)));

      const kept = input.objectives
        .filter((o): o is ObjectiveInput & { id: string } => o.id !== undefined)
        .map((o) => o.id);
      const removed = before.objectives.map((o) => o.id).filter((id) => !kept.includes(id));
      if (removed.length > 0)
        await ctx.db.delete(objectives).where(and(eq(objectives.orgId, ctx.orgId), inArray(objectives.id, removed)));
      // Focus rules are rewritten as a whole: delete those of the kept objectives, insert the new list.
      if (kept.length > 0)
        await ctx.db
          .delete(objectiveFocus)
          .where(and(eq(objectiveFocus.orgId, ctx.orgId), inArray(objectiveFocus.objectiveId, kept)));
      const positioned = input.objectives.map((o, position) => ({ ...o, position }));
      for (const o of positioned) {
        if (o.id === undefined) continue;
        await ctx.db
          .update(objectives)
          .set({
            title: o.title,
            description: o.description,
            weight: o.weight,
            ownerId: o.ownerId,
            position: o.position,
          })
          .where(and(eq(objectives.orgId, ctx.orgId), eq(objectives.id, o.id)));
      }
      const focusOfKept = positioned
        .filter((o) => o.id !== undefined)
        .flatMap((o) =>
          dedupeFocus(o.focus).map((f) => ({
            orgId: ctx.orgId,
            id: crypto.randomUUID(),
            objectiveId: o.id as string,
            dimension: f.dimension,
            value: f.value,
          })),
        );
      if (focusOfKept.length > 0) await ctx.db.insert(objectiveFocus).values(focusOfKept);
      await insertObjectives(
        ctx.db,
        ctx.orgId,
        before.id,
        positioned.filter((o) => o.id === undefined).map((o) => ({ ...o, id: crypto.randomUUID() })),
      );

      const after = await reload(ctx.db, ctx.orgId, before.id);
      if (before.status === "active") {
        await recordAudit(ctx.db, {
          orgId: ctx.orgId,
          actorId: ctx.user.id,
          action: "strategy.updated",
          entityType: "strategy",
          entityId: before.id,
          before: auditShape(before),
          after: auditShape(after),
        });
      }
      return after;
    }),

  /** Draft → active, when its weights sum to 100 and no other active strategy shares a day of its period. */
  activate: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, version: versionSchema }))
    .output(strategyDetailSchema)
    .mutation(async ({ ctx, input }) => {
      await lockStrategies(ctx.db, ctx.orgId);
      const strategy = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      if (strategy.version !== input.version) conflict(strategy);
      if (strategy.status !== "draft")
        badRequest("status", `Only a draft can be activated; this strategy is ${strategy.status}.`);
      const problem = activationProblem(strategy.objectives);
      if (problem) badRequest("objectives", problem);
      await assertNoActiveOverlap(ctx.db, ctx.orgId, strategy);
      await ctx.db
        .update(strategies)
        .set({ status: "active", version: sql`${strategies.version} + 1` })
        .where(and(eq(strategies.orgId, ctx.orgId), eq(strategies.id, strategy.id)));
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "strategy.activated",
        entityType: "strategy",
        entityId: strategy.id,
        before: { status: strategy.status },
        after: { status: "active" },
      });
      return reload(ctx.db, ctx.orgId, strategy.id);
    }),

  /** Active (or draft) → archived: read-only from then on; its goals and scores stay readable. */
  archive: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, version: versionSchema }))
    .output(strategyDetailSchema)
    .mutation(async ({ ctx, input }) => {
      const strategy = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      if (strategy.version !== input.version) conflict(strategy);
      if (strategy.status === "archived") badRequest("status", "This strategy is already archived.");
      await ctx.db
        .update(strategies)
        .set({ status: "archived", version: sql`${strategies.version} + 1` })
        .where(and(eq(strategies.orgId, ctx.orgId), eq(strategies.id, strategy.id)));
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "strategy.archived",
        entityType: "strategy",
        entityId: strategy.id,
        before: { status: strategy.status },
        after: { status: "archived" },
      });
      return reload(ctx.db, ctx.orgId, strategy.id);
    }),

  /** A new draft for another period, starting from a copy of this strategy's objectives and focus rules. */
  duplicate: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, ...periodFields }).superRefine(endsAfterStart))
    .output(strategyDetailSchema)
    .mutation(async ({ ctx, input }) => {
      const source = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      const id = crypto.randomUUID();
      await ctx.db.insert(strategies).values({
        orgId: ctx.orgId,
        id,
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        status: "draft",
      });
      await insertObjectives(
        ctx.db,
        ctx.orgId,
        id,
        source.objectives.map((o, position) => ({
          id: crypto.randomUUID(),
          title: o.title,
          description: o.description,
          weight: o.weight,
          ownerId: o.ownerId,
          position,
          focus: o.focus,
        })),
      );
      const created = await reload(ctx.db, ctx.orgId, id);
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "strategy.duplicated",
        entityType: "strategy",
        entityId: id,
        before: { fromStrategyId: source.id, name: source.name },
        after: auditShape(created),
      });
      return created;
    }),

  /** Deletes a draft (nothing can depend on a draft: goals are written only for active strategies). */
  delete: orgProcedure("strategy.manage")
    .input(z.object({ strategyId: idSchema, version: versionSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const strategy = await findStrategy(ctx.db, ctx.membership, input.strategyId);
      if (strategy.version !== input.version) conflict(strategy);
      if (strategy.status !== "draft")
        badRequest("status", "Only a draft can be deleted; archive an active strategy instead.");
      await ctx.db.delete(strategies).where(and(eq(strategies.orgId, ctx.orgId), eq(strategies.id, strategy.id)));
      await recordAudit(ctx.db, {
        orgId: ctx.orgId,
        actorId: ctx.user.id,
        action: "strategy.deleted",
        entityType: "strategy",
        entityId: strategy.id,
        before: auditShape(strategy),
      });
      return { id: strategy.id };
    }),
});
