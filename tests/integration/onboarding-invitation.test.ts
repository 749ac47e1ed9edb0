/** onboarding.invitation and onboarding.acceptInvitation (public): looking at and accepting a link. */
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, memberships, signInFailures, teamMembers, users } from "@/db/schema";
import { verifyCredentials } from "@/server/auth/credentials";
import { ACCEPT_INVITATION_FAILURE_LIMIT, ACCEPT_THROTTLED_MESSAGE } from "@/server/trpc/routers/onboarding";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { expectBadRequest, lastAudit, scalar } from "../helpers/world";
import { NEW_PASSWORD, useOnboardingWorld } from "./onboarding-fixtures";

describe("account router", () => {
  const { world, outbox, signedOut, invite, uniqueEmail, fromAddress, age } = useOnboardingWorld();

  describe("invitation (looking at a link)", () => {
    it("describes a pending invitation without signing in", async () => {
      const email = uniqueEmail("lookie");
      const { token } = await invite(email, "manager");
      expect(await signedOut().onboarding.invitation({ token })).toEqual({
        orgName: "Initech",
        email,
        role: "manager",
        hasAccount: false,
      });
    });

    it("tells whether the invitee already has an account", async () => {
      const { token } = await invite(world.other.viewer.email, "viewer");
      expect(await signedOut().onboarding.invitation({ token })).toMatchObject({
        email: world.other.viewer.email,
        hasAccount: true,
      });
    });

    it("an unknown token → NOT_FOUND", async () => {
      await expectTRPCError(signedOut().onboarding.invitation({ token: "x".repeat(43) }), "NOT_FOUND");
    });

    it("bad input → BAD_REQUEST naming token", async () => {
      await expectBadRequest(signedOut().onboarding.invitation({ token: "short" }), "token");
      await expectBadRequest(signedOut().onboarding.invitation({ token: "x".repeat(101) }), "token");
    });
  });

  describe("acceptInvitation", () => {
    it("creates the user and a membership with the invited role and team; the link works once", async () => {
      const email = uniqueEmail("newbie");
      const { id, token } = await invite(email, "manager", world.org.subTeamId);
      const result = await signedOut().onboarding.acceptInvitation({
        token,
        name: "Nina Newbie",
        password: NEW_PASSWORD,
      });
      expect(result).toEqual({ orgSlug: world.org.slug, email });

      const [user] = await world.db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(users.email, email));
      expect(user?.name).toBe("Nina Newbie");
      const [membership] = await world.db
        .select({ role: memberships.role, status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.orgId, world.org.id), eq(memberships.userId, user!.id)));
      expect(membership).toEqual({ role: "manager", status: "active" });
      const seats = await world.db
        .select({ teamId: teamMembers.teamId, isManager: teamMembers.isManager })
        .from(teamMembers)
        .where(and(eq(teamMembers.orgId, world.org.id), eq(teamMembers.userId, user!.id)));
      expect(seats).toEqual([{ teamId: world.org.subTeamId, isManager: false }]);
      const [row] = await world.db
        .select({ acceptedAt: invitations.acceptedAt })
        .from(invitations)
        .where(eq(invitations.id, id));
      expect(row?.acceptedAt).toBeInstanceOf(Date);
      expect(await lastAudit(world.db, world.org.id, "invitation.accepted")).toMatchObject({
        actorId: user!.id,
        entityId: id,
        after: { email, role: "manager" },
      });

      // The invitation link proved the address: no confirmation mail; the newcomer signs in with the password they
      // chose and acts in the organization with the invited role.
      expect(await outbox.newMailsTo(email)).toEqual([]);
      expect(await verifyCredentials(world.db, { email, password: NEW_PASSWORD })).toMatchObject({
        ok: true,
        userId: user!.id,
      });
      expect((await world.api(user!).org.current()).role).toBe("manager");

      // Works once.
      await expectTRPCError(
        signedOut().onboarding.acceptInvitation({ token, name: "Again", password: NEW_PASSWORD }),
        "NOT_FOUND",
      );
      await expectTRPCError(signedOut().onboarding.invitation({ token }), "NOT_FOUND");
    });

    it("two simultaneous acceptances: exactly one wins", async () => {
      const email = uniqueEmail("racer");
      const { token } = await invite(email);
      const results = await Promise.allSettled([
        signedOut().onboarding.acceptInvitation({ token, name: "Racer One", password: NEW_PASSWORD }),
        signedOut().onboarding.acceptInvitation({ token, name: "Racer Two", password: NEW_PASSWORD }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      await expectTRPCError(Promise.reject(rejected?.reason), "NOT_FOUND");
      expect(await scalar<number>(world.db, sql`select count(*)::int as value from users where email = ${email}`)).toBe(
        1,
      );
    });

    it("an existing user must confirm with their own password; the wrong one → UNAUTHORIZED", async () => {
      const existing = await createUser(world.db, "Existing Erin");
      const { token } = await invite(existing.email, "viewer", world.org.rootTeamId);
      await expectTRPCError(
        signedOut().onboarding.acceptInvitation({ token, password: "wrong-password-123" }),
        "UNAUTHORIZED",
      );
      // Nothing happened: the link still works.
      expect(await signedOut().onboarding.invitation({ token })).toMatchObject({ hasAccount: true });

      await signedOut().onboarding.acceptInvitation({ token, name: "Ignored Name", password: TEST_PASSWORD });
      const [user] = await world.db.select({ name: users.name }).from(users).where(eq(users.id, existing.id));
      expect(user?.name).toBe("Existing Erin");
      expect(
        await scalar<number>(world.db, sql`select count(*)::int as value from users where email = ${existing.email}`),
      ).toBe(1);
      expect((await world.api(existing).org.current()).role).toBe("viewer");
      // Their password is unchanged.
      expect((await verifyCredentials(world.db, { email: existing.email, password: TEST_PASSWORD })).ok).toBe(true);
    });

    it("wrong passwords on an invitation count towards the account's sign-in throttle", async () => {
      const existing = await createUser(world.db, "Guessed Gina");
      const { token } = await invite(existing.email);
      for (let i = 0; i < 10; i++) {
        await expectTRPCError(
          signedOut().onboarding.acceptInvitation({ token, password: `guess-number-${i}` }),
          "UNAUTHORIZED",
        );
      }
      // Guessing through invitation links cannot go on for ever: even the right password is refused now.
      await expectTRPCError(
        signedOut().onboarding.acceptInvitation({ token, password: TEST_PASSWORD }),
        "TOO_MANY_REQUESTS",
      );
      expect(await verifyCredentials(world.db, { email: existing.email, password: TEST_PASSWORD })).toEqual({
        ok: false,
        reason: "throttled",
      });
    });

    it("a newcomer must give a name → BAD_REQUEST naming name", async () => {
      const { token } = await invite(uniqueEmail("nameless"));
      await expectBadRequest(signedOut().onboarding.acceptInvitation({ token, password: NEW_PASSWORD }), "name");
      // The link was not used up.
      await signedOut().onboarding.acceptInvitation({ token, name: "Named Now", password: NEW_PASSWORD });
    });

    it("revoked and expired links → NOT_FOUND", async () => {
      const revoked = await invite(uniqueEmail("revoked"));
      await world.api(world.org.admin).invitations.revoke({ invitationId: revoked.id });
      await expectTRPCError(
        signedOut().onboarding.acceptInvitation({ token: revoked.token, name: "Late", password: NEW_PASSWORD }),
        "NOT_FOUND",
      );

      const expired = await invite(uniqueEmail("expired"));
      await world.db
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, expired.id));
      await expectTRPCError(
        signedOut().onboarding.acceptInvitation({ token: expired.token, name: "Late", password: NEW_PASSWORD }),
        "NOT_FOUND",
      );
      await expectTRPCError(signedOut().onboarding.invitation({ token: expired.token }), "NOT_FOUND");
    });

    it("an unknown token → NOT_FOUND", async () => {
      await expectTRPCError(
        signedOut().onboarding.acceptInvitation({ token: "y".repeat(43), name: "Nobody", password: NEW_PASSWORD }),
        "NOT_FOUND",
      );
    });

    describe("per-IP limit on failed acceptances", () => {
      it(`${ACCEPT_INVITATION_FAILURE_LIMIT.max} failures per address in 15 minutes, then TOO_MANY_REQUESTS even for a good link`, async () => {
        const ip = "198.51.100.211";
        for (let i = 0; i < ACCEPT_INVITATION_FAILURE_LIMIT.max; i++) {
          await expectTRPCError(
            fromAddress(ip).onboarding.acceptInvitation({
              token: `${i}`.padEnd(43, "q"),
              name: "Guesser",
              password: NEW_PASSWORD,
            }),
            "NOT_FOUND",
          );
        }
        const { token } = await invite(uniqueEmail("blocked"));
        const error = await expectTRPCError(
          fromAddress(ip).onboarding.acceptInvitation({ token, name: "Blocked Bo", password: NEW_PASSWORD }),
          "TOO_MANY_REQUESTS",
        );
        expect(error.message).toBe(ACCEPT_THROTTLED_MESSAGE);
        // The link was not used up; from another address it works.
        await fromAddress("198.51.100.212").onboarding.acceptInvitation({
          token,
          name: "Blocked Bo",
          password: NEW_PASSWORD,
        });
        // The window slides.
        await age(`invite-ip:${ip}`, ACCEPT_INVITATION_FAILURE_LIMIT.windowMs);
        const next = await invite(uniqueEmail("later"));
        await fromAddress(ip).onboarding.acceptInvitation({
          token: next.token,
          name: "Later Lu",
          password: NEW_PASSWORD,
        });
      });

      it("successful acceptances do not count: a whole office joins from one address", async () => {
        const ip = "198.51.100.213";
        for (let i = 0; i < ACCEPT_INVITATION_FAILURE_LIMIT.max + 3; i++) {
          const { token } = await invite(uniqueEmail(`office${i}`));
          await fromAddress(ip).onboarding.acceptInvitation({ token, name: `Office ${i}`, password: NEW_PASSWORD });
        }
        expect(
          await world.db
            .select()
            .from(signInFailures)
            .where(eq(signInFailures.key, `invite-ip:${ip}`)),
        ).toEqual([]);
      });
    });

    it.each([
      ["token", { token: "short" }],
      ["password", { password: "short" }],
      ["name", { name: "" }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, override) => {
      await expectBadRequest(
        signedOut().onboarding.acceptInvitation({
          token: "z".repeat(43),
          name: "Valid",
          password: NEW_PASSWORD,
          ...override,
        }),
        field,
      );
    });
  });
});
