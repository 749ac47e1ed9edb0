/**
 * The world of the goals router tests: an active strategy (2026 H2) with the demo objectives, an archived one
 * (2026 H1) and a draft (2027 H1), an objective of the other organization, and a goal of the rep. Their ids are
 * known before they exist, so tests and access cases may close over them.
 */
import { sql } from "drizzle-orm";
import { beforeAll } from "vitest";
import { scalar, useWorld } from "../helpers/world";
import { DEMO_OBJECTIVES, insertGoal, insertStrategy } from "./alignment-fixtures";

export function useGoalsWorld() {
  const world = useWorld();
  const rep = () => world.api(world.org.rep);
  const strategyId = crypto.randomUUID();
  const objectiveIds = DEMO_OBJECTIVES.map(() => crypto.randomUUID());
  const archivedId = crypto.randomUUID();
  const archivedObjectiveId = crypto.randomUUID();
  const draftId = crypto.randomUUID();
  const repGoalId = crypto.randomUUID();
  const otherOrgObjectiveId = crypto.randomUUID();

  beforeAll(async () => {
    await insertStrategy(world.db, world.org.id, {
      id: strategyId,
      startsOn: "2026-07-01",
      endsOn: "2026-12-31",
      objectives: DEMO_OBJECTIVES.map((objective, i) => ({ ...objective, id: objectiveIds[i] })),
    });
    await insertStrategy(world.db, world.org.id, {
      id: archivedId,
      status: "archived",
      startsOn: "2026-01-01",
      endsOn: "2026-06-30",
      objectives: [{ id: archivedObjectiveId, title: "Old", weight: 100 }],
    });
    await insertStrategy(world.db, world.org.id, {
      id: draftId,
      status: "draft",
      startsOn: "2027-01-01",
      endsOn: "2027-06-30",
      objectives: [{ title: "Next", weight: 100 }],
    });
    await insertStrategy(world.db, world.other.id, {
      objectives: [{ id: otherOrgObjectiveId, title: "Theirs", weight: 100 }],
    });
    await insertGoal(world.db, world.org.id, {
      id: repGoalId,
      userId: world.org.rep.id,
      strategyId,
      title: "Seeded goal",
      links: [[objectiveIds[0]!, 1]],
    });
  });

  /** The goals of `world.org` (privileged count). */
  const goalCount = () =>
    scalar<number>(world.db, sql`select count(*)::int as value from goals where org_id = ${world.org.id}`);
  /** The input of a skill goal for the active strategy, with `extra` fields. */
  const newGoal = (extra: Record<string, unknown> = {}) => ({
    strategyId,
    category: "skill" as const,
    title: "Learn Fleet Analytics",
    ...extra,
  });
  return {
    world,
    rep,
    strategyId,
    objectiveIds,
    archivedId,
    archivedObjectiveId,
    draftId,
    repGoalId,
    otherOrgObjectiveId,
    goalCount,
    newGoal,
  };
}
