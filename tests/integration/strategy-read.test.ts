import { describe, expect, it } from "vitest";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest } from "../helpers/world";
import { fourObjectives, useStrategyWorld } from "./strategy-fixtures";

describe("strategy router", () => {
  const { world, admin, draftId, activeId } = useStrategyWorld();

  describeOrgAccess(world, [
    { procedure: "strategy.list", call: (api) => api.strategy.list() },
    { procedure: "strategy.get", call: (api) => api.strategy.get({ strategyId: activeId }) },
    {
      procedure: "strategy.create",
      call: (api) => api.strategy.create({ name: "Access", startsOn: "2040-01-01", endsOn: "2040-06-30" }),
    },
    {
      procedure: "strategy.update",
      call: (api) =>
        api.strategy.update({
          strategyId: draftId,
          version: 1,
          name: "Access",
          startsOn: "2030-01-01",
          endsOn: "2030-06-30",
          objectives: [],
        }),
    },
    {
      procedure: "strategy.activate",
      call: (api) => api.strategy.activate({ strategyId: draftId, version: 1 }),
    },
    {
      procedure: "strategy.archive",
      call: (api) => api.strategy.archive({ strategyId: activeId, version: 1 }),
    },
    {
      procedure: "strategy.duplicate",
      call: (api) =>
        api.strategy.duplicate({ strategyId: activeId, name: "Copy", startsOn: "2041-01-01", endsOn: "2041-06-30" }),
    },
    {
      procedure: "strategy.delete",
      call: (api) => api.strategy.delete({ strategyId: draftId, version: 1 }),
    },
  ]);

  describe("list and get", () => {
    it("lists strategies by period, newest first; drafts only for admins; marks the current one", async () => {
      const forAdmin = await admin().strategy.list();
      const ids = forAdmin.items.map((s) => s.id);
      expect(ids).toContain(draftId);
      expect(ids.indexOf(activeId)).toBeLessThan(ids.indexOf(draftId));
      expect(forAdmin.items.find((s) => s.id === activeId)).toMatchObject({
        status: "active",
        objectiveCount: 1,
        weightTotal: 100,
        startsOn: "2031-01-01",
        endsOn: "2031-06-30",
        version: 1,
      });
      for (const role of ["manager", "rep", "viewer"] as const) {
        const list = await world.api(world.org[role]).strategy.list();
        expect(list.items.map((s) => s.id)).not.toContain(draftId);
        expect(list.items.map((s) => s.id)).toContain(activeId);
      }
      // No strategy runs today in this organization: the next active one to start is the current one.
      expect(forAdmin.currentId).toBe(
        forAdmin.items.filter((s) => s.status === "active").sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0]?.id,
      );
    });

    it("never lists or opens another organization's strategies", async () => {
      const list = await world.api(world.other.admin, world.other.id).strategy.list();
      expect(list.items.map((s) => s.id)).not.toContain(activeId);
      await expectTRPCError(
        world.api(world.other.admin, world.other.id).strategy.get({ strategyId: activeId }),
        "NOT_FOUND",
      );
    });

    it("a draft is NOT_FOUND for those who may not manage strategy", async () => {
      await expectTRPCError(world.api(world.org.rep).strategy.get({ strategyId: draftId }), "NOT_FOUND");
      expect((await admin().strategy.get({ strategyId: draftId })).status).toBe("draft");
    });

    it("bad input → BAD_REQUEST naming strategyId", async () => {
      await expectBadRequest(admin().strategy.get({ strategyId: "nope" }), "strategyId");
    });
  });

  describe("bad input", () => {
    const base = () => ({
      strategyId: draftId,
      version: 1,
      name: "Fine",
      startsOn: "2030-01-01",
      endsOn: "2030-06-30",
      objectives: [] as ReturnType<typeof fourObjectives>,
    });

    it.each([
      ["name", { name: "", startsOn: "2044-01-01", endsOn: "2044-06-30" }],
      ["startsOn", { name: "X", startsOn: "2044-02-30", endsOn: "2044-06-30" }],
      ["startsOn", { name: "X", startsOn: "first of May", endsOn: "2044-06-30" }],
      ["endsOn", { name: "X", startsOn: "2044-06-30", endsOn: "2044-01-01" }],
    ] as const)("create → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().strategy.create(input), field);
    });

    it.each([
      ["objectives.0.weight", [{ title: "Neg", weight: -1 }]],
      ["objectives.0.weight", [{ title: "Big", weight: 101 }]],
      ["objectives.0.weight", [{ title: "Frac", weight: 12.5 }]],
      ["objectives.0.title", [{ title: " ", weight: 10 }]],
      ["objectives.0.focus.0.dimension", [{ title: "F", weight: 10, focus: [{ dimension: "planet", value: "Mars" }] }]],
      ["objectives.0.focus.0.value", [{ title: "F", weight: 10, focus: [{ dimension: "region", value: "" }] }]],
      ["objectives.0.ownerId", [{ title: "O", weight: 10, ownerId: "someone" }]],
    ] as const)("update → BAD_REQUEST naming %s", async (field, list) => {
      await expectBadRequest(admin().strategy.update({ ...base(), objectives: list as never }), field);
    });

    it("update with an objective listed twice → BAD_REQUEST naming objectives.1.id", async () => {
      const id = crypto.randomUUID();
      await expectBadRequest(
        admin().strategy.update({
          ...base(),
          objectives: [
            { id, title: "A", weight: 50 },
            { id, title: "B", weight: 50 },
          ],
        }),
        "objectives.1.id",
      );
    });

    it.each([
      ["archive", "strategyId", () => admin().strategy.archive({ strategyId: "x", version: 1 })],
      ["archive", "version", () => admin().strategy.archive({ strategyId: activeId, version: 0 })],
      [
        "duplicate",
        "strategyId",
        () =>
          admin().strategy.duplicate({ strategyId: "x", name: "Copy", startsOn: "2045-01-01", endsOn: "2045-06-30" }),
      ],
      [
        "duplicate",
        "endsOn",
        () =>
          admin().strategy.duplicate({
            strategyId: activeId,
            name: "Copy",
            startsOn: "2045-06-30",
            endsOn: "2045-01-01",
          }),
      ],
      [
        "duplicate",
        "name",
        () =>
          admin().strategy.duplicate({ strategyId: activeId, name: "", startsOn: "2045-01-01", endsOn: "2045-06-30" }),
      ],
      ["delete", "strategyId", () => admin().strategy.delete({ strategyId: "x", version: 1 })],
      ["delete", "version", () => admin().strategy.delete({ strategyId: draftId, version: "1" as never })],
    ] as const)("%s → BAD_REQUEST naming %s", async (_procedure, field, call) => {
      await expectBadRequest(call(), field);
    });

    it("activate with a missing version → BAD_REQUEST naming version", async () => {
      await expectBadRequest(admin().strategy.activate({ strategyId: draftId } as never), "version");
    });
  });
});
