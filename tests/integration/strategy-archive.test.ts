import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { objectiveFocus, strategies } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { expectBadRequest, lastAudit } from "../helpers/world";
import { insertStrategy } from "./alignment-fixtures";
import { editable, useStrategyWorld } from "./strategy-fixtures";

describe("strategy router", () => {
  const { world, admin, activeId } = useStrategyWorld();

  describe("build, activate, edit, archive", () => {
    it("archives (audited); an archived strategy is read-only and cannot be activated again", async () => {
      const { id } = await insertStrategy(world.db, world.org.id, {
        status: "active",
        startsOn: "2039-07-01",
        endsOn: "2039-12-31",
        objectives: [{ title: "All", weight: 100 }],
      });
      const archived = await admin().strategy.archive({ strategyId: id, version: 1 });
      expect(archived).toMatchObject({ status: "archived", version: 2 });
      expect(await lastAudit(world.db, world.org.id, "strategy.archived")).toMatchObject({
        entityId: id,
        before: { status: "active" },
        after: { status: "archived" },
      });
      await expectBadRequest(admin().strategy.update(editable(archived)), "status");
      await expectBadRequest(admin().strategy.activate({ strategyId: id, version: 2 }), "status");
      await expectBadRequest(admin().strategy.archive({ strategyId: id, version: 2 }), "status");
    });

    it("duplicates a strategy into a new draft with copies of its objectives and focus rules (audited)", async () => {
      const source = await insertStrategy(world.db, world.org.id, {
        status: "archived",
        startsOn: "2029-01-01",
        endsOn: "2029-06-30",
        objectives: [
          {
            title: "Mfg",
            weight: 60,
            focus: [
              ["industry", "Manufacturing"],
              ["region", "EMEA"],
              ["region", "APAC"],
            ],
          },
          { title: "Fleet", weight: 40, focus: [["product", "Fleet Analytics"]] },
        ],
      });
      const copy = await admin().strategy.duplicate({
        strategyId: source.id,
        name: "FY2029 H2",
        startsOn: "2029-07-01",
        endsOn: "2029-12-31",
      });
      expect(copy).toMatchObject({
        name: "FY2029 H2",
        status: "draft",
        startsOn: "2029-07-01",
        endsOn: "2029-12-31",
        version: 1,
      });
      expect(copy.objectives.map((o) => [o.title, o.weight, o.focus.length])).toEqual([
        ["Mfg", 60, 3],
        ["Fleet", 40, 1],
      ]);
      expect(copy.objectives.map((o) => o.id).some((id) => source.objectiveIds.includes(id))).toBe(false);
      expect(await lastAudit(world.db, world.org.id, "strategy.duplicated")).toMatchObject({
        entityId: copy.id,
        before: { fromStrategyId: source.id },
      });
      // The source is untouched.
      const focusOfSource = await world.db
        .select({ id: objectiveFocus.id })
        .from(objectiveFocus)
        .where(eq(objectiveFocus.objectiveId, source.objectiveIds[0]!));
      expect(focusOfSource).toHaveLength(3);
    });

    it("deletes a draft (audited), never an active strategy", async () => {
      const created = await admin().strategy.create({ name: "Scratch", startsOn: "2042-01-01", endsOn: "2042-06-30" });
      expect(await admin().strategy.delete({ strategyId: created.id, version: 1 })).toEqual({ id: created.id });
      await expectTRPCError(admin().strategy.get({ strategyId: created.id }), "NOT_FOUND");
      expect(await lastAudit(world.db, world.org.id, "strategy.deleted")).toMatchObject({ entityId: created.id });
      await expectBadRequest(admin().strategy.delete({ strategyId: activeId, version: 1 }), "status");
    });

    it("another organization's strategy → NOT_FOUND for every change, untouched", async () => {
      const theirs = await insertStrategy(world.db, world.other.id, {
        status: "draft",
        objectives: [{ title: "Theirs", weight: 100 }],
      });
      await expectTRPCError(admin().strategy.activate({ strategyId: theirs.id, version: 1 }), "NOT_FOUND");
      await expectTRPCError(admin().strategy.archive({ strategyId: theirs.id, version: 1 }), "NOT_FOUND");
      await expectTRPCError(admin().strategy.delete({ strategyId: theirs.id, version: 1 }), "NOT_FOUND");
      await expectTRPCError(
        admin().strategy.duplicate({
          strategyId: theirs.id,
          name: "Copy",
          startsOn: "2043-01-01",
          endsOn: "2043-06-30",
        }),
        "NOT_FOUND",
      );
      await expectTRPCError(
        admin().strategy.update({
          strategyId: theirs.id,
          version: 1,
          name: "Pwned",
          startsOn: "2026-01-01",
          endsOn: "2026-06-30",
          objectives: [],
        }),
        "NOT_FOUND",
      );
      const [row] = await world.db
        .select({ status: strategies.status, name: strategies.name })
        .from(strategies)
        .where(eq(strategies.id, theirs.id));
      expect(row?.status).toBe("draft");
    });
  });
});
