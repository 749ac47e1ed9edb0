import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { goalObjectiveLinks, objectives } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { expectBadRequest, lastAudit } from "../helpers/world";
import { insertGoal, insertStrategy } from "./alignment-fixtures";
import { editable, useStrategyWorld } from "./strategy-fixtures";

describe("strategy router", () => {
  const { world, admin, activeId } = useStrategyWorld();

  describe("build, activate, edit, archive", () => {
    it("editing an active strategy keeps the weights at 100 and is audited with the before and after", async () => {
      const { id } = await insertStrategy(world.db, world.org.id, {
        status: "active",
        startsOn: "2036-01-01",
        endsOn: "2036-06-30",
        objectives: [
          { title: "Half", weight: 50 },
          { title: "Other half", weight: 50 },
        ],
      });
      const before = await admin().strategy.get({ strategyId: id });

      // 50 + 40 = 90: refused; nothing saved half-way (not even the new name).
      const broken = editable(before);
      broken.name = "Renamed";
      broken.objectives[1]!.weight = 40;
      await expectBadRequest(admin().strategy.update(broken), "objectives");
      expect(await admin().strategy.get({ strategyId: id })).toEqual(before);

      const fixed = editable(before);
      fixed.name = "Renamed";
      fixed.objectives[0]!.weight = 60;
      fixed.objectives[1]!.weight = 40;
      const after = await admin().strategy.update(fixed);
      expect(after).toMatchObject({ name: "Renamed", version: before.version + 1, status: "active" });
      const event = await lastAudit(world.db, world.org.id, "strategy.updated");
      expect(event).toMatchObject({
        entityId: id,
        actorId: world.org.admin.id,
        before: { name: before.name },
        after: { name: "Renamed" },
      });
      expect((event?.after as { objectives: { weight: number }[] }).objectives.map((o) => o.weight)).toEqual([60, 40]);
    });

    it("a stale version → CONFLICT carrying the current record; nothing is overwritten", async () => {
      const created = await admin().strategy.create({
        name: "Concurrent",
        startsOn: "2037-01-01",
        endsOn: "2037-06-30",
      });
      const saved = await admin().strategy.update({ ...editable(created), name: "First edit" });
      const error = await expectTRPCError(
        admin().strategy.update({ ...editable(created), name: "Second edit" }),
        "CONFLICT",
      );
      expect(error.message).toMatch(/^version: /);
      expect((error.cause as unknown as { current: { name: string; version: number } }).current).toMatchObject({
        name: "First edit",
        version: saved.version,
      });
      expect((await admin().strategy.get({ strategyId: created.id })).name).toBe("First edit");
      await expectTRPCError(admin().strategy.activate({ strategyId: created.id, version: 1 }), "CONFLICT");
    });

    it("removing an objective deletes it with its goal links; the others keep theirs", async () => {
      const { id, objectiveIds } = await insertStrategy(world.db, world.org.id, {
        status: "active",
        startsOn: "2038-01-01",
        endsOn: "2038-06-30",
        objectives: [
          { title: "Keep", weight: 70 },
          { title: "Drop", weight: 30 },
        ],
      });
      const goalId = await insertGoal(world.db, world.org.id, {
        userId: world.org.rep.id,
        strategyId: id,
        links: [
          [objectiveIds[0]!, 3],
          [objectiveIds[1]!, 2],
        ],
      });
      const before = await admin().strategy.get({ strategyId: id });
      const edit = editable(before);
      edit.objectives = [{ ...edit.objectives[0]!, weight: 100 }];
      const after = await admin().strategy.update(edit);
      expect(after.objectives.map((o) => o.id)).toEqual([objectiveIds[0]]);
      const links = await world.db
        .select({ objectiveId: goalObjectiveLinks.objectiveId })
        .from(goalObjectiveLinks)
        .where(eq(goalObjectiveLinks.goalId, goalId));
      expect(links).toEqual([{ objectiveId: objectiveIds[0] }]);
    });

    it("an objective id of another strategy or organization, or an owner from another organization → BAD_REQUEST naming the field; nothing saved", async () => {
      const created = await admin().strategy.create({
        name: "Foreign ids",
        startsOn: "2039-01-01",
        endsOn: "2039-06-30",
      });
      const foreign = await insertStrategy(world.db, world.other.id, {
        objectives: [{ title: "Theirs", weight: 100 }],
      });
      await expectBadRequest(
        admin().strategy.update({
          ...editable(created),
          objectives: [{ id: foreign.objectiveIds[0]!, title: "Stolen", weight: 100 }],
        }),
        "objectives.0.id",
      );
      const own = await admin().strategy.get({ strategyId: activeId });
      await expectBadRequest(
        admin().strategy.update({
          ...editable(created),
          objectives: [{ id: own.objectives[0]!.id, title: "Moved", weight: 100 }],
        }),
        "objectives.0.id",
      );
      await expectBadRequest(
        admin().strategy.update({
          ...editable(created),
          name: "Changed",
          objectives: [{ title: "Owned", weight: 100, ownerId: world.other.manager.id }],
        }),
        "objectives.0.ownerId",
      );
      // A deactivated member cannot own an objective either.
      await expectBadRequest(
        admin().strategy.update({
          ...editable(created),
          name: "Changed",
          objectives: [{ title: "Owned", weight: 100, ownerId: world.deactivated.id }],
        }),
        "objectives.0.ownerId",
      );
      expect(await admin().strategy.get({ strategyId: created.id })).toMatchObject({
        name: "Foreign ids",
        version: 1,
        objectives: [],
      });
      const [theirs] = await world.db
        .select({ title: objectives.title })
        .from(objectives)
        .where(eq(objectives.id, foreign.objectiveIds[0]!));
      expect(theirs?.title).toBe("Theirs");
    });
  });
});
