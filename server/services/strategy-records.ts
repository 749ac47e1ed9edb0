/**
 * Reading and writing strategy rows for strategy.* and the goal and alignment views: finding one as the caller may
 * see it, locking the organization's strategies, the checks an active strategy must pass, inserting objectives.
 */
import { and, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { selectRows, type Database } from "@/db/client";
import { objectiveFocus, objectives, strategies } from "@/db/schema";
import type { Actor } from "@/server/authz/actor";
import { memberCan } from "@/server/authz/api-role";
import { badRequest, notFound, staleVersion } from "@/server/domain/errors";
import type { ObjectiveInput } from "@/server/domain/strategy-schemas";
import { loadStrategy, type StrategyDetail } from "@/server/services/strategies";
import { activeMemberIds } from "@/server/services/organizations";

type Member = Pick<Actor, "orgId" | "role" | "apiScope">;

/** Join condition on `strategies`: the strategy of `row` (an objective or a goal). */
export const strategyOf = (row: { orgId: AnyPgColumn; strategyId: AnyPgColumn }) =>
  and(eq(strategies.orgId, row.orgId), eq(strategies.id, row.strategyId));

/** Join condition on `strategies`: the strategy of `row`, when that strategy is active. */
export const activeStrategyOf = (row: { orgId: AnyPgColumn; strategyId: AnyPgColumn }) =>
  and(strategyOf(row), eq(strategies.status, "active"));

export function canSeeDrafts(membership: Member) {
  return memberCan(membership, "strategy.manage");
}

/** The strategy, or NOT_FOUND (another organization's, or a draft for someone who may not see drafts). */
export async function findStrategy(
  db: Database,
  membership: Member,
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
export async function lockStrategies(db: Database, orgId: string) {
  await db.execute(sql`select s.id from strategies s where s.org_id = ${orgId} order by s.id for update`);
}

export function conflict(current: StrategyDetail): never {
  throw staleVersion(
    `Someone else changed this strategy (it is now at version ${current.version}). Reload it and make your change again.`,
    current,
  );
}

export async function assertNoActiveOverlap(
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

export async function assertMembers(db: Database, orgId: string, list: { ownerId: string | null }[]) {
  const ids = [...new Set(list.map((o) => o.ownerId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const known = await activeMemberIds(db, orgId, ids);
  list.forEach((objective, index) => {
    if (objective.ownerId !== null && !known.has(objective.ownerId))
      badRequest(`objectives.${index}.ownerId`, "Not an active member of this organization.");
  });
}

/** Inserts objectives (new ids) and their focus rules, in two statements. */
export async function insertObjectives(
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
export function dedupeFocus(focus: ObjectiveInput["focus"]) {
  const seen = new Set<string>();
  return focus.filter((f) => {
    const key = `${f.dimension}:${f.value.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What the audit log keeps of a strategy: enough to see what changed. */
export function auditShape(strategy: StrategyDetail) {
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

export async function reload(db: Database, orgId: string, strategyId: string): Promise<StrategyDetail> {
  const strategy = await loadStrategy(db, orgId, strategyId);
  if (!strategy) notFound("strategyId", "Strategy not found.");
  return strategy;
}
