/**
 * The mutual action plan: steps with a side (us / customer), an owner, a due date, a status and dependencies on
 * other steps of the same plan (never a cycle). Overdue and blocked are computed (server/domain/plans.ts).
 */
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { planStepDependencies, planSteps } from "@/db/schema";
import { dateSchema, lineSchema } from "@/server/domain/deal-fields";
import { planSideSchema } from "@/server/domain/plan-templates";
import { wouldCreateDependencyCycle } from "@/server/domain/plans";
import { auditPlan, requirePlan } from "@/server/services/plan-access";
import { AppError, staleVersion } from "@/server/domain/errors";
import { orgProcedure, router } from "../init";
import { idSchema, versionSchema } from "@/server/domain/schemas";
import { omit } from "@/server/domain/objects";
import { emitWebhookEvent } from "@/server/services/webhooks";

const stepStatusSchema = z.enum(["open", "done"]);
const dependsOnSchema = z.array(idSchema).max(50);

/** The step as it is now, with its dependencies (a CONFLICT sends it whole, so nothing needs a reload). */
async function findStep(db: Database, orgId: string, planId: string, stepId: string) {
  const [step] = await db
    .select({
      ...getTableColumns(planSteps),
      dependsOn: sql<
        string[]
      >`coalesce((select array_agg(psd.depends_on_id order by psd.depends_on_id) from plan_step_dependencies psd where psd.org_id = plan_steps.org_id and psd.step_id = plan_steps.id), '{}'::uuid[])`,
    })
    .from(planSteps)
    .where(and(eq(planSteps.orgId, orgId), eq(planSteps.planId, planId), eq(planSteps.id, stepId)));
  if (!step) throw new AppError("NOT_FOUND", "Step not found.", "stepId");
  return step;
}

/** Replaces the step's dependencies: steps of the same plan, no cycle. */
async function setDependencies(db: Database, orgId: string, planId: string, stepId: string, dependsOn: string[]) {
  const wanted = [...new Set(dependsOn)];
  if (wanted.includes(stepId)) throw new AppError("BAD_REQUEST", "A step cannot depend on itself.", "dependsOn");
  if (wanted.length > 0) {
    const found = await db
      .select({ id: planSteps.id })
      .from(planSteps)
      .where(and(eq(planSteps.orgId, orgId), eq(planSteps.planId, planId), inArray(planSteps.id, wanted)));
    if (found.length !== wanted.length) throw new AppError("NOT_FOUND", "A step is not on this plan.", "dependsOn");
  }
  const edges = await db
    .select({ stepId: planStepDependencies.stepId, dependsOnId: planStepDependencies.dependsOnId })
    .from(planStepDependencies)
    .innerJoin(
      planSteps,
      and(eq(planSteps.orgId, planStepDependencies.orgId), eq(planSteps.id, planStepDependencies.stepId)),
    )
    .where(and(eq(planStepDependencies.orgId, orgId), eq(planSteps.planId, planId)));
  if (wouldCreateDependencyCycle(edges, stepId, wanted))
    throw new AppError("BAD_REQUEST", "This would make steps wait for each other in a circle.", "dependsOn");
  await db
    .delete(planStepDependencies)
    .where(and(eq(planStepDependencies.orgId, orgId), eq(planStepDependencies.stepId, stepId)));
  if (wanted.length > 0)
    await db.insert(planStepDependencies).values(wanted.map((dependsOnId) => ({ orgId, stepId, dependsOnId })));
  return wanted;
}

export const planStepsRouter = router({
  add: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        title: lineSchema(200, 1),
        side: planSideSchema,
        ownerName: lineSchema(120).default(""),
        dueOn: dateSchema.nullish(),
        customerVisible: z.boolean().default(true),
        dependsOn: dependsOnSchema.default([]),
      }),
    )
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const id = crypto.randomUUID();
      const { dependsOn } = input;
      const fields = omit(input, "planId", "dependsOn");
      await ctx.db.insert(planSteps).values({
        orgId: ctx.orgId,
        id,
        planId: plan.id,
        ...fields,
        dueOn: fields.dueOn ?? null,
        position: sql`(select coalesce(max(position) + 1, 0) from plan_steps where org_id = ${ctx.orgId} and plan_id = ${plan.id})`,
      });
      const saved = await setDependencies(ctx.db, ctx.orgId, plan.id, id, dependsOn);
      await auditPlan(ctx.db, actor, plan.id, "plan.step_added", { stepId: id, ...fields, dependsOn: saved });
      return { id };
    }),

  update: orgProcedure("plans.read")
    .input(
      z.object({
        planId: idSchema,
        stepId: idSchema,
        version: versionSchema,
        title: lineSchema(200, 1).optional(),
        side: planSideSchema.optional(),
        ownerName: lineSchema(120).optional(),
        dueOn: dateSchema.nullish(),
        status: stepStatusSchema.optional(),
        customerVisible: z.boolean().optional(),
        dependsOn: dependsOnSchema.optional(),
      }),
    )
    .output(z.object({ id: z.uuid(), version: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const current = await findStep(ctx.db, ctx.orgId, plan.id, input.stepId);
      const { version, dependsOn } = input;
      const patch = omit(input, "planId", "stepId", "version", "dependsOn");
      const completion =
        patch.status === undefined || patch.status === current.status
          ? {}
          : patch.status === "done"
            ? { completedAt: sql`now()`, completedByLinkId: null }
            : { completedAt: null, completedByLinkId: null };
      const [saved] = await ctx.db
        .update(planSteps)
        .set({ ...patch, ...completion, version: sql`${planSteps.version} + 1` })
        .where(and(eq(planSteps.orgId, ctx.orgId), eq(planSteps.id, current.id), eq(planSteps.version, version)))
        .returning({ version: planSteps.version });
      if (!saved)
        throw staleVersion(
          "version: Someone else changed this step. Reload it or apply your change again.",
          await findStep(ctx.db, ctx.orgId, plan.id, current.id),
        );
      const dependencies = dependsOn
        ? await setDependencies(ctx.db, ctx.orgId, plan.id, current.id, dependsOn)
        : undefined;
      if (patch.status === "done" && current.status !== "done") {
        await emitWebhookEvent(ctx.db, ctx.orgId, {
          event: "plan_step.completed",
          data: { planId: plan.id, stepId: current.id },
        });
      }
      await auditPlan(ctx.db, actor, plan.id, "plan.step_updated", {
        stepId: current.id,
        ...patch,
        dependsOn: dependencies,
      });
      return { id: current.id, version: saved.version };
    }),

  remove: orgProcedure("plans.read")
    .input(z.object({ planId: idSchema, stepId: idSchema }))
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      const plan = await requirePlan(ctx.db, actor, input.planId, "edit");
      const current = await findStep(ctx.db, ctx.orgId, plan.id, input.stepId);
      await ctx.db.delete(planSteps).where(and(eq(planSteps.orgId, ctx.orgId), eq(planSteps.id, current.id)));
      await auditPlan(ctx.db, actor, plan.id, "plan.step_removed", { stepId: current.id, title: current.title });
      return { id: current.id };
    }),
});
