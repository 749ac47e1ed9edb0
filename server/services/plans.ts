/**
 * Account plans: creating one (the account's current plan is archived first; a template's steps are copied) and
 * loading a whole plan for its page. Access is checked by the caller (plan-access.ts).
 */
import { AppError } from "@/server/domain/errors";
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountPlans, planCollaborators, planStepDependencies, planSteps, planTemplates } from "@/db/schema";
import { isUniqueViolation } from "@/server/db/errors";
import { coverageGaps, isUnsolved, planActionsOf, stepFlags } from "@/server/domain/plans";
import { addDays } from "@/server/domain/dates";
import { templateStepsSchema } from "@/server/domain/plan-templates";
import type { Actor } from "@/server/authz/actor";
import type { Visibility } from "./deal-access";
import { auditPlan, type PlanInContext } from "./plan-access";
import { selectPlanParts } from "./plan-load";

export interface NewPlan {
  accountId: string;
  title: string;
  customerObjectives: string;
  templateId?: string | null;
  /** The day template step offsets count from (default: today). */
  startOn?: string | null;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Archives the organization's plans that `which` picks, each as a new version; answers their ids. */
export function archivePlans(db: Database, orgId: string, which: SQL | undefined) {
  return db
    .update(accountPlans)
    .set({
      status: "archived",
      archivedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${accountPlans.version} + 1`,
    })
    .where(and(eq(accountPlans.orgId, orgId), which))
    .returning({ id: accountPlans.id });
}

/** Creates the account's plan (active, the caller its owner); the account's current plan is archived. */
export async function createPlan(db: Database, actor: Actor, input: NewPlan): Promise<{ id: string }> {
  const template = input.templateId ? await loadTemplate(db, actor.orgId, input.templateId) : null;
  const archived = await archivePlans(
    db,
    actor.orgId,
    and(eq(accountPlans.accountId, input.accountId), ne(accountPlans.status, "archived")),
  );
  for (const old of archived) await auditPlan(db, actor, old.id, "plan.archived", { status: "archived" });
  const id = crypto.randomUUID();
  try {
    await db.insert(accountPlans).values({
      orgId: actor.orgId,
      id,
      accountId: input.accountId,
      title: input.title,
      customerObjectives: input.customerObjectives,
      status: "active",
      templateId: template?.id ?? null,
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "Someone else just created a plan for this account.", "accountId");
    throw error;
  }
  await db.insert(planCollaborators).values({ orgId: actor.orgId, planId: id, userId: actor.userId, access: "owner" });
  if (template) {
    const start = input.startOn ?? today();
    const stepIds = template.steps.map(() => crypto.randomUUID());
    if (stepIds.length > 0)
      await db.insert(planSteps).values(
        template.steps.map((step, index) => ({
          orgId: actor.orgId,
          id: stepIds[index]!,
          planId: id,
          title: step.title,
          side: step.side,
          dueOn: addDays(start, step.offsetDays),
          position: index,
        })),
      );
    const edges = template.steps.flatMap((step, index) =>
      step.dependsOn.map((earlier) => ({
        orgId: actor.orgId,
        stepId: stepIds[index]!,
        dependsOnId: stepIds[earlier]!,
      })),
    );
    if (edges.length > 0) await db.insert(planStepDependencies).values(edges);
  }
  await auditPlan(db, actor, id, "plan.created", {
    title: input.title,
    accountId: input.accountId,
    templateId: template?.id ?? null,
    archivedPlanIds: archived.map((old) => old.id),
  });
  return { id };
}

async function loadTemplate(db: Database, orgId: string, templateId: string) {
  const [row] = await db
    .select({ id: planTemplates.id, steps: planTemplates.steps, archived: planTemplates.archived })
    .from(planTemplates)
    .where(and(eq(planTemplates.orgId, orgId), eq(planTemplates.id, templateId)));
  if (!row) throw new AppError("NOT_FOUND", "Template not found.", "templateId");
  if (row.archived) throw new AppError("BAD_REQUEST", "This template is archived.", "templateId");
  return { id: row.id, steps: templateStepsSchema.parse(row.steps) };
}

/** Everything the plan page shows, in one SQL statement (plan-load.ts), with the rules' flags and gaps. */
export async function loadPlan(db: Database, visibility: Visibility, plan: PlanInContext) {
  const parts = await selectPlanParts(db, visibility, plan);
  if (!parts) throw new AppError("NOT_FOUND", "Plan not found.", "planId");
  const { header, collaborators, problems, steps, contacts: people, deals: accountDeals } = parts;
  const flags = stepFlags(steps, today());
  const mapped = people.filter((person) => person.onMap);
  return {
    ...plan,
    ...header,
    actions: planActionsOf(plan.access),
    collaborators,
    problems: problems.map((problem) => ({ ...problem, unsolved: isUnsolved(problem) })),
    steps: steps.map((step) => ({ ...step, ...flags.get(step.id)! })),
    contacts: people,
    gaps: coverageGaps(mapped),
    deals: accountDeals,
  };
}
