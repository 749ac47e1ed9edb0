/** onboarding.acceptInvitation when the invitee already has a membership of the organization. */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, memberships } from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createOrg, createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { auditLog, lastAudit } from "../helpers/world";
import { useOnboardingWorld } from "./onboarding-fixtures";

describe("account router", () => {
  const { world, signedOut, tokenOf } = useOnboardingWorld();

  describe("acceptInvitation", () => {
    describe("when the invitee already has a membership (an invitation created just before they joined another way)", () => {
      /** A pending invitation to `org`'s email for a user who is then given a membership directly. */
      const inviteThenMember = async (
        orgId: string,
        admin: { id: string },
        invitedRole: "admin" | "manager" | "rep" | "viewer",
        membership: { role: "admin" | "manager" | "rep" | "viewer"; status: "active" | "deactivated" },
      ) => {
        const person = await createUser(world.db, "Twice Invited");
        const created = await world
          .api(admin, orgId)
          .invitations.create({ email: person.email, role: invitedRole, teamId: null });
        await world.db.insert(memberships).values({ orgId, id: crypto.randomUUID(), userId: person.id, ...membership });
        return { person, token: tokenOf(created.path), invitationId: created.id };
      };
      const membershipOf = async (orgId: string, userId: string) =>
        (
          await world.db
            .select({ role: memberships.role, status: memberships.status })
            .from(memberships)
            .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
        )[0];
      const memberEvents = async (orgId: string, userId: string) =>
        (
          await auditLog(world.db, orgId, and(eq(auditEvents.entityType, "member"), eq(auditEvents.entityId, userId)))
        ).map(({ action, actorId, before, after }) => ({ action, actorId, before, after }));

      it("reactivating a deactivated membership is audited as member.reactivated", async () => {
        const { person, token, invitationId } = await inviteThenMember(world.org.id, world.org.admin, "rep", {
          role: "rep",
          status: "deactivated",
        });
        await signedOut().onboarding.acceptInvitation({ token, password: TEST_PASSWORD });
        expect(await membershipOf(world.org.id, person.id)).toEqual({ role: "rep", status: "active" });
        expect(await memberEvents(world.org.id, person.id)).toEqual([
          {
            action: "member.reactivated",
            actorId: person.id,
            before: { status: "deactivated" },
            after: { status: "active", invitationId },
          },
        ]);
      });

      it("a role change is audited as member.role_changed (with the reactivation when both happen)", async () => {
        const { person, token, invitationId } = await inviteThenMember(world.org.id, world.org.admin, "manager", {
          role: "viewer",
          status: "deactivated",
        });
        await signedOut().onboarding.acceptInvitation({ token, password: TEST_PASSWORD });
        expect(await membershipOf(world.org.id, person.id)).toEqual({ role: "manager", status: "active" });
        const events = await memberEvents(world.org.id, person.id);
        expect(events).toHaveLength(2);
        expect(events).toEqual(
          expect.arrayContaining([
            {
              action: "member.reactivated",
              actorId: person.id,
              before: { status: "deactivated" },
              after: { status: "active", invitationId },
            },
            {
              action: "member.role_changed",
              actorId: person.id,
              before: { role: "viewer" },
              after: { role: "manager", invitationId },
            },
          ]),
        );
      });

      it("the same role, already active: nothing changes and no member event is written", async () => {
        const { person, token } = await inviteThenMember(world.org.id, world.org.admin, "rep", {
          role: "rep",
          status: "active",
        });
        await signedOut().onboarding.acceptInvitation({ token, password: TEST_PASSWORD });
        expect(await membershipOf(world.org.id, person.id)).toEqual({ role: "rep", status: "active" });
        expect(await memberEvents(world.org.id, person.id)).toEqual([]);
        expect(await lastAudit(world.db, world.org.id, "invitation.accepted")).toMatchObject({ actorId: person.id });
      });

      it("cannot demote the organization's last active admin: CONFLICT, nothing changes, the link still works later", async () => {
        const small = await createOrg(world.db, "Smallco");
        const { person, token } = await inviteThenMember(small.id, small.admin, "viewer", {
          role: "admin",
          status: "active",
        });
        // The person becomes the only active admin.
        await world.db
          .update(memberships)
          .set({ status: "deactivated" })
          .where(and(eq(memberships.orgId, small.id), eq(memberships.userId, small.admin.id)));
        const error = await expectTRPCError(
          signedOut().onboarding.acceptInvitation({ token, password: TEST_PASSWORD }),
          "CONFLICT",
        );
        expect(error.message).toMatch(/last active admin/);
        expect(await membershipOf(small.id, person.id)).toEqual({ role: "admin", status: "active" });
        expect(await memberEvents(small.id, person.id)).toEqual([]);
        // With another active admin, the same link demotes them (audited).
        await world.db
          .update(memberships)
          .set({ status: "active" })
          .where(and(eq(memberships.orgId, small.id), eq(memberships.userId, small.admin.id)));
        await signedOut().onboarding.acceptInvitation({ token, password: TEST_PASSWORD });
        expect(await membershipOf(small.id, person.id)).toEqual({ role: "viewer", status: "active" });
        expect(await memberEvents(small.id, person.id)).toEqual([
          expect.objectContaining({ action: "member.role_changed", before: { role: "admin" } }),
        ]);
      });
    });
  });
});
