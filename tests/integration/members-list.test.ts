import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/server/authz/permissions";
import { likePattern } from "@/server/domain/like-pattern";
import { followPages } from "../helpers/pages";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { describeOrgAccess, expectBadRequest, type Caller } from "../helpers/world";
import { addMember, useMembersWorld } from "./members-fixtures";

type ListResult = Awaited<ReturnType<Caller["members"]["list"]>>;

/** Every page of members.list, following the cursor. */
function allPages(api: Caller, limit: number): Promise<ListResult["items"][]> {
  return followPages((cursor) => api.members.list({ limit, cursor }), 100);
}

describe("members router", () => {
  const { world } = useMembersWorld();
  /** A rep of `org` the access checks aim at. */
  let target: { id: string };

  beforeAll(async () => {
    target = await addMember(world.db, world.org.id, "Target Tina", "rep", { teamId: world.org.subTeamId });
  });

  describeOrgAccess(world, [
    { procedure: "members.list", call: (api) => api.members.list({}) },
    {
      procedure: "members.changeRole",
      call: (api) => api.members.changeRole({ userId: target.id, role: "manager" }),
    },
    {
      procedure: "members.moveTeam",
      call: (api) => api.members.moveTeam({ userId: target.id, teamId: world.org.rootTeamId }),
    },
    {
      procedure: "members.deactivate",
      call: (api) => api.members.deactivate({ userId: target.id }),
    },
    {
      procedure: "members.reactivate",
      call: (api) => api.members.reactivate({ userId: world.deactivated.id }),
    },
  ]);

  describe("list", () => {
    let roster: TestOrg;
    beforeAll(async () => {
      roster = await createOrg(world.db, "Roster");
      await addMember(world.db, roster.id, "Zed Gone", "rep", { status: "deactivated" });
      await addMember(world.db, roster.id, "Percy 100% Sure", "rep");
    });
    const rosterApi = (role: Role = "viewer") => world.api(roster[role], roster.id);

    it("lists the organization's members by name, with role, status and teams; any role may read it", async () => {
      for (const role of ["admin", "manager", "rep", "viewer"] as const) {
        const { items, nextCursor } = await rosterApi(role).members.list({});
        expect(nextCursor).toBeNull();
        expect(items.map((m) => m.name)).toEqual([
          "Percy 100% Sure",
          "Roster admin",
          "Roster manager",
          "Roster rep",
          "Roster viewer",
          "Zed Gone",
        ]);
      }
      const { items } = await rosterApi().members.list({});
      expect(items.find((m) => m.userId === roster.manager.id)).toEqual({
        userId: roster.manager.id,
        name: "Roster manager",
        email: roster.manager.email,
        role: "manager",
        status: "active",
        teams: [{ id: roster.rootTeamId, name: "Roster Sales", isManager: true }],
      });
      expect(items.find((m) => m.userId === roster.rep.id)?.teams).toEqual([
        { id: roster.subTeamId, name: "Roster East", isManager: false },
      ]);
      expect(items.find((m) => m.name === "Zed Gone")).toMatchObject({ status: "deactivated", teams: [] });
    });

    it("never lists members of another organization", async () => {
      const { items } = await world.api(world.other.admin, world.other.id).members.list({ limit: 100 });
      expect(items.every((m) => m.name.startsWith("Umbrella"))).toBe(true);
      expect(items).toHaveLength(4);
    });

    it("filters by status", async () => {
      expect((await rosterApi().members.list({ status: "deactivated" })).items.map((m) => m.name)).toEqual([
        "Zed Gone",
      ]);
      expect((await rosterApi().members.list({ status: "active" })).items).toHaveLength(5);
    });

    it("searches names and emails, case-insensitively, treating % and _ literally", async () => {
      expect((await rosterApi().members.list({ search: "ROSTER M" })).items.map((m) => m.name)).toEqual([
        "Roster manager",
      ]);
      expect(
        (await rosterApi().members.list({ search: roster.rep.email.slice(0, 15) })).items.map((m) => m.userId),
      ).toEqual([roster.rep.id]);
      expect((await rosterApi().members.list({ search: "100%" })).items.map((m) => m.name)).toEqual([
        "Percy 100% Sure",
      ]);
      expect((await rosterApi().members.list({ search: "%" })).items.map((m) => m.name)).toEqual(["Percy 100% Sure"]);
      expect((await rosterApi().members.list({ search: "_" })).items).toEqual([]);
      expect(likePattern("a_b%c\\")).toBe("%a\\_b\\%c\\\\%");
    });

    it("keyset pagination returns every member exactly once, in order, even with equal names", async () => {
      const big = await createOrg(world.db, "Paged");
      for (let i = 0; i < 26; i++)
        await addMember(world.db, big.id, i % 3 === 0 ? "Same Name" : `Member ${String(i).padStart(2, "0")}`, "rep");
      const api = world.api(big.viewer, big.id);
      const everyone = (await api.members.list({ limit: 100 })).items;
      expect(everyone).toHaveLength(30);
      for (const limit of [1, 4, 7, 30]) {
        const pages = await allPages(api, limit);
        expect(pages.every((page) => page.length <= limit)).toBe(true);
        expect(pages.flat().map((m) => m.userId)).toEqual(everyone.map((m) => m.userId));
        expect(new Set(pages.flat().map((m) => m.userId)).size).toBe(30);
      }
    });

    it("issues the same number of SQL statements for 5 and for 30 members (no N+1)", async () => {
      const small = await createOrg(world.db, "Small");
      await addMember(world.db, small.id, "Fifth", "rep", { teamId: small.subTeamId });
      const large = await createOrg(world.db, "Large");
      for (let i = 0; i < 26; i++)
        await addMember(world.db, large.id, `Large ${i}`, "rep", {
          teamId: i % 2 ? large.subTeamId : large.rootTeamId,
        });

      const statementsFor = async (org: TestOrg, expected: number) => {
        const api = world.api(org.admin, org.id);
        world.handle.resetQueryCount();
        const { items } = await api.members.list({ limit: 100 });
        const statements = world.handle.queryCount();
        expect(items).toHaveLength(expected);
        return statements;
      };
      const few = await statementsFor(small, 5);
      const many = await statementsFor(large, 30);
      expect(few).toBeGreaterThan(0);
      expect(many).toBe(few);
    });

    it.each([
      ["limit", { limit: 0 }],
      ["limit", { limit: 1000 }],
      ["limit", { limit: 2.5 }],
      ["status", { status: "gone" }],
      ["search", { search: "x".repeat(101) }],
      ["cursor.userId", { cursor: { name: "A", userId: "nope" } }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(rosterApi().members.list(input as never), field);
    });
  });
});
