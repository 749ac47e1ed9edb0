/**
 * A plan's customer problems ↔ our solutions: impact, solution, status, the deals each concerns and whether the
 * customer view shows it. Every edit names the version it started from (a stale one answers CONFLICT).
 */
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { deals, planProblemDeals, planProblems } from "@/db/schema";
import { lineSchema, textSchema } from "@/server/domain/deal-fields";
import { auditPlan, requirePlan, type PlanInContext } from "@/server/services/plan-access";
import { AppError, staleVersion } from "@/server/domain/errors";
import { orgProcedure, router } from "../init";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { omit } from "@/server/domain/objects";

const problemFields = {
  problem: lineSchema(300, 1),
  solution: textSchema(2000),
  impact: textSchema(1000),
  status: z.enum(["open", "addressed", "parked"]),
  customerVisible: z.boolean(),
  /** Deals on the plan's account that the problem concerns. */
  dealIds: z.array(idSchema).max(50),
};

async function assertAccountDeals(db: Database, orgId: string, plan: PlanInContext, dealIds: string[]) {
  const unique = [...new Set(dealIds)];
  if (unique.length === 0) return unique;
  const found = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.orgId, orgId), eq(deals.accountId, plan.accountId), inArray(deals.id, unique)));
  if (found.length !== unique.length)
    throw new AppError("NOT_FOUND", "A deal is not on this plan's account.", "dealIds");
  return unique;
}

async function replaceDeals(db: Database, orgId: string, problemId: string, dealIds: string[]) {
  await db
    .delete(planProblemDeals)
    .where(and(eq(planProblemDeals.orgId, orgId), eq(planProblemDeals.problemId, problemId)));
  if (dealIds.length > 0)
    await db.insert(planProblemDeals).values(dealIds.map((dealId) => ({ orgId, problemId, dealId })));
}

/** The problem as it is now, with its deals (a CONFLICT sends it whole, so nothing needs a reload). */
async function findProblem(db: Database, orgId: string, planId: string, problemId: string) {
  const [problem] = await db
    .select({
      ...getTableColumns(planProblems),
      dealIds: sql<
        string[]
      >`coalesce((select array_agg(ppd.deal_id order by ppd.deal_id) from plan_problem_deals ppd where ppd.org_id = plan_problems.org_id and ppd.problem_id = plan_problems.id), '{}'::uuid[])`,
    })
    .from(planProblems)
    .where(and(eq(planProblems.orgId, orgId), eq(planProblems.planId, planId), eq(planProblems.id, problemId)));
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.", "problemId");
  return problem;
}

export const planProblemsRouter = router({
  add: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        problem: problemFields.problem,
        solution: problemFields.solution.default(""),
        impact: problemFields.impact.default(""),
        status: problemFields.status.default("open"),
        customerVisible: problemFields.customerVisible.default(false),
        dealIds: problemFields.dealIds.default([]),
      }),
    )
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const dealIds = await assertAccountDeals(ctx.db, ctx.orgId, plan, input.dealIds);
      const id = crypto.randomUUID();
      const fields = omit(input, "planId", "dealIds");
      await ctx.db.insert(planProblems).values({
        orgId: ctx.orgId,
        id,
        planId: plan.id,
        ...fields,
        position: sql`(select coalesce(max(position) + 1, 0) from plan_problems where org_id = ${ctx.orgId} and plan_id = ${plan.id})`,
      });
      await replaceDeals(ctx.db, ctx.orgId, id, dealIds);
      await auditPlan(ctx.db, actor, plan.id, "plan.problem_added", { problemId: id, ...fields, dealIds });
      return { id };
    }),

  update: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        problemId: idSchema,
        version: versionSchema,
        problem: problemFields.problem.optional(),
        solution: problemFields.solution.optional(),
        impact: problemFields.impact.optional(),
        status: problemFields.status.optional(),
        customerVisible: problemFields.customerVisible.optional(),
        dealIds: problemFields.dealIds.optional(),
      }),
    )
    .output(z.object({ id: z.uuid(), version: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const current = await findProblem(ctx.db, ctx.orgId, plan.id, input.problemId);
      const { version, dealIds } = input;
      const patch = omit(input, "planId", "problemId", "version", "dealIds");
      const [saved] = await ctx.db
        .update(planProblems)
        .set({ ...patch, version: sql`${planProblems.version} + 1` })
        .where(
          and(eq(planProblems.orgId, ctx.orgId), eq(planProblems.id, current.id), eq(planProblems.version, version)),
        )
        .returning({ version: planProblems.version });
      if (!saved)
        throw staleVersion(
          "version: Someone else changed this problem. Reload it or apply your change again.",
          await findProblem(ctx.db, ctx.orgId, plan.id, current.id),
        );
      if (dealIds)
        await replaceDeals(ctx.db, ctx.orgId, current.id, await assertAccountDeals(ctx.db, ctx.orgId, plan, dealIds));
      await auditPlan(ctx.db, actor, plan.id, "plan.problem_updated", { problemId: current.id, ...patch, dealIds });
      return { id: current.id, version: saved.version };
    }),

  remove: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, problemId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const current = await findProblem(ctx.db, ctx.orgId, plan.id, input.problemId);
      await ctx.db.delete(planProblems).where(and(eq(planProblems.orgId, ctx.orgId), eq(planProblems.id, current.id)));
      await auditPlan(ctx.db, actor, plan.id, "plan.problem_removed", {
        problemId: current.id,
        problem: current.problem,
      });
      return { id: current.id };
    }),
});
