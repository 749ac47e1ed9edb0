import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { accounts, deals, memberships, teamMembers } from "@/db/schema";
import type { Role } from "@/server/authz/permissions";
import { likePattern } from "@/server/domain/like-pattern";
import { expectTRPCError } from "../helpers/expect-trpc";
import { followPages } from "../helpers/pages";
import { callerFor, createOrg, createUser, type TestOrg } from "../helpers/fixtures";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld, type Caller } from "../helpers/world";

type ListResult = Awaited<ReturnType<Caller["members"]["list"]>>;

async function addMember(
  db: Database,
  orgId: string,
  name: string,
  role: Role,
  options: { teamId?: string; status?: "active" | "deactivated" } = {},
) {
  const user = await createUser(db, name);
  await db
    .insert(memberships)
    .values({ orgId, id: crypto.randomUUID(), userId: user.id, role, status: options.status ?? "active" });
  if (options.teamId) await db.insert(teamMembers).values({ orgId, teamId: options.teamId, userId: user.id });
  return user;
}

async function membershipOf(db: Database, orgId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row;
}

async function seatsOf(db: Database, orgId: string, userId: string) {
  return db
    .select({ teamId: teamMembers.teamId, isManager: teamMembers.isManager })
    .from(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)))
    .orderBy(teamMembers.teamId);
}

/** Every page of members.list, following the cursor. */
function allPages(api: Caller, limit: number): Promise<ListResult["items"][]> {
  return followPages((cursor) => api.members.list({ limit, cursor }), 100);
}

describe("members router", () => {
  const world = useWorld();
  const admin = () => world.api(world.org.admin);
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

  describe("changeRole", () => {
    it("changes the role, takes effect on the next request, and is audited", async () => {
      const member = await addMember(world.db, world.org.id, "Riley Rising", "rep");
      await expectTRPCError(
        world.api(member).members.changeRole({ userId: world.org.viewer.id, role: "rep" }),
        "FORBIDDEN",
      );
      expect(await admin().members.changeRole({ userId: member.id, role: "admin" })).toEqual({
        userId: member.id,
        role: "admin",
      });
      expect(await membershipOf(world.db, world.org.id, member.id)).toEqual({ role: "admin", status: "active" });
      // The same (signed-in) caller now holds the admin's permissions.
      expect((await world.api(member).org.current()).role).toBe("admin");
      expect(await lastAudit(world.db, world.org.id, "member.role_changed")).toMatchObject({
        actorId: world.org.admin.id,
        entityType: "member",
        entityId: member.id,
        before: { role: "rep" },
        after: { role: "admin" },
      });

      await admin().members.changeRole({ userId: member.id, role: "viewer" });
      await expectTRPCError(
        world.api(member).members.changeRole({ userId: world.org.rep.id, role: "viewer" }),
        "FORBIDDEN",
      );
    });

    it("the last active admin cannot be demoted (CONFLICT), not even by themselves", async () => {
      const solo = await createOrg(world.db, "Solo");
      const api = world.api(solo.admin, solo.id);
      for (const role of ["manager", "rep", "viewer"] as const) {
        const error = await expectTRPCError(api.members.changeRole({ userId: solo.admin.id, role }), "CONFLICT");
        expect(error.message).toMatch(/at least one active admin/);
      }
      expect(await membershipOf(world.db, solo.id, solo.admin.id)).toEqual({ role: "admin", status: "active" });
      // A deactivated admin does not count.
      const dormant = await addMember(world.db, solo.id, "Dormant Admin", "admin", { status: "deactivated" });
      await expectTRPCError(api.members.changeRole({ userId: solo.admin.id, role: "rep" }), "CONFLICT");
      // With a second active admin, either may step down.
      await api.members.reactivate({ userId: dormant.id });
      await api.members.changeRole({ userId: solo.admin.id, role: "manager" });
      expect(await membershipOf(world.db, solo.id, solo.admin.id)).toEqual({ role: "manager", status: "active" });
      await expectTRPCError(
        world.api(dormant, solo.id).members.changeRole({ userId: dormant.id, role: "rep" }),
        "CONFLICT",
      );
    });

    it("two admins demoting each other at the same moment leave one admin", async () => {
      for (let round = 0; round < 5; round++) {
        const duo = await createOrg(world.db, `Duo ${round}`);
        const second = await addMember(world.db, duo.id, "Second Admin", "admin");
        const results = await Promise.allSettled([
          world.api(duo.admin, duo.id).members.changeRole({ userId: second.id, role: "rep" }),
          world.api(second, duo.id).members.changeRole({ userId: duo.admin.id, role: "rep" }),
        ]);
        const admins = await world.db
          .select()
          .from(memberships)
          .where(and(eq(memberships.orgId, duo.id), eq(memberships.role, "admin"), eq(memberships.status, "active")));
        expect(admins, `round ${round}`).toHaveLength(1);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      }
    });

    it("leaves the role alone when it does not change (no audit event)", async () => {
      const member = await addMember(world.db, world.org.id, "Steady Sam", "manager");
      expect(await admin().members.changeRole({ userId: member.id, role: "manager" })).toEqual({
        userId: member.id,
        role: "manager",
      });
      expect((await lastAudit(world.db, world.org.id, "member.role_changed"))?.entityId).not.toBe(member.id);
    });

    it("someone who is not a member (e.g. of another organization) → NOT_FOUND, untouched", async () => {
      await expectTRPCError(admin().members.changeRole({ userId: world.other.rep.id, role: "admin" }), "NOT_FOUND");
      expect(await membershipOf(world.db, world.other.id, world.other.rep.id)).toEqual({
        role: "rep",
        status: "active",
      });
    });

    it.each([
      ["userId", { userId: "not-a-uuid", role: "rep" }],
      ["role", { userId: crypto.randomUUID(), role: "owner" }],
      ["role", { userId: crypto.randomUUID() }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().members.changeRole(input as never), field);
    });
  });

  describe("moveTeam", () => {
    it("puts the member in one team, keeping their manager seats, and is audited", async () => {
      const member = await addMember(world.db, world.org.id, "Mover Mo", "manager", { teamId: world.org.subTeamId });
      await world.db
        .insert(teamMembers)
        .values({ orgId: world.org.id, teamId: world.org.rootTeamId, userId: member.id, isManager: true });
      const thirdTeam = (await admin().teams.create({ name: "Third", parentTeamId: null })).id;

      expect(await admin().members.moveTeam({ userId: member.id, teamId: thirdTeam })).toEqual({
        userId: member.id,
        teamId: thirdTeam,
      });
      expect(await seatsOf(world.db, world.org.id, member.id)).toEqual(
        [
          { teamId: world.org.rootTeamId, isManager: true },
          { teamId: thirdTeam, isManager: false },
        ].sort((a, b) => a.teamId.localeCompare(b.teamId)),
      );
      expect(await lastAudit(world.db, world.org.id, "member.team_changed")).toMatchObject({
        actorId: world.org.admin.id,
        entityId: member.id,
        before: { teamIds: [world.org.subTeamId] },
        after: { teamId: thirdTeam },
      });

      // No team: only the manager seat is left.
      await admin().members.moveTeam({ userId: member.id, teamId: null });
      expect(await seatsOf(world.db, world.org.id, member.id)).toEqual([
        { teamId: world.org.rootTeamId, isManager: true },
      ]);
    });

    it("the member's open deals follow them to their new team; closed deals stay with the team that worked them", async () => {
      const member = await addMember(world.db, world.org.id, "Deal Mover", "rep", { teamId: world.org.subTeamId });
      const accountId = crypto.randomUUID();
      await world.db
        .insert(accounts)
        .values({ orgId: world.org.id, id: accountId, name: "Mover's account", ownerId: member.id });
      const open = crypto.randomUUID();
      const won = crypto.randomUUID();
      await world.db.insert(deals).values([
        {
          orgId: world.org.id,
          id: open,
          accountId,
          name: "Open one",
          stage: "proposal",
          ownerId: member.id,
          teamId: world.org.subTeamId,
        },
        {
          orgId: world.org.id,
          id: won,
          accountId,
          name: "Won one",
          stage: "closed_won",
          ownerId: member.id,
          teamId: world.org.subTeamId,
        },
      ]);
      const thirdTeam = (await admin().teams.create({ name: "Deal team", parentTeamId: null })).id;
      await admin().members.moveTeam({ userId: member.id, teamId: thirdTeam });
      const teamOf = async (id: string) =>
        (await world.db.select({ teamId: deals.teamId }).from(deals).where(eq(deals.id, id)))[0]?.teamId;
      expect(await teamOf(open)).toBe(thirdTeam);
      expect(await teamOf(won)).toBe(world.org.subTeamId);
      expect(await lastAudit(world.db, world.org.id, "member.team_changed")).toMatchObject({
        after: { teamId: thirdTeam, openDealsMoved: 1 },
      });
      await admin().members.moveTeam({ userId: member.id, teamId: null });
      expect(await teamOf(open)).toBeNull();
    });

    it("a team of another organization → NOT_FOUND, nothing changes", async () => {
      const member = await addMember(world.db, world.org.id, "Stay Put", "rep", { teamId: world.org.subTeamId });
      await expectTRPCError(
        admin().members.moveTeam({ userId: member.id, teamId: world.other.subTeamId }),
        "NOT_FOUND",
      );
      expect(await seatsOf(world.db, world.org.id, member.id)).toEqual([
        { teamId: world.org.subTeamId, isManager: false },
      ]);
    });

    it("someone who is not a member → NOT_FOUND", async () => {
      await expectTRPCError(
        admin().members.moveTeam({ userId: world.other.rep.id, teamId: world.org.subTeamId }),
        "NOT_FOUND",
      );
    });

    it.each([
      ["userId", { userId: "x", teamId: null }],
      ["teamId", { userId: crypto.randomUUID(), teamId: "x" }],
      ["teamId", { userId: crypto.randomUUID() }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(admin().members.moveTeam(input as never), field);
    });
  });

  describe("deactivate and reactivate", () => {
    it("deactivation ends the member's access at their next request; reactivation restores it; both audited", async () => {
      const member = await addMember(world.db, world.org.id, "Temp Terry", "rep", { teamId: world.org.subTeamId });
      const theirApi = world.api(member);
      expect((await theirApi.org.current()).role).toBe("rep");

      expect(await admin().members.deactivate({ userId: member.id })).toEqual({
        userId: member.id,
        status: "deactivated",
      });
      expect(await membershipOf(world.db, world.org.id, member.id)).toEqual({ role: "rep", status: "deactivated" });
      await expectTRPCError(theirApi.org.current(), "NOT_FOUND");
      await expectTRPCError(theirApi.members.list({}), "NOT_FOUND");
      await expectTRPCError(theirApi.dashboard.summary(), "NOT_FOUND");
      expect((await callerFor(world.db, member).me.get()).organizations).toEqual([]);
      // Their records stay: the team seat is kept.
      expect(await seatsOf(world.db, world.org.id, member.id)).toEqual([
        { teamId: world.org.subTeamId, isManager: false },
      ]);
      expect(await lastAudit(world.db, world.org.id, "member.deactivated")).toMatchObject({
        actorId: world.org.admin.id,
        entityId: member.id,
        before: { status: "active" },
        after: { status: "deactivated" },
      });

      expect(await admin().members.reactivate({ userId: member.id })).toEqual({ userId: member.id, status: "active" });
      expect((await theirApi.org.current()).role).toBe("rep");
      expect(await lastAudit(world.db, world.org.id, "member.reactivated")).toMatchObject({
        entityId: member.id,
        before: { status: "deactivated" },
        after: { status: "active" },
      });
    });

    it("a deactivated admin loses admin access too", async () => {
      const second = await addMember(world.db, world.org.id, "Second Sally", "admin");
      await admin().members.deactivate({ userId: second.id });
      await expectTRPCError(world.api(second).members.reactivate({ userId: second.id }), "NOT_FOUND");
      await admin().members.reactivate({ userId: second.id });
      await admin().members.changeRole({ userId: second.id, role: "viewer" });
    });

    it("an admin cannot deactivate themselves (so the last admin can never be deactivated)", async () => {
      const error = await expectBadRequest(admin().members.deactivate({ userId: world.org.admin.id }), "userId");
      expect(error).toMatch(/yourself/);
      expect(await membershipOf(world.db, world.org.id, world.org.admin.id)).toEqual({
        role: "admin",
        status: "active",
      });
    });

    it("two admins deactivating each other at the same moment leave one active admin", async () => {
      for (let round = 0; round < 5; round++) {
        const duo = await createOrg(world.db, `Pair ${round}`);
        const second = await addMember(world.db, duo.id, "Second Admin", "admin");
        const results = await Promise.allSettled([
          world.api(duo.admin, duo.id).members.deactivate({ userId: second.id }),
          world.api(second, duo.id).members.deactivate({ userId: duo.admin.id }),
        ]);
        const admins = await world.db
          .select()
          .from(memberships)
          .where(and(eq(memberships.orgId, duo.id), eq(memberships.role, "admin"), eq(memberships.status, "active")));
        expect(admins, `round ${round}`).toHaveLength(1);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      }
    });

    it("someone who is not a member → NOT_FOUND", async () => {
      await expectTRPCError(admin().members.deactivate({ userId: world.other.rep.id }), "NOT_FOUND");
      await expectTRPCError(admin().members.reactivate({ userId: world.other.rep.id }), "NOT_FOUND");
      expect(await membershipOf(world.db, world.other.id, world.other.rep.id)).toEqual({
        role: "rep",
        status: "active",
      });
    });

    it("bad input → BAD_REQUEST naming userId", async () => {
      await expectBadRequest(admin().members.deactivate({ userId: "x" }), "userId");
      await expectBadRequest(admin().members.reactivate({ userId: "x" }), "userId");
      await expectBadRequest(admin().members.deactivate({} as never), "userId");
    });
  });
});
