import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { goalObjectiveLinks, objectiveFocus, objectives, strategies } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { auditLog, describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";
import { insertGoal, insertStrategy } from "./alignment-fixtures";

/** Objectives as the editor sends them. */
const fourObjectives = (ownerId: string | null = null) => [
  {
    title: "Win enterprise manufacturing",
    description: "Plants with 5+ lines",
    weight: 40,
    ownerId,
    focus: [
      { dimension: "industry" as const, value: "Manufacturing" },
      { dimension: "segment" as const, value: "Enterprise" },
    ],
  },
  { title: "Expand in healthcare", weight: 25, focus: [{ dimension: "industry" as const, value: "Healthcare" }] },
  { title: "Grow Fleet Analytics", weight: 20, focus: [{ dimension: "product" as const, value: "Fleet Analytics" }] },
  { title: "Land logos in EMEA", weight: 15, focus: [{ dimension: "region" as const, value: "EMEA" }] },
];

describe("strategy router", () => {
  const world = useWorld();
  const admin = () => world.api(world.org.admin);
  let draftId: string;
  let activeId: string;

  beforeAll(async () => {
    draftId = (
      await insertStrategy(world.db, world.org.id, {
        status: "draft",
        startsOn: "2030-01-01",
        endsOn: "2030-06-30",
        objectives: [{ title: "Only", weight: 100 }],
      })
    ).id;
    activeId = (
      await insertStrategy(world.db, world.org.id, {
        status: "active",
        startsOn: "2031-01-01",
        endsOn: "2031-06-30",
        objectives: [{ title: "All", weight: 100 }],
      })
    ).id;
  });

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

/** The editor's input for a strategy as it is now. */
function editable(s: {
  id: string;
  version: number;
  name: string;
  startsOn: string;
  endsOn: string;
  objectives: {
    id: string;
    title: string;
    description: string;
    weight: number;
    ownerId: string | null;
    focus: { dimension: "industry" | "segment" | "region" | "product"; value: string }[];
  }[];
}) {
  return {
    strategyId: s.id,
    version: s.version,
    name: s.name,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    objectives: s.objectives.map((o) => ({
      id: o.id as string | undefined,
      title: o.title,
      description: o.description,
      weight: o.weight,
      ownerId: o.ownerId,
      focus: o.focus,
    })),
  };
}
