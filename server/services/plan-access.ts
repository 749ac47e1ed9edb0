/**
 * Who reaches which account plan (server/domain/plans.ts has the rules as data): one query loads the plan with
 * the caller's collaborator row and the account's team; a plan the caller has no access to answers NOT_FOUND,
 * one they may see but not change FORBIDDEN.
 */
import { AppError } from "@/server/domain/errors";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountPlans, accounts, planCollaborators } from "@/db/schema";
import { effectivePlanAccess, planAllows, type PlanAccess, type PlanAction } from "@/server/domain/plans";
import { recordAudit } from "./audit";
import { PLAN_ENTITY_TYPE, publishPlanChange } from "./plan-live";
import type { Actor } from "@/server/authz/actor";
import { scopeOf } from "./scope";
import { omit } from "@/server/domain/objects";

export interface PlanInContext {
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  status: "draft" | "active" | "archived";
  version: number;
  access: PlanAccess;
}

/** Teams whose accounts' plans a manager reads (none for other roles: they reach plans as collaborators). */
async function managedTeams(db: Database, actor: Actor): Promise<string[]> {
  if (actor.role !== "manager") return [];
  const scope = await scopeOf(db, actor);
  return scope.kind === "teams" ? scope.teamIds : [];
}

/** The plan with the caller's access to it, or NOT_FOUND. */
export async function findPlan(db: Database, actor: Actor, planId: string, field = "planId"): Promise<PlanInContext> {
  const [row] = await db
    .select({
      id: accountPlans.id,
      accountId: accountPlans.accountId,
      accountName: accounts.name,
      accountTeamId: accounts.teamId,
      title: accountPlans.title,
      status: accountPlans.status,
      version: accountPlans.version,
      collaboratorAccess: planCollaborators.access,
    })
    .from(accountPlans)
    .innerJoin(accounts, and(eq(accounts.orgId, accountPlans.orgId), eq(accounts.id, accountPlans.accountId)))
    .leftJoin(
      planCollaborators,
      and(
        eq(planCollaborators.orgId, accountPlans.orgId),
        eq(planCollaborators.planId, accountPlans.id),
        eq(planCollaborators.userId, actor.userId),
      ),
    )
    .where(and(eq(accountPlans.orgId, actor.orgId), eq(accountPlans.id, planId)));
  const teams = row?.accountTeamId ? await managedTeams(db, actor) : [];
  const access = row
    ? effectivePlanAccess({
        role: actor.role,
        collaboratorAccess: row.collaboratorAccess,
        managesAccountTeam: row.accountTeamId !== null && teams.includes(row.accountTeamId),
      })
    : null;
  if (!row || !access) throw new AppError("NOT_FOUND", "Plan not found.", field);
  return { ...omit(row, "accountTeamId", "collaboratorAccess"), access };
}

const ACTION_REFUSALS: Record<PlanAction, string> = {
  read: "You cannot see this plan.",
  comment: "You cannot comment on this plan.",
  edit: "Only the plan's owners and editors can change it.",
  manageCollaborators: "Only the plan's owners can change who collaborates on it.",
  share: "Only the plan's owners can share it with the customer.",
  archive: "Only the plan's owners can archive it.",
};

/** The plan if the caller may perform `action` on it: NOT_FOUND without access, FORBIDDEN without the right. */
export async function requirePlan(
  db: Database,
  actor: Actor,
  planId: string,
  action: PlanAction,
  field = "planId",
): Promise<PlanInContext> {
  const plan = await findPlan(db, actor, planId, field);
  if (!planAllows(plan.access, action)) throw new AppError("FORBIDDEN", `${ACTION_REFUSALS[action]}`, field);
  if (action !== "read" && action !== "comment" && plan.status === "archived")
    throw new AppError("BAD_REQUEST", "This plan is archived and can no longer change.", field);
  return plan;
}

/**
 * Records a change of the plan (or of one of its parts) in the audit log, against the plan, and announces it to
 * the plan's live viewers (plan-live.ts) when the transaction commits.
 */
export async function auditPlan(
  db: Database,
  actor: { orgId: string; userId: string | null },
  planId: string,
  action: string,
  after: unknown,
  before?: unknown,
): Promise<void> {
  const id = await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action,
    entityType: PLAN_ENTITY_TYPE,
    entityId: planId,
    before,
    after,
  });
  await publishPlanChange(db, { id, planId, action, actorId: actor.userId, at: new Date().toISOString() });
}

/** Condition on `account_plans` (joined with `accounts`) for the plans the actor reaches, for lists. */
export async function reachablePlans(db: Database, actor: Actor): Promise<SQL> {
  if (actor.role === "admin") return sql`true`;
  const collaborating = sql`exists (select 1 from plan_collaborators pc where pc.org_id = account_plans.org_id and pc.plan_id = account_plans.id and pc.user_id = ${actor.userId})`;
  const teams = await managedTeams(db, actor);
  return teams.length > 0 ? or(collaborating, inArray(accounts.teamId, teams))! : collaborating;
}
