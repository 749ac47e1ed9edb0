/** A deal's links to strategy objectives and to its owner's goals: which may be made, and replacing them. */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { dealGoals, dealObjectives, goals, objectives, strategies } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { badRequest, notFound } from "@/server/domain/errors";
import { goalReadabilityFor } from "@/server/services/people-alignment";
import { strategyOf } from "@/server/services/strategy-records";

/**
 * Objectives a deal may be linked to: new links go to objectives of an active strategy (drafts are not
 * visible to reps, archived ones are over); links the deal already has are kept, so editing an old deal works.
 */
export async function assertLinkableObjectives(db: Database, orgId: string, ids: string[], dealId?: string) {
  if (ids.length === 0) return;
  const found = await db
    .select({
      id: objectives.id,
      status: strategies.status,
      linked: sql<boolean>`${dealObjectives.dealId} is not null`.mapWith(Boolean),
    })
    .from(objectives)
    .innerJoin(strategies, strategyOf(objectives))
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

export async function assertOwnerGoals(db: Database, orgId: string, ownerId: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: goals.id })
    .from(goals)
    .where(and(eq(goals.orgId, orgId), inArray(goals.id, ids), eq(goals.userId, ownerId)));
  if (found.length !== new Set(ids).size) {
    badRequest("goalIds", "Only goals of the deal's owner can be linked.");
  }
}

/**
 * The deal's links to its owner's goals that `actor` may not read. deals.get does not show them, so an edit of the
 * links (which names every goal to keep) keeps them.
 */
export async function hiddenLinkedGoalIds(
  db: Database,
  actor: Actor,
  dealId: string,
  ownerId: string,
): Promise<string[]> {
  const canRead = await goalReadabilityFor(db, actor.orgId, { userId: actor.userId, role: actor.role }, ownerId);
  const linked = await db
    .select({ id: goals.id, visibility: goals.visibility })
    .from(dealGoals)
    .innerJoin(goals, and(eq(goals.orgId, dealGoals.orgId), eq(goals.id, dealGoals.goalId)))
    .where(and(eq(dealGoals.orgId, actor.orgId), eq(dealGoals.dealId, dealId)));
  return linked.filter((goal) => !canRead(goal)).map((goal) => goal.id);
}

export async function replaceLinks(
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
