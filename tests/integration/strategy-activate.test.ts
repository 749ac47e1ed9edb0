import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { strategies } from "@/db/schema";
import { auditLog, expectBadRequest, lastAudit } from "../helpers/world";
import { insertStrategy } from "./alignment-fixtures";
import { editable, fourObjectives, useStrategyWorld } from "./strategy-fixtures";

describe("strategy router", () => {
  const { world, admin, activeId } = useStrategyWorld();

  describe("build, activate, edit, archive", () => {
    it("an admin builds a draft, activates it when the weights sum to 100; audited", async () => {
      const created = await admin().strategy.create({
        name: "  FY2032 H1 ",
        startsOn: "2032-01-01",
        endsOn: "2032-06-30",
      });
      expect(created).toMatchObject({ name: "FY2032 H1", status: "draft", version: 1, objectives: [] });
      expect(await lastAudit(world.db, world.org.id, "strategy.created")).toMatchObject({
        entityId: created.id,
        actorId: world.org.admin.id,
      });

      // A draft may be saved with weights that do not sum to 100 yet.
      const partial = await admin().strategy.update({
        strategyId: created.id,
        version: 1,
        name: "FY2032 H1",
        startsOn: "2032-01-01",
        endsOn: "2032-06-30",
        objectives: fourObjectives(world.org.manager.id).slice(0, 3),
      });
      expect(partial.version).toBe(2);
      expect(partial.objectives.map((o) => [o.title, o.weight, o.position])).toEqual([
        ["Win enterprise manufacturing", 40, 0],
        ["Expand in healthcare", 25, 1],
        ["Grow Fleet Analytics", 20, 2],
      ]);
      expect(partial.objectives[0]).toMatchObject({
        ownerId: world.org.manager.id,
        ownerName: "Initech manager",
        description: "Plants with 5+ lines",
      });
      expect(partial.objectives[0]?.focus).toEqual([
        { dimension: "industry", value: "Manufacturing" },
        { dimension: "segment", value: "Enterprise" },
      ]);
      // Draft edits are not audited.
      expect(
        (await auditLog(world.db, world.org.id)).filter(
          (e) => e.action === "strategy.updated" && e.entityId === created.id,
        ),
      ).toEqual([]);

      // 85 ≠ 100: refused, naming the field; nothing changes.
      const message = await expectBadRequest(
        admin().strategy.activate({ strategyId: created.id, version: 2 }),
        "objectives",
      );
      expect(message).toMatch(/add up to 85/);
      expect((await admin().strategy.get({ strategyId: created.id })).status).toBe("draft");

      const complete = await admin().strategy.update({
        strategyId: created.id,
        version: 2,
        name: "FY2032 H1",
        startsOn: "2032-01-01",
        endsOn: "2032-06-30",
        objectives: [
          ...partial.objectives.map((o) => ({
            id: o.id,
            title: o.title,
            description: o.description,
            weight: o.weight,
            ownerId: o.ownerId,
            focus: o.focus,
          })),
          fourObjectives()[3]!,
        ],
      });
      // Kept objectives keep their ids.
      expect(complete.objectives.slice(0, 3).map((o) => o.id)).toEqual(partial.objectives.map((o) => o.id));
      const active = await admin().strategy.activate({ strategyId: created.id, version: complete.version });
      expect(active).toMatchObject({ status: "active", version: complete.version + 1 });
      expect(await lastAudit(world.db, world.org.id, "strategy.activated")).toMatchObject({
        entityId: created.id,
        before: { status: "draft" },
        after: { status: "active" },
      });
    });

    it("a strategy without objectives cannot be activated (BAD_REQUEST naming objectives)", async () => {
      const created = await admin().strategy.create({ name: "Empty", startsOn: "2033-01-01", endsOn: "2033-06-30" });
      await expectBadRequest(admin().strategy.activate({ strategyId: created.id, version: 1 }), "objectives");
    });

    it("two active strategies may not share a day; a draft may overlap; adjacent periods are fine", async () => {
      const first = await insertStrategy(world.db, world.org.id, {
        status: "active",
        startsOn: "2034-01-01",
        endsOn: "2034-06-30",
        objectives: [{ title: "A", weight: 100 }],
      });
      const overlapping = await admin().strategy.duplicate({
        strategyId: first.id,
        name: "Overlap",
        startsOn: "2034-06-30",
        endsOn: "2034-12-31",
      });
      expect(overlapping.status).toBe("draft"); // drafting an overlapping period is allowed
      const message = await expectBadRequest(
        admin().strategy.activate({ strategyId: overlapping.id, version: 1 }),
        "startsOn",
      );
      expect(message).toContain("overlaps the active strategy");
      expect((await admin().strategy.get({ strategyId: overlapping.id })).status).toBe("draft");

      const adjacent = await admin().strategy.update({ ...editable(overlapping), startsOn: "2034-07-01" });
      expect((await admin().strategy.activate({ strategyId: adjacent.id, version: adjacent.version })).status).toBe(
        "active",
      );

      // Moving an active strategy's period onto another active one is refused too.
      const current = await admin().strategy.get({ strategyId: adjacent.id });
      await expectBadRequest(admin().strategy.update({ ...editable(current), startsOn: "2034-06-15" }), "startsOn");
      expect((await admin().strategy.get({ strategyId: adjacent.id })).startsOn).toBe("2034-07-01");
    });

    it("two overlapping drafts activated at the same moment: exactly one becomes active", async () => {
      const a = await admin().strategy.duplicate({
        strategyId: activeId,
        name: "Race A",
        startsOn: "2035-01-01",
        endsOn: "2035-06-30",
      });
      const b = await admin().strategy.duplicate({
        strategyId: activeId,
        name: "Race B",
        startsOn: "2035-03-01",
        endsOn: "2035-09-30",
      });
      const results = await Promise.allSettled([
        admin().strategy.activate({ strategyId: a.id, version: 1 }),
        admin().strategy.activate({ strategyId: b.id, version: 1 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const statuses = await world.db
        .select({ status: strategies.status })
        .from(strategies)
        .where(and(eq(strategies.orgId, world.org.id), eq(strategies.startsOn, "2035-01-01")));
      const statusesB = await world.db
        .select({ status: strategies.status })
        .from(strategies)
        .where(and(eq(strategies.orgId, world.org.id), eq(strategies.startsOn, "2035-03-01")));
      expect([...statuses, ...statusesB].map((s) => s.status).sort()).toEqual(["active", "draft"]);
    });
  });
});
