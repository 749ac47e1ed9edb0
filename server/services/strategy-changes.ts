/**
 * Changes to strategies (docs/alignment.md "Strategies"): weights are whole numbers that sum to 100 before a
 * strategy can be active (and while it is); the periods of two active strategies never overlap (drafts may); edits
 * name the version they read (stale → CONFLICT); changes to an active strategy are audited.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { objectiveFocus, objectives, strategies } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { activationProblem } from "@/server/domain/strategy-rules";
import { badRequest } from "@/server/domain/errors";
import type { ObjectiveInput, objectivesSchema } from "@/server/domain/strategy-schemas";
import { auditAs } from "@/server/services/audit";
import type { StrategyDetail } from "@/server/services/strategies";
import {
  assertMembers,
  assertNoActiveOverlap,
  auditShape,
  conflict,
  dedupeFocus,
  findStrategy,
  insertObjectives,
  lockStrategies,
  reload,
} from "@/server/services/strategy-records";

interface Period {
  name: string;
  startsOn: string;
  endsOn: string;
}
interface Versioned {
  strategyId: string;
  version: number;
}

/** A new draft for a period, without objectives. */
export function createStrategy(db: Database, actor: Actor, input: Period): Promise<StrategyDetail> {
  return insertDraft(db, actor, input, []);
}

/**
 * Inserts a draft for the period with these objectives and audits it: as created, or as duplicated from `source`.
 */
async function insertDraft(
  db: Database,
  actor: Actor,
  period: Period,
  objectiveRows: Parameters<typeof insertObjectives>[3],
  source?: { id: string; name: string },
): Promise<StrategyDetail> {
  const id = crypto.randomUUID();
  await db.insert(strategies).values({
    orgId: actor.orgId,
    id,
    name: period.name,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    status: "draft",
  });
  await insertObjectives(db, actor.orgId, id, objectiveRows);
  const created = await reload(db, actor.orgId, id);
  await auditAs(db, actor, {
    action: source ? "strategy.duplicated" : "strategy.created",
    entityType: "strategy",
    entityId: id,
    before: source ? { fromStrategyId: source.id, name: source.name } : undefined,
    after: auditShape(created),
  });
  return created;
}

/**
 * Saves the whole strategy — name, period and the full list of objectives with their focus rules — as of
 * the version the editor read. Objectives keep their ids (and so their goal links); objectives left out
 * are deleted with their links. An active strategy must keep weights summing to 100 and a period that
 * overlaps no other active strategy; its edits are audited with the before and after.
 */
export async function updateStrategy(
  db: Database,
  actor: Actor,
  input: Period & Versioned & { objectives: z.output<typeof objectivesSchema> },
): Promise<StrategyDetail> {
  await lockStrategies(db, actor.orgId);
  const before = await findStrategy(db, actor, input.strategyId);
  if (before.version !== input.version) conflict(before);
  if (before.status === "archived")
    badRequest("status", "An archived strategy is read-only. Duplicate it to start from it.");

  const existing = new Set(before.objectives.map((o) => o.id));
  input.objectives.forEach((o, index) => {
    if (o.id !== undefined && !existing.has(o.id))
      badRequest(`objectives.${index}.id`, "Not an objective of this strategy.");
  });
  await assertMembers(db, actor.orgId, input.objectives);
  if (before.status === "active") {
    const problem = activationProblem(input.objectives);
    if (problem) badRequest("objectives", `${problem} An active strategy must keep weights that sum to 100.`);
    await assertNoActiveOverlap(db, actor.orgId, {
      id: before.id,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    });
  }

  await db
    .update(strategies)
    .set({
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      version: sql`${strategies.version} + 1`,
    })
    .where(and(eq(strategies.orgId, actor.orgId), eq(strategies.id, before.id)));

  const kept = input.objectives
    .filter((o): o is ObjectiveInput & { id: string } => o.id !== undefined)
    .map((o) => o.id);
  const removed = before.objectives.map((o) => o.id).filter((id) => !kept.includes(id));
  if (removed.length > 0)
    await db.delete(objectives).where(and(eq(objectives.orgId, actor.orgId), inArray(objectives.id, removed)));
  // Focus rules are rewritten as a whole: delete those of the kept objectives, insert the new list.
  if (kept.length > 0)
    await db
      .delete(objectiveFocus)
      .where(and(eq(objectiveFocus.orgId, actor.orgId), inArray(objectiveFocus.objectiveId, kept)));
  const positioned = input.objectives.map((o, position) => ({ ...o, position }));
  for (const o of positioned) {
    if (o.id === undefined) continue;
    await db
      .update(objectives)
      .set({
        title: o.title,
        description: o.description,
        weight: o.weight,
        ownerId: o.ownerId,
        position: o.position,
      })
      .where(and(eq(objectives.orgId, actor.orgId), eq(objectives.id, o.id)));
  }
  const focusOfKept = positioned
    .filter((o) => o.id !== undefined)
    .flatMap((o) =>
      dedupeFocus(o.focus).map((f) => ({
        orgId: actor.orgId,
        id: crypto.randomUUID(),
        objectiveId: o.id as string,
        dimension: f.dimension,
        value: f.value,
      })),
    );
  if (focusOfKept.length > 0) await db.insert(objectiveFocus).values(focusOfKept);
  await insertObjectives(
    db,
    actor.orgId,
    before.id,
    positioned.filter((o) => o.id === undefined).map((o) => ({ ...o, id: crypto.randomUUID() })),
  );

  const after = await reload(db, actor.orgId, before.id);
  if (before.status === "active") {
    await auditAs(db, actor, {
      action: "strategy.updated",
      entityType: "strategy",
      entityId: before.id,
      before: auditShape(before),
      after: auditShape(after),
    });
  }
  return after;
}

/** Draft → active, when its weights sum to 100 and no other active strategy shares a day of its period. */
export async function activateStrategy(db: Database, actor: Actor, input: Versioned): Promise<StrategyDetail> {
  await lockStrategies(db, actor.orgId);
  const strategy = await findStrategy(db, actor, input.strategyId);
  if (strategy.version !== input.version) conflict(strategy);
  if (strategy.status !== "draft")
    badRequest("status", `Only a draft can be activated; this strategy is ${strategy.status}.`);
  const problem = activationProblem(strategy.objectives);
  if (problem) badRequest("objectives", problem);
  await assertNoActiveOverlap(db, actor.orgId, strategy);
  return setStatus(db, actor, strategy, "active", "strategy.activated");
}

/** Active (or draft) → archived: read-only from then on; its goals and scores stay readable. */
export async function archiveStrategy(db: Database, actor: Actor, input: Versioned): Promise<StrategyDetail> {
  const strategy = await findStrategy(db, actor, input.strategyId);
  if (strategy.version !== input.version) conflict(strategy);
  if (strategy.status === "archived") badRequest("status", "This strategy is already archived.");
  return setStatus(db, actor, strategy, "archived", "strategy.archived");
}

/** Moves a checked strategy to `status` (a new version), audited as `action`. */
async function setStatus(
  db: Database,
  actor: Actor,
  strategy: StrategyDetail,
  status: "active" | "archived",
  action: string,
): Promise<StrategyDetail> {
  await db
    .update(strategies)
    .set({ status, version: sql`${strategies.version} + 1` })
    .where(and(eq(strategies.orgId, actor.orgId), eq(strategies.id, strategy.id)));
  await auditAs(db, actor, {
    action,
    entityType: "strategy",
    entityId: strategy.id,
    before: { status: strategy.status },
    after: { status },
  });
  return reload(db, actor.orgId, strategy.id);
}

/** A new draft for another period, starting from a copy of this strategy's objectives and focus rules. */
export async function duplicateStrategy(
  db: Database,
  actor: Actor,
  input: Period & { strategyId: string },
): Promise<StrategyDetail> {
  const source = await findStrategy(db, actor, input.strategyId);
  const copies = source.objectives.map((o, position) => ({
    id: crypto.randomUUID(),
    title: o.title,
    description: o.description,
    weight: o.weight,
    ownerId: o.ownerId,
    position,
    focus: o.focus,
  }));
  return insertDraft(db, actor, input, copies, source);
}

/** Deletes a draft (nothing can depend on a draft: goals are written only for active strategies). */
export async function deleteStrategy(db: Database, actor: Actor, input: Versioned): Promise<{ id: string }> {
  const strategy = await findStrategy(db, actor, input.strategyId);
  if (strategy.version !== input.version) conflict(strategy);
  if (strategy.status !== "draft")
    badRequest("status", "Only a draft can be deleted; archive an active strategy instead.");
  await db.delete(strategies).where(and(eq(strategies.orgId, actor.orgId), eq(strategies.id, strategy.id)));
  await auditAs(db, actor, {
    action: "strategy.deleted",
    entityType: "strategy",
    entityId: strategy.id,
    before: auditShape(strategy),
  });
  return { id: strategy.id };
}
