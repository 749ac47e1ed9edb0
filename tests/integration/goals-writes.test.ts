import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, goalObjectiveLinks, goals } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { auditLog, expectBadRequest, lastAudit, scalar } from "../helpers/world";
import { insertGoal, insertStrategy } from "./alignment-fixtures";
import { useGoalsWorld } from "./goals-fixtures";

describe("goals router", () => {
  const { world, rep, strategyId, objectiveIds, archivedId, draftId, repGoalId, newGoal } = useGoalsWorld();

  describe("create, update, delete own goals", () => {
    it("a rep writes a goal linked to objectives, sees it with their score, and the score rises with a new link", async () => {
      const before = await rep().goals.mine({ strategyId });
      const created = await rep().goals.create({
        strategyId,
        category: "account",
        title: "  Land two hospital networks ",
        target: "2",
        unit: "deals",
        currentValue: 1,
        importance: 3,
        visibility: "team",
        links: [{ objectiveId: objectiveIds[1]!, strength: 3 }],
      });
      expect(created).toMatchObject({
        userId: world.org.rep.id,
        strategyId,
        category: "account",
        title: "Land two hospital networks",
        target: "2.00",
        unit: "deals",
        currentValue: "1.00",
        progressAutomatic: false,
        importance: 3,
        visibility: "team",
        version: 1,
        links: [{ objectiveId: objectiveIds[1], strength: 3 }],
      });
      const after = await rep().goals.mine({ strategyId });
      expect(after.goals.map((g) => g.id)).toContain(created.id);
      expect(after.strategy.id).toBe(strategyId);
      // Healthcare (25) is now central: coverage rises by 25/100, i.e. 10 points; focus stays at 100%.
      expect(after.alignment.components.coverage.points - before.alignment.components.coverage.points).toBe(10);
      expect(after.alignment.score).toBeGreaterThan(before.alignment.score);
      expect(after.alignment.objectives.find((o) => o.objectiveId === objectiveIds[1])?.strength).toBe(3);
    });

    it("updates fields and replaces links as of the version read; a stale version → CONFLICT with the current goal", async () => {
      const goal = await rep().goals.create(newGoal({ links: [{ objectiveId: objectiveIds[2]!, strength: 1 }] }));
      const updated = await rep().goals.update({
        goalId: goal.id,
        version: 1,
        category: "skill",
        title: "Certified on Fleet Analytics",
        target: "100",
        unit: "%",
        currentValue: "40.5",
        importance: 1,
        visibility: "private",
        links: [
          { objectiveId: objectiveIds[2]!, strength: 2 },
          { objectiveId: objectiveIds[3]!, strength: 1 },
        ],
      });
      expect(updated).toMatchObject({
        title: "Certified on Fleet Analytics",
        currentValue: "40.50",
        visibility: "private",
        version: 2,
        importance: 1,
      });
      expect(updated.links).toEqual([
        { objectiveId: objectiveIds[2], strength: 2 },
        { objectiveId: objectiveIds[3], strength: 1 },
      ]);
      const error = await expectTRPCError(
        rep().goals.update({
          goalId: goal.id,
          version: 1,
          category: "skill",
          title: "Overwrite",
          visibility: "private",
        }),
        "CONFLICT",
      );
      expect(error.message).toMatch(/^version: /);
      expect((error.cause as unknown as { current: { title: string; version: number } }).current).toMatchObject({
        title: "Certified on Fleet Analytics",
        version: 2,
      });
      const [row] = await world.db.select({ title: goals.title }).from(goals).where(eq(goals.id, goal.id));
      expect(row?.title).toBe("Certified on Fleet Analytics");
    });

    it("deletes an own goal with its links, audited — a private goal's title stays out of the audit log", async () => {
      const goal = await rep().goals.create(
        newGoal({
          title: "Secret promotion plan",
          category: "promotion",
          visibility: "private",
          links: [{ objectiveId: objectiveIds[0]!, strength: 2 }],
        }),
      );
      expect(await rep().goals.delete({ goalId: goal.id })).toEqual({ id: goal.id });
      expect(await world.db.select().from(goals).where(eq(goals.id, goal.id))).toEqual([]);
      expect(await world.db.select().from(goalObjectiveLinks).where(eq(goalObjectiveLinks.goalId, goal.id))).toEqual(
        [],
      );
      const event = await lastAudit(world.db, world.org.id, "goal.deleted");
      expect(event).toMatchObject({
        entityId: goal.id,
        actorId: world.org.rep.id,
        before: { category: "promotion", visibility: "private" },
      });
      expect(JSON.stringify(event)).not.toContain("Secret promotion plan");
    });

    it("a visibility change is a sharing change: audited with before/after; other edits are not audited", async () => {
      const goal = await rep().goals.create(
        newGoal({ title: "Close the Q3 gap", category: "account", visibility: "private" }),
      );
      const events = () =>
        auditLog(world.db, world.org.id, and(eq(auditEvents.entityType, "goal"), eq(auditEvents.entityId, goal.id)));
      const fields = { goalId: goal.id, category: "account" as const, title: "Close the Q3 gap" };
      // Private → team: the title is recorded (admins, who read the log, may now read the goal).
      let current = await rep().goals.update({ ...fields, version: goal.version, visibility: "team" });
      expect(await events()).toEqual([
        {
          action: "goal.visibility_changed",
          actorId: world.org.rep.id,
          entityType: "goal",
          entityId: goal.id,
          before: { visibility: "private" },
          after: { visibility: "team", strategyId, category: "account", title: "Close the Q3 gap" },
        },
      ]);
      // Edits that keep the visibility are not audited (DESIGN.md: sharing, not every goal edit).
      current = await rep().goals.update({
        ...fields,
        version: current.version,
        title: "Close the Q3 gap fast",
        importance: 3,
        visibility: "team",
      });
      expect(await events()).toHaveLength(1);
      // Team → manager, then back to private: the last keeps the (new) title out of the log.
      current = await rep().goals.update({
        ...fields,
        version: current.version,
        title: "Close the Q3 gap fast",
        visibility: "manager",
      });
      current = await rep().goals.update({
        ...fields,
        version: current.version,
        title: "Secret stretch target",
        visibility: "private",
      });
      const log = await events();
      expect(log.map((e) => [e.before, e.after])).toEqual([
        [{ visibility: "private" }, { visibility: "team", strategyId, category: "account", title: "Close the Q3 gap" }],
        [
          { visibility: "team" },
          { visibility: "manager", strategyId, category: "account", title: "Close the Q3 gap fast" },
        ],
        [{ visibility: "manager" }, { visibility: "private", strategyId, category: "account" }],
      ]);
      expect(JSON.stringify(log)).not.toContain("Secret stretch target");
      // An update must say the visibility: leaving it out never shares a private goal by default.
      await expectBadRequest(rep().goals.update({ ...fields, version: current.version } as never), "visibility");
      expect(await events()).toHaveLength(3);
    });

    it("a refused update (stale version, another person's goal) records nothing", async () => {
      const goal = await rep().goals.create(newGoal({ title: "Untouched", visibility: "private" }));
      const count = () =>
        scalar<number>(
          world.db,
          sql`select count(*)::int as value from audit_events where org_id = ${world.org.id} and entity_id = ${goal.id}`,
        );
      await expectTRPCError(
        rep().goals.update({
          goalId: goal.id,
          version: goal.version + 1,
          category: "skill",
          title: "Untouched",
          visibility: "team",
        }),
        "CONFLICT",
      );
      await expectTRPCError(
        world.api(world.org.manager).goals.update({
          goalId: goal.id,
          version: goal.version,
          category: "skill",
          title: "Untouched",
          visibility: "team",
        }),
        "NOT_FOUND",
      );
      expect(await count()).toBe(0);
    });

    it("nobody edits or deletes another person's goal, nor another organization's (NOT_FOUND, untouched)", async () => {
      for (const user of [world.org.manager, world.org.admin]) {
        await expectTRPCError(
          world.api(user).goals.update({
            goalId: repGoalId,
            version: 1,
            category: "other",
            title: "Hijacked",
            visibility: "manager",
          }),
          "NOT_FOUND",
        );
        await expectTRPCError(world.api(user).goals.delete({ goalId: repGoalId }), "NOT_FOUND");
      }
      const theirStrategy = await insertStrategy(world.db, world.other.id, {
        startsOn: "2020-01-01",
        endsOn: "2020-06-30",
        objectives: [{ title: "X", weight: 100 }],
      });
      const theirGoal = await insertGoal(world.db, world.other.id, {
        userId: world.other.rep.id,
        strategyId: theirStrategy.id,
        title: "Theirs",
      });
      await expectTRPCError(
        rep().goals.update({ goalId: theirGoal, version: 1, category: "other", title: "Pwned", visibility: "manager" }),
        "NOT_FOUND",
      );
      await expectTRPCError(rep().goals.delete({ goalId: theirGoal }), "NOT_FOUND");
      const titles = await world.db
        .select({ title: goals.title })
        .from(goals)
        .where(sql`${goals.id} in (${repGoalId}, ${theirGoal})`);
      expect(titles.map((t) => t.title).sort()).toEqual(["Seeded goal", "Theirs"]);
    });

    it("goals are written only for an active strategy: archived → BAD_REQUEST; a draft is NOT_FOUND to a rep and BAD_REQUEST to an admin", async () => {
      await expectBadRequest(rep().goals.create(newGoal({ strategyId: archivedId })), "strategyId");
      await expectTRPCError(rep().goals.create(newGoal({ strategyId: draftId })), "NOT_FOUND");
      await expectBadRequest(world.api(world.org.admin).goals.create(newGoal({ strategyId: draftId })), "strategyId");
      const oldGoal = await insertGoal(world.db, world.org.id, {
        userId: world.org.rep.id,
        strategyId: archivedId,
        title: "Old goal",
      });
      await expectBadRequest(
        rep().goals.update({
          goalId: oldGoal,
          version: 1,
          category: "other",
          title: "Rewrite history",
          visibility: "manager",
        }),
        "goalId",
      );
      await expectBadRequest(rep().goals.delete({ goalId: oldGoal }), "goalId");
      // …and stays readable.
      expect((await rep().goals.mine({ strategyId: archivedId })).goals.map((g) => g.title)).toEqual(["Old goal"]);
    });
  });

  it("links strength is kept per objective, strongest first", async () => {
    const goal = await rep().goals.create(
      newGoal({
        links: [
          { objectiveId: objectiveIds[3]!, strength: 1 },
          { objectiveId: objectiveIds[0]!, strength: 3 },
        ],
      }),
    );
    expect(goal.links.map((l) => l.strength)).toEqual([3, 1]);
    const stored = await world.db
      .select({ strength: goalObjectiveLinks.strength })
      .from(goalObjectiveLinks)
      .where(and(eq(goalObjectiveLinks.goalId, goal.id), eq(goalObjectiveLinks.objectiveId, objectiveIds[0]!)));
    expect(stored).toEqual([{ strength: 3 }]);
  });
});
