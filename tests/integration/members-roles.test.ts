import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { callerFor, createOrg } from "../helpers/fixtures";
import { expectBadRequest, lastAudit } from "../helpers/world";
import { addMember, membershipOf, seatsOf, useMembersWorld } from "./members-fixtures";

describe("members router", () => {
  const { world, admin } = useMembersWorld();

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
