/**
 * Account plans (docs/plans.md): the organization's and an account's plans, one plan's page, creating (one current
 * plan per account: the previous one is archived), editing, archiving, collaborators and the activity history.
 * Access per plan: server/domain/plans.ts (rules) and server/services/plan-access.ts.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { upsert } from "@/server/db/upsert";
import { accountPlans, accounts, auditEvents, memberships, planCollaborators, users } from "@/db/schema";
import { dateSchema, lineSchema, textSchema } from "@/server/domain/deal-fields";
import { PLAN_ACCESS_LEVELS } from "@/server/domain/plans";
import { findReadableAccount, visibilityOf } from "@/server/services/deal-access";
import { auditPlan, reachablePlans, requirePlan } from "@/server/services/plan-access";
import { archivePlans, createPlan, loadPlan } from "@/server/services/plans";
import { planEvents } from "@/server/services/plan-live";
import { AppError, staleVersion } from "@/server/domain/errors";
import { orgProcedure, router } from "../init";
import { cursorTime, cursorTimeSchema, olderThan, keysetPage, timeCursor } from "@/server/db/keyset";
import { idSchema, pageLimitSchema, versionSchema } from "@/server/domain/schemas";
import { omit } from "@/server/domain/objects";

const planStatusSchema = z.enum(["draft", "active", "archived"]);
const keysetCursorSchema = z.object({ time: cursorTimeSchema, id: z.uuid() });

const planRowSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: planStatusSchema,
  accountId: z.uuid(),
  accountName: z.string(),
  openSteps: z.number().int(),
  overdueSteps: z.number().int(),
  unsolvedProblems: z.number().int(),
  updatedAt: z.date(),
});

/** The list columns; the counts are aggregated in SQL per plan. */
const planRowColumns = {
  id: accountPlans.id,
  title: accountPlans.title,
  status: accountPlans.status,
  accountId: accountPlans.accountId,
  accountName: accounts.name,
  openSteps: sql<number>`(select count(*)::int from plan_steps ps where ps.org_id = account_plans.org_id and ps.plan_id = account_plans.id and ps.status = 'open')`,
  overdueSteps: sql<number>`(select count(*)::int from plan_steps ps where ps.org_id = account_plans.org_id and ps.plan_id = account_plans.id and ps.status = 'open' and ps.due_on < current_date)`,
  unsolvedProblems: sql<number>`(select count(*)::int from plan_problems pp where pp.org_id = account_plans.org_id and pp.plan_id = account_plans.id and btrim(pp.solution) = '')`,
  updatedAt: accountPlans.updatedAt,
  cursorTime: cursorTime(accountPlans.updatedAt),
};

async function assertActiveMember(ctx: { db: Parameters<typeof visibilityOf>[0]; orgId: string }, userId: string) {
  const [member] = await ctx.db
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, userId)));
  if (!member) throw new AppError("NOT_FOUND", "Member not found.", "userId");
  if (member.status !== "active") throw new AppError("BAD_REQUEST", "This member is deactivated.", "userId");
}

export const plansRouter = router({
  /** The plans the caller reaches, most recently changed first (keyset on updatedAt, id). */
  list: orgProcedure("plans.read")
    .input(
      z.object({
        status: planStatusSchema.optional(),
        limit: pageLimitSchema,
        cursor: keysetCursorSchema.nullish(),
      }),
    )
    .output(z.object({ items: z.array(planRowSchema), nextCursor: keysetCursorSchema.nullable() }))
    .query(async ({ ctx, input }) => {
      const where: (SQL | undefined)[] = [eq(accountPlans.orgId, ctx.orgId), await reachablePlans(ctx.db, ctx.actor)];
      if (input.status) where.push(eq(accountPlans.status, input.status));
      if (input.cursor) where.push(olderThan(accountPlans.updatedAt, accountPlans.id, input.cursor));
      const rows = await ctx.db
        .select(planRowColumns)
        .from(accountPlans)
        .innerJoin(accounts, and(eq(accounts.orgId, accountPlans.orgId), eq(accounts.id, accountPlans.accountId)))
        .where(and(...where))
        .orderBy(desc(accountPlans.updatedAt), desc(accountPlans.id))
        .limit(input.limit + 1);
      const { page, nextCursor } = keysetPage(rows, input.limit, timeCursor);
      return {
        items: page.map((row) => omit(row, "cursorTime")),
        nextCursor,
      };
    }),

  /** An account's plans the caller reaches (the current one first), for the account page. */
  forAccount: orgProcedure("plans.read")
    .input(z.object({ accountId: idSchema }))
    .output(z.object({ items: z.array(planRowSchema), canCreate: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const actor = ctx.actor;
      await findReadableAccount(ctx.db, await visibilityOf(ctx.db, actor), input.accountId);
      const rows = await ctx.db
        .select(planRowColumns)
        .from(accountPlans)
        .innerJoin(accounts, and(eq(accounts.orgId, accountPlans.orgId), eq(accounts.id, accountPlans.accountId)))
        .where(
          and(
            eq(accountPlans.orgId, ctx.orgId),
            eq(accountPlans.accountId, input.accountId),
            await reachablePlans(ctx.db, actor),
          ),
        )
        .orderBy(sql`${accountPlans.status} = 'archived'`, desc(accountPlans.updatedAt), desc(accountPlans.id))
        .limit(100);
      return { items: rows.map((row) => omit(row, "cursorTime")), canCreate: actor.role !== "viewer" };
    }),

  /** One plan with its problems, steps (overdue/blocked computed), stakeholder map, gaps and collaborators. */
  get: orgProcedure("plans.read", { plans: "keyed" })
    .input(z.object({ planId: idSchema }))
    .query(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "read");
      return loadPlan(ctx.db, await visibilityOf(ctx.db, actor), plan);
    }),

  /** A new current plan for an account the caller can see; its previous plan is archived. */
  create: orgProcedure("plans.write")
    .input(
      z.object({
        accountId: idSchema,
        title: lineSchema(200, 1),
        customerObjectives: textSchema(5000).default(""),
        templateId: idSchema.nullish(),
        // A template's steps fall up to ten years after the start, which must keep them within four-digit years.
        startOn: dateSchema.refine((date) => date < "3000-01-01", { message: "Use a date before 3000" }).nullish(),
      }),
    )
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      await findReadableAccount(ctx.db, await visibilityOf(ctx.db, actor), input.accountId);
      return createPlan(ctx.db, actor, input);
    }),

  /** The plan's title and customer objectives, from the version read; a stale one is CONFLICT with the plan now. */
  update: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        version: versionSchema,
        title: lineSchema(200, 1).optional(),
        customerObjectives: textSchema(5000).optional(),
      }),
    )
    .output(z.object({ id: z.uuid(), version: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const patch = { title: input.title, customerObjectives: input.customerObjectives };
      const [saved] = await ctx.db
        .update(accountPlans)
        .set({ ...patch, version: sql`${accountPlans.version} + 1`, updatedAt: sql`now()` })
        .where(
          and(eq(accountPlans.orgId, ctx.orgId), eq(accountPlans.id, plan.id), eq(accountPlans.version, input.version)),
        )
        .returning({ version: accountPlans.version });
      if (!saved) {
        // The plan as it is now (read again: it may have changed since `requirePlan` read it), to show next to
        // the refused change.
        const [current] = await ctx.db
          .select({
            title: accountPlans.title,
            customerObjectives: accountPlans.customerObjectives,
            version: accountPlans.version,
          })
          .from(accountPlans)
          .where(and(eq(accountPlans.orgId, ctx.orgId), eq(accountPlans.id, plan.id)));
        throw staleVersion(
          "version: Someone else changed this plan. Reload it or apply your change again.",
          current ?? null,
        );
      }
      await auditPlan(ctx.db, actor, plan.id, "plan.updated", patch);
      return { id: plan.id, version: saved.version };
    }),

  archive: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "archive");
      await archivePlans(ctx.db, ctx.orgId, eq(accountPlans.id, plan.id));
      await auditPlan(ctx.db, actor, plan.id, "plan.archived", { status: "archived" }, { status: plan.status });
      return { id: plan.id };
    }),

  /** Adds a collaborator (any active member, from any team) or changes their access. */
  setCollaborator: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, userId: idSchema, access: z.enum(PLAN_ACCESS_LEVELS) }))
    .output(z.object({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "manageCollaborators");
      await assertActiveMember(ctx, input.userId);
      await upsert(ctx.db, planCollaborators, ["orgId", "planId", "userId"], {
        orgId: ctx.orgId,
        planId: plan.id,
        userId: input.userId,
        access: input.access,
      });
      await assertPlanKeepsAnOwner(ctx, plan.id);
      await auditPlan(ctx.db, actor, plan.id, "plan.collaborator_set", { userId: input.userId, access: input.access });
      return { userId: input.userId };
    }),

  removeCollaborator: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, userId: idSchema }))
    .output(z.object({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "manageCollaborators");
      const removed = await ctx.db
        .delete(planCollaborators)
        .where(
          and(
            eq(planCollaborators.orgId, ctx.orgId),
            eq(planCollaborators.planId, plan.id),
            eq(planCollaborators.userId, input.userId),
          ),
        )
        .returning({ access: planCollaborators.access });
      if (removed.length === 0) throw new AppError("NOT_FOUND", "Not a collaborator of this plan.", "userId");
      await assertPlanKeepsAnOwner(ctx, plan.id);
      await auditPlan(ctx.db, actor, plan.id, "plan.collaborator_removed", { userId: input.userId });
      return { userId: input.userId };
    }),

  /** Every change of the plan and its parts (the audit log), newest first, keyset-paginated. */
  activity: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, limit: pageLimitSchema, cursor: keysetCursorSchema.nullish() }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            action: z.string(),
            actorName: z.string().nullable(),
            at: z.date(),
            after: z.unknown(),
          }),
        ),
        nextCursor: keysetCursorSchema.nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const plan = await requirePlan(ctx.db, ctx.actor, input.planId, "read");
      const rows = await ctx.db
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          actorName: users.name,
          at: auditEvents.at,
          after: auditEvents.after,
          cursorTime: cursorTime(auditEvents.at),
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(
          planEvents(
            ctx.orgId,
            plan.id,
            input.cursor ? olderThan(auditEvents.at, auditEvents.id, input.cursor) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(input.limit + 1);
      const { page, nextCursor } = keysetPage(rows, input.limit, timeCursor);
      return {
        items: page.map((row) => omit(row, "cursorTime")),
        nextCursor,
      };
    }),
});

/** A plan always keeps an owner: checked after a change (a refusal rolls the change back). */
async function assertPlanKeepsAnOwner(ctx: { db: Parameters<typeof visibilityOf>[0]; orgId: string }, planId: string) {
  const [row] = await ctx.db
    .select({ owners: sql<number>`count(*)::int` })
    .from(planCollaborators)
    .where(
      and(
        eq(planCollaborators.orgId, ctx.orgId),
        eq(planCollaborators.planId, planId),
        eq(planCollaborators.access, "owner"),
      ),
    );
  if ((row?.owners ?? 0) === 0)
    throw new AppError("BAD_REQUEST", "A plan needs at least one other owner first.", "userId");
}
