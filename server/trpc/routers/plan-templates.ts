/** Mutual action plan templates: every member may start a plan from one; admins define them. */
import { AppError } from "@/server/domain/errors";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { planTemplates } from "@/db/schema";
import { isUniqueViolation } from "@/server/db/errors";
import { lineSchema, textSchema } from "@/server/domain/deal-fields";
import { templateStepsSchema } from "@/server/domain/plan-templates";
import { auditAs } from "@/server/services/audit";
import type { Database } from "@/db/client";
import type { Actor } from "@/server/authz/actor";
import { orgProcedure, router } from "../init";
import { idSchema } from "@/server/domain/schemas";

const templateOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  steps: templateStepsSchema,
  archived: z.boolean(),
});

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("CONFLICT", "A template with this name exists already.", "name");
  throw error;
}

/** The caller's change of one template, in the audit log. */
const auditTemplate = (db: Database, actor: Actor, templateId: string, change: { action: string; after: unknown }) =>
  auditAs(db, actor, { entityType: "plan_template", entityId: templateId, ...change });

export const planTemplatesRouter = router({
  list: orgProcedure("plans.read")
    .input(z.object({ includeArchived: z.boolean().default(false) }))
    .output(z.array(templateOutput))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select()
        .from(planTemplates)
        .where(
          and(
            eq(planTemplates.orgId, ctx.orgId),
            input.includeArchived ? undefined : eq(planTemplates.archived, false),
          ),
        )
        .orderBy(asc(planTemplates.name))
        .limit(200);
      return rows.map((row) => ({ ...row, steps: templateStepsSchema.parse(row.steps) }));
    }),

  create: orgProcedure("plans.templates.manage")
    .input(
      z.object({ name: lineSchema(120, 1), description: textSchema(1000).default(""), steps: templateStepsSchema }),
    )
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const id = crypto.randomUUID();
      await ctx.db
        .insert(planTemplates)
        .values({ orgId: ctx.orgId, id, ...input })
        .catch(nameTaken);
      await auditTemplate(ctx.db, ctx.actor, id, {
        action: "plan.template_created",
        after: { name: input.name, steps: input.steps.length },
      });
      return { id };
    }),

  update: orgProcedure("plans.templates.manage")
    .input(
      z.object({
        templateId: idSchema,
        name: lineSchema(120, 1).optional(),
        description: textSchema(1000).optional(),
        steps: templateStepsSchema.optional(),
        archived: z.boolean().optional(),
      }),
    )
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const { templateId, ...patch } = input;
      const where = and(eq(planTemplates.orgId, ctx.orgId), eq(planTemplates.id, templateId));
      const updated = Object.values(patch).every((value) => value === undefined)
        ? await ctx.db.select({ id: planTemplates.id }).from(planTemplates).where(where)
        : await ctx.db
            .update(planTemplates)
            .set(patch)
            .where(where)
            .returning({ id: planTemplates.id })
            .catch(nameTaken);
      if (updated.length === 0) throw new AppError("NOT_FOUND", "Template not found.", "templateId");
      await auditTemplate(ctx.db, ctx.actor, templateId, {
        action: "plan.template_updated",
        after: { ...patch, steps: patch.steps?.length },
      });
      return { id: templateId };
    }),
});
