import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { teamMembers, teams } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";

describe("teams router", () => {
  const world = useWorld();
  const admin = () => world.api(world.org.admin);
  const parentOf = async (orgId: string, teamId: string) =>
    (
      await world.db
        .select({ parentTeamId: teams.parentTeamId })
        .from(teams)
        .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)))
    )[0]?.parentTeamId;

  describeOrgAccess(world, [
    { procedure: "teams.list", call: (api) => api.teams.list() },
    {
      procedure: "teams.create",
      call: (api) => api.teams.create({ name: "Access", parentTeamId: world.org.rootTeamId }),
    },
    {
      procedure: "teams.rename",
      call: (api) => api.teams.rename({ teamId: world.org.subTeamId, name: "Initech East" }),
    },
    {
      procedure: "teams.move",
      call: (api) => api.teams.move({ teamId: world.org.subTeamId, parentTeamId: world.org.rootTeamId }),
    },
    {
      procedure: "teams.setManager",
      call: (api) =>
        api.teams.setManager({ teamId: world.org.rootTeamId, userId: world.org.manager.id, isManager: true }),
    },
  ]);

  describe("list", () => {
    let tree: TestOrg;
    beforeAll(async () => {
      tree = await createOrg(world.db, "Tree");
      const api = world.api(tree.admin, tree.id);
      const west = await api.teams.create({ name: "West", parentTeamId: tree.rootTeamId });
      await api.teams.create({ name: "Bay Area", parentTeamId: west.id });
      await api.teams.create({ name: "Alliances", parentTeamId: null });
    });

    it("returns the tree in display order with depth, member counts and managers; any role may read it", async () => {
      for (const role of ["admin", "manager", "rep", "viewer"] as const) {
        const list = await world.api(tree[role], tree.id).teams.list();
        expect(list.map((team) => [team.name, team.depth])).toEqual([
          ["Alliances", 0],
          ["Tree Sales", 0],
          ["Tree East", 1],
          ["West", 1],
          ["Bay Area", 2],
        ]);
      }
      const list = await world.api(tree.viewer, tree.id).teams.list();
      expect(list.find((team) => team.id === tree.rootTeamId)).toEqual({
        id: tree.rootTeamId,
        name: "Tree Sales",
        parentTeamId: null,
        depth: 0,
        memberCount: 1,
        managers: [{ userId: tree.manager.id, name: "Tree manager" }],
      });
      expect(list.find((team) => team.id === tree.subTeamId)).toMatchObject({
        parentTeamId: tree.rootTeamId,
        memberCount: 2,
        managers: [],
      });
    });

    it("never shows another organization's teams", async () => {
      const list = await world.api(world.other.admin, world.other.id).teams.list();
      expect(list.map((team) => team.id).sort()).toEqual([world.other.rootTeamId, world.other.subTeamId].sort());
    });
  });

  describe("create", () => {
    it("creates a top-level team and a sub-team, audited", async () => {
      const top = await admin().teams.create({ name: "  Partners  " });
      const sub = await admin().teams.create({ name: "Resellers", parentTeamId: top.id });
      const rows = await world.db
        .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
        .from(teams)
        .where(eq(teams.orgId, world.org.id));
      expect(rows).toEqual(
        expect.arrayContaining([
          { id: top.id, name: "Partners", parentTeamId: null },
          { id: sub.id, name: "Resellers", parentTeamId: top.id },
        ]),
      );
      expect(await lastAudit(world.db, world.org.id, "team.created")).toMatchObject({
        actorId: world.org.admin.id,
        entityType: "team",
        entityId: sub.id,
        after: { name: "Resellers", parentTeamId: top.id },
      });
    });

    it("a parent team of another organization → NOT_FOUND naming parentTeamId", async () => {
      const error = await expectTRPCError(
        admin().teams.create({ name: "Sneaky", parentTeamId: world.other.rootTeamId }),
        "NOT_FOUND",
      );
      expect(error.message).toMatch(/^parentTeamId: /);
      expect(await world.db.select().from(teams).where(eq(teams.name, "Sneaky"))).toEqual([]);
    });

    it.each([
      ["name", { name: "" }],
      ["name", { name: "x".repeat(121) }],
      ["name", { name: "Tab\tTeam" }],
      ["parentTeamId", { name: "Ok", parentTeamId: "root" }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().teams.create(input as never), field);
    });
  });

  describe("rename", () => {
    it("renames a team, audited", async () => {
      const { id } = await admin().teams.create({ name: "Old Name" });
      expect(await admin().teams.rename({ teamId: id, name: "New Name" })).toEqual({ id, name: "New Name" });
      expect((await admin().teams.list()).find((team) => team.id === id)?.name).toBe("New Name");
      expect(await lastAudit(world.db, world.org.id, "team.renamed")).toMatchObject({
        entityId: id,
        before: { name: "Old Name" },
        after: { name: "New Name" },
      });
    });

    it("a team of another organization → NOT_FOUND, untouched", async () => {
      await expectTRPCError(admin().teams.rename({ teamId: world.other.rootTeamId, name: "Pwned" }), "NOT_FOUND");
      const [row] = await world.db.select({ name: teams.name }).from(teams).where(eq(teams.id, world.other.rootTeamId));
      expect(row?.name).toBe("Umbrella Sales");
    });

    it.each([
      ["teamId", { teamId: "x", name: "Fine" }],
      ["name", { teamId: crypto.randomUUID(), name: "" }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().teams.rename(input), field);
    });
  });

  describe("move", () => {
    let a: string, b: string, c: string, d: string;
    beforeAll(async () => {
      // a ─ b ─ c, and d on its own
      a = (await admin().teams.create({ name: "Move A" })).id;
      b = (await admin().teams.create({ name: "Move B", parentTeamId: a })).id;
      c = (await admin().teams.create({ name: "Move C", parentTeamId: b })).id;
      d = (await admin().teams.create({ name: "Move D" })).id;
    });

    it("re-parents a team with its sub-teams, audited", async () => {
      expect(await admin().teams.move({ teamId: b, parentTeamId: d })).toEqual({ id: b, parentTeamId: d });
      expect(await parentOf(world.org.id, b)).toBe(d);
      expect(await parentOf(world.org.id, c)).toBe(b);
      const list = await admin().teams.list();
      expect(list.find((team) => team.id === c)?.depth).toBe(2);
      expect(await lastAudit(world.db, world.org.id, "team.moved")).toMatchObject({
        entityId: b,
        before: { parentTeamId: a },
        after: { parentTeamId: d },
      });

      await admin().teams.move({ teamId: b, parentTeamId: null });
      expect(await parentOf(world.org.id, b)).toBeNull();
      await admin().teams.move({ teamId: b, parentTeamId: a });
    });

    it("into its own sub-team (or itself) → BAD_REQUEST naming parentTeamId; the tree is unchanged", async () => {
      for (const target of [b, c]) {
        const message = await expectBadRequest(admin().teams.move({ teamId: a, parentTeamId: target }), "parentTeamId");
        expect(message).toMatch(/sub-teams/);
      }
      await expectBadRequest(admin().teams.move({ teamId: a, parentTeamId: a }), "parentTeamId");
      await expectBadRequest(admin().teams.move({ teamId: b, parentTeamId: c }), "parentTeamId");
      expect(await parentOf(world.org.id, a)).toBeNull();
      expect(await parentOf(world.org.id, b)).toBe(a);
    });

    it("under a team of another organization, or moving one → NOT_FOUND", async () => {
      await expectTRPCError(admin().teams.move({ teamId: d, parentTeamId: world.other.rootTeamId }), "NOT_FOUND");
      await expectTRPCError(admin().teams.move({ teamId: world.other.subTeamId, parentTeamId: null }), "NOT_FOUND");
      expect(await parentOf(world.other.id, world.other.subTeamId)).toBe(world.other.rootTeamId);
    });

    it("two crossing moves at the same moment cannot close a cycle", async () => {
      const x = (await admin().teams.create({ name: "Cross X" })).id;
      const y = (await admin().teams.create({ name: "Cross Y" })).id;
      const results = await Promise.allSettled([
        admin().teams.move({ teamId: x, parentTeamId: y }),
        admin().teams.move({ teamId: y, parentTeamId: x }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const parents = [await parentOf(world.org.id, x), await parentOf(world.org.id, y)];
      expect(parents.filter((p) => p === null)).toHaveLength(1);
    });

    it.each([
      ["teamId", { teamId: "x", parentTeamId: null }],
      ["parentTeamId", { teamId: crypto.randomUUID(), parentTeamId: "x" }],
      ["parentTeamId", { teamId: crypto.randomUUID() }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().teams.move(input as never), field);
    });
  });

  describe("setManager", () => {
    it("gives and takes the manager seat, audited", async () => {
      const team = (await admin().teams.create({ name: "Managed" })).id;
      const seat = async () =>
        (
          await world.db
            .select({ isManager: teamMembers.isManager })
            .from(teamMembers)
            .where(and(eq(teamMembers.teamId, team), eq(teamMembers.userId, world.org.rep.id)))
        )[0];

      expect(await admin().teams.setManager({ teamId: team, userId: world.org.rep.id, isManager: true })).toEqual({
        teamId: team,
        userId: world.org.rep.id,
        isManager: true,
      });
      expect(await seat()).toEqual({ isManager: true });
      expect((await admin().teams.list()).find((t) => t.id === team)?.managers).toEqual([
        { userId: world.org.rep.id, name: "Initech rep" },
      ]);
      expect(await lastAudit(world.db, world.org.id, "team.manager_added")).toMatchObject({
        entityId: team,
        after: { userId: world.org.rep.id },
      });

      await admin().teams.setManager({ teamId: team, userId: world.org.rep.id, isManager: false });
      expect(await seat()).toEqual({ isManager: false });
      expect((await admin().teams.list()).find((t) => t.id === team)).toMatchObject({ managers: [], memberCount: 1 });
      expect(await lastAudit(world.db, world.org.id, "team.manager_removed")).toMatchObject({
        entityId: team,
        after: { userId: world.org.rep.id },
      });
    });

    it("someone who is not a member → NOT_FOUND naming userId", async () => {
      const error = await expectTRPCError(
        admin().teams.setManager({ teamId: world.org.rootTeamId, userId: world.other.manager.id, isManager: true }),
        "NOT_FOUND",
      );
      expect(error.message).toMatch(/^userId: /);
    });

    it("a team of another organization → NOT_FOUND", async () => {
      await expectTRPCError(
        admin().teams.setManager({ teamId: world.other.rootTeamId, userId: world.org.rep.id, isManager: true }),
        "NOT_FOUND",
      );
    });

    it.each([
      ["teamId", { teamId: "x", userId: crypto.randomUUID(), isManager: true }],
      ["userId", { teamId: crypto.randomUUID(), userId: "x", isManager: true }],
      ["isManager", { teamId: crypto.randomUUID(), userId: crypto.randomUUID(), isManager: "yes" }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().teams.setManager(input as never), field);
    });
  });
});
