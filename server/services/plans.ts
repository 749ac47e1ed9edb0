/**
 * Account plans: creating one (the account's current plan is archived first; a template's steps are copied) and
 * loading a whole plan for its page. Access is checked by the caller (plan-access.ts).
 */
import { TRPCError } from "@trpc/server";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  accountPlans,
  contacts,
  deals,
  planCollaborators,
  planProblems,
  planStakeholders,
  planStepDependencies,
  planSteps,
  planTemplates,
  users,
} from "@/db/schema";
import { isUniqueViolation } from "@/server/db/errors";
import { addDays, coverageGaps, isUnsolved, planActionsOf, stepFlags } from "@/server/domain/plans";
import { templateStepsSchema } from "@/server/domain/plan-templates";
import type { Actor } from "@/server/authz/actor";
import type { Visibility } from "./deal-access";
import { auditPlan, type PlanInContext } from "./plan-access";

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

/** Creates the account's plan (active, the caller its owner); the account's current plan is archived. */
export async function createPlan(db: Database, actor: Actor, input: NewPlan): Promise<{ id: string }> {
  const template = input.templateId ? await loadTemplate(db, actor.orgId, input.templateId) : null;
  const archived = await db
    .update(accountPlans)
    .set({
      status: "archived",
      archivedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${accountPlans.version} + 1`,
    })
    .where(
      and(
        eq(accountPlans.orgId, actor.orgId),
        eq(accountPlans.accountId, input.accountId),
        ne(accountPlans.status, "archived"),
      ),
    )
    .returning({ id: accountPlans.id });
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
      throw new TRPCError({
        code: "CONFLICT",
        message: "accountId: Someone else just created a plan for this account.",
      });
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
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "templateId: Template not found." });
  if (row.archived) throw new TRPCError({ code: "BAD_REQUEST", message: "templateId: This template is archived." });
  return { id: row.id, steps: templateStepsSchema.parse(row.steps) };
}

/** Everything the plan page shows, in a fixed number of queries. */
export async function loadPlan(db: Database, visibility: Visibility, plan: PlanInContext) {
  const orgId = visibility.actor.orgId;
  const [header, collaborators, problems, steps, people, accountDeals] = await Promise.all([
    db
      .select({
        customerObjectives: accountPlans.customerObjectives,
        templateId: accountPlans.templateId,
        updatedAt: accountPlans.updatedAt,
      })
      .from(accountPlans)
      .where(and(eq(accountPlans.orgId, orgId), eq(accountPlans.id, plan.id))),
    db
      .select({ userId: planCollaborators.userId, name: users.name, access: planCollaborators.access })
      .from(planCollaborators)
      .innerJoin(users, eq(users.id, planCollaborators.userId))
      .where(and(eq(planCollaborators.orgId, orgId), eq(planCollaborators.planId, plan.id)))
      .orderBy(asc(users.name)),
    db
      .select({
        id: planProblems.id,
        problem: planProblems.problem,
        solution: planProblems.solution,
        impact: planProblems.impact,
        status: planProblems.status,
        customerVisible: planProblems.customerVisible,
        version: planProblems.version,
        dealIds: sql<
          string[]
        >`coalesce((select array_agg(ppd.deal_id order by ppd.deal_id) from plan_problem_deals ppd where ppd.org_id = plan_problems.org_id and ppd.problem_id = plan_problems.id), '{}'::uuid[])`,
      })
      .from(planProblems)
      .where(and(eq(planProblems.orgId, orgId), eq(planProblems.planId, plan.id)))
      .orderBy(asc(planProblems.position), asc(planProblems.id)),
    db
      .select({
        id: planSteps.id,
        title: planSteps.title,
        side: planSteps.side,
        ownerName: planSteps.ownerName,
        dueOn: planSteps.dueOn,
        status: planSteps.status,
        customerVisible: planSteps.customerVisible,
        completedAt: planSteps.completedAt,
        completedByCustomer: sql<boolean>`${planSteps.completedByLinkId} is not null`,
        version: planSteps.version,
        dependsOn: sql<
          string[]
        >`coalesce((select array_agg(psd.depends_on_id order by psd.depends_on_id) from plan_step_dependencies psd where psd.org_id = plan_steps.org_id and psd.step_id = plan_steps.id), '{}'::uuid[])`,
      })
      .from(planSteps)
      .where(and(eq(planSteps.orgId, orgId), eq(planSteps.planId, plan.id)))
      .orderBy(asc(planSteps.position), sql`${planSteps.dueOn} nulls last`, asc(planSteps.id)),
    db
      .select({
        contactId: contacts.id,
        name: contacts.name,
        title: contacts.title,
        reportsToId: contacts.reportsToId,
        onMap: sql<boolean>`${planStakeholders.contactId} is not null`,
        buyingRole: planStakeholders.buyingRole,
        influence: sql<number>`coalesce(${planStakeholders.influence}, 3)`,
        stance: sql<string>`coalesce(${planStakeholders.stance}::text, 'unknown')`,
        personalWin: sql<string>`coalesce(${planStakeholders.personalWin}, '')`,
        approach: sql<string>`coalesce(${planStakeholders.approach}, '')`,
        relationshipOwnerId: planStakeholders.relationshipOwnerId,
        relationshipOwnerName: users.name,
        version: sql<number>`coalesce(${planStakeholders.version}, 0)`,
      })
      .from(contacts)
      .leftJoin(
        planStakeholders,
        and(
          eq(planStakeholders.orgId, contacts.orgId),
          eq(planStakeholders.planId, plan.id),
          eq(planStakeholders.contactId, contacts.id),
        ),
      )
      .leftJoin(users, eq(users.id, planStakeholders.relationshipOwnerId))
      .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, plan.accountId)))
      .orderBy(asc(contacts.name), asc(contacts.id)),
    db
      .select({ id: deals.id, name: deals.name, stage: deals.stage })
      .from(deals)
      .where(and(eq(deals.orgId, orgId), eq(deals.accountId, plan.accountId), visibility.deals))
      .orderBy(asc(deals.name)),
  ]);
  const flags = stepFlags(steps, today());
  const mapped = people.filter((person) => person.onMap);
  return {
    ...plan,
    ...header[0]!,
    actions: planActionsOf(plan.access),
    collaborators,
    problems: problems.map((problem) => ({ ...problem, unsolved: isUnsolved(problem) })),
    steps: steps.map((step) => ({ ...step, ...flags.get(step.id)! })),
    contacts: people,
    gaps: coverageGaps(mapped),
    deals: accountDeals,
  };
}
