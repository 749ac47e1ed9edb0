import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { goalObjectiveLinks, goals } from "@/db/schema";
import { expectBadRequest } from "../helpers/world";
import { useGoalsWorld } from "./goals-fixtures";

describe("goals router", () => {
  const { world, rep, objectiveIds, archivedObjectiveId, repGoalId, otherOrgObjectiveId, goalCount, newGoal } =
    useGoalsWorld();

  describe("bad input: BAD_REQUEST naming the field, nothing saved", () => {
    it("a negative target", async () => {
      const count = await goalCount();
      const message = await expectBadRequest(rep().goals.create(newGoal({ target: "-5" })), "target");
      expect(message).toMatch(/target: Must not be negative/);
      await expectBadRequest(rep().goals.create(newGoal({ target: -0.01 })), "target");
      await expectBadRequest(
        rep().goals.update({
          goalId: repGoalId,
          version: 1,
          category: "other",
          title: "X",
          target: "-1",
          visibility: "manager",
        }),
        "target",
      );
      expect(await goalCount()).toBe(count);
    });

    it("a link to another organization's objective", async () => {
      const count = await goalCount();
      await expectBadRequest(
        rep().goals.create(
          newGoal({
            links: [
              { objectiveId: objectiveIds[0]!, strength: 1 },
              { objectiveId: otherOrgObjectiveId, strength: 3 },
            ],
          }),
        ),
        "links.1.objectiveId",
      );
      expect(await goalCount()).toBe(count);
      // An update with such a link changes nothing either: not the title, not the existing links.
      await expectBadRequest(
        rep().goals.update({
          goalId: repGoalId,
          version: 1,
          category: "other",
          title: "Changed",
          links: [{ objectiveId: otherOrgObjectiveId, strength: 3 }],
          visibility: "manager",
        }),
        "links.0.objectiveId",
      );
      const [row] = await world.db
        .select({ title: goals.title, version: goals.version })
        .from(goals)
        .where(eq(goals.id, repGoalId));
      expect(row).toEqual({ title: "Seeded goal", version: 1 });
      expect(
        await world.db
          .select({ objectiveId: goalObjectiveLinks.objectiveId })
          .from(goalObjectiveLinks)
          .where(eq(goalObjectiveLinks.goalId, repGoalId)),
      ).toEqual([{ objectiveId: objectiveIds[0] }]);
    });

    it.each([
      ["mine", "strategyId", () => rep().goals.mine({ strategyId: "x" })],
      ["shared", "strategyId", () => rep().goals.shared({} as never)],
      [
        "update",
        "goalId",
        () => rep().goals.update({ goalId: "x", version: 1, category: "other", title: "X", visibility: "manager" }),
      ],
      [
        "update",
        "version",
        () =>
          rep().goals.update({ goalId: repGoalId, version: 0, category: "other", title: "X", visibility: "manager" }),
      ],
      [
        "update",
        "title",
        () =>
          rep().goals.update({ goalId: repGoalId, version: 1, category: "other", title: "  ", visibility: "manager" }),
      ],
      ["delete", "goalId", () => rep().goals.delete({ goalId: "x" })],
    ] as const)("%s → BAD_REQUEST naming %s", async (_procedure, field, call) => {
      await expectBadRequest(call(), field);
    });

    it("a link to another strategy's objective", async () => {
      await expectBadRequest(
        rep().goals.create(newGoal({ links: [{ objectiveId: archivedObjectiveId, strength: 2 }] })),
        "links.0.objectiveId",
      );
    });

    it.each([
      ["title", { title: "" }],
      ["title", { title: "x".repeat(201) }],
      ["category", { category: "yacht" }],
      ["target", { target: "12abc" }],
      ["target", { target: "1.234" }],
      ["currentValue", { currentValue: "-3" }],
      ["importance", { importance: 4 }],
      ["visibility", { visibility: "public" }],
      ["unit", { category: "quota", unit: "deals" }],
      ["links.0.strength", { links: [{ objectiveId: crypto.randomUUID(), strength: 4 }] }],
      ["links.0.objectiveId", { links: [{ objectiveId: "x", strength: 1 }] }],
      [
        "links.1.objectiveId",
        {
          links: [
            { objectiveId: "00000000-0000-4000-8000-000000000001", strength: 1 },
            { objectiveId: "00000000-0000-4000-8000-000000000001", strength: 2 },
          ],
        },
      ],
      ["strategyId", { strategyId: "x" }],
    ] as const)("create with bad %s", async (field, extra) => {
      const count = await goalCount();
      await expectBadRequest(rep().goals.create(newGoal(extra) as never), field);
      expect(await goalCount()).toBe(count);
    });
  });
});
