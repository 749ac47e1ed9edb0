/** onboarding.*: the public procedures (sign up, looking at and accepting an invitation); more in email-*.test.ts. */
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, invitations, memberships, organizations, signInFailures, teamMembers, users } from "@/db/schema";
import { verifyCredentials } from "@/server/auth/credentials";
import { uniqueSlug } from "@/server/services/organizations";
import {
  ACCEPT_INVITATION_FAILURE_LIMIT,
  ACCEPT_THROTTLED_MESSAGE,
  SIGN_UP_LIMIT,
  SIGN_UP_THROTTLED_MESSAGE,
} from "@/server/trpc/routers/onboarding";
import { createContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { expectTRPCError } from "../helpers/expect-trpc";
import { createOrg, createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { auditLog, expectBadRequest, lastAudit, scalar, useWorld } from "../helpers/world";
import { tokenIn, useOutbox } from "./email-fixtures";

const NEW_PASSWORD = "a-brand-new-passphrase";

describe("account router", () => {
  const world = useWorld();
  const outbox = useOutbox();
  const signedOut = () => world.api(null, undefined);
  const tokenOf = (path: string) => path.replace(/^\/invite\//, "");
  /** A pending invitation to `org` (created by its admin); returns the token of the link. */
  const invite = async (
    email: string,
    role: "admin" | "manager" | "rep" | "viewer" = "rep",
    teamId: string | null = null,
  ) => {
    const created = await world.api(world.org.admin).invitations.create({ email, role, teamId });
    return { id: created.id, token: tokenOf(created.path) };
  };
  const uniqueEmail = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@example.test`;
  /** Signed out, from this client address (as our proxy reports it in X-Forwarded-For). */
  const fromAddress = (ip: string) =>
    createCaller(createContext({ db: world.db, session: null, headers: new Headers({ "x-forwarded-for": ip }) }));
  /** Moves the recorded attempts of `key` back in time, as if `ms` had passed. */
  const age = (key: string, ms: number) =>
    world.db.execute(
      sql`update sign_in_failures set "at" = "at" - make_interval(secs => ${ms / 1000}) where key = ${key}`,
    );

  describe("signUp", () => {
    it("gives a second organization of the same name its own slug", async () => {
      const signUpAndConfirm = async (name: string) => {
        const email = uniqueEmail(name.toLowerCase());
        await signedOut().onboarding.signUp({ name, email, password: NEW_PASSWORD, organizationName: "Twin Co" });
        const token = tokenIn(await outbox.mailTo(email), "/confirm-email/");
        return signedOut().onboarding.confirmSignUp({ token, password: NEW_PASSWORD });
      };
      expect((await signUpAndConfirm("One")).orgSlug).toBe("twin-co");
      expect((await signUpAndConfirm("Two")).orgSlug).toBe("twin-co-2");
    });

    it("a slug stays reserved until the sign-up that took it commits, so a concurrent one picks the next", async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let markTaken!: () => void;
      const taken = new Promise<void>((resolve) => (markTaken = resolve));
      const signUpOrg = (onTaken: () => void, wait: Promise<void>) =>
        world.db.transaction(async (tx) => {
          const slug = await uniqueSlug(tx, "Race Co");
          await tx.insert(organizations).values({ id: crypto.randomUUID(), name: "Race Co", slug });
          onTaken();
          await wait;
          return slug;
        });
      const first = signUpOrg(markTaken, held);
      await taken;
      // The second starts while the first is still open (on Postgres; PGlite runs them one after the other).
      const second = signUpOrg(() => {}, Promise.resolve());
      setTimeout(release, 200);
      expect([await first, await second]).toEqual(["race-co", "race-co-2"]);
    });

    it.each([
      ["email", { email: "not-an-email" }],
      ["password", { password: "short" }],
      ["password", { password: "x".repeat(201) }],
      ["name", { name: "   " }],
      ["name", { name: "Bell\u0007" }],
      ["organizationName", { organizationName: "" }],
      ["organizationName", { organizationName: "x".repeat(121) }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, override) => {
      const input = {
        name: "Valid Name",
        email: uniqueEmail("valid"),
        password: NEW_PASSWORD,
        organizationName: "Valid Org",
        ...override,
      };
      await expectBadRequest(signedOut().onboarding.signUp(input), field);
    });

    it("bad input names every wrong field", async () => {
      const message = await expectBadRequest(
        signedOut().onboarding.signUp({ name: "", email: "nope", password: "1", organizationName: "ok" }),
        "email",
      );
      expect(message).toMatch(/(^|; )name: /);
      expect(message).toMatch(/(^|; )password: /);
      expect(message).not.toMatch(/organizationName/);
    });

    describe("per-IP limit (sign-up is public and runs argon2 on every call)", () => {
      const signUpFrom = (ip: string, email = uniqueEmail("limited")) =>
        fromAddress(ip).onboarding.signUp({
          name: "Limited Lee",
          email,
          password: NEW_PASSWORD,
          organizationName: "Limited Ltd",
        });

      it(`${SIGN_UP_LIMIT.max} sign-ups per address per hour, successful or not; then TOO_MANY_REQUESTS with a clear message`, async () => {
        const ip = "198.51.100.201";
        for (let i = 0; i < SIGN_UP_LIMIT.max - 1; i++) await signUpFrom(ip);
        // One for an email that has an account counts too (it is answered the same way, and mails that account).
        await signUpFrom(ip, world.org.rep.email);
        const error = await expectTRPCError(signUpFrom(ip), "TOO_MANY_REQUESTS");
        expect(error.message).toBe(SIGN_UP_THROTTLED_MESSAGE);
        // Nothing was created by the refused call, and the limit holds for every email, known or not.
        await expectTRPCError(signUpFrom(ip, world.org.rep.email), "TOO_MANY_REQUESTS");
        // Another address is not affected.
        await signUpFrom("198.51.100.202");
        // An hour later the address may sign up again.
        await age(`signup-ip:${ip}`, SIGN_UP_LIMIT.windowMs);
        await signUpFrom(ip);
      });

      it("a parallel burst from one address: exactly the limit get through, the rest TOO_MANY_REQUESTS, and the count stays", async () => {
        const ip = "198.51.100.203";
        const results = await Promise.allSettled(Array.from({ length: SIGN_UP_LIMIT.max + 5 }, () => signUpFrom(ip)));
        const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
        expect(results.length - refused.length).toBe(SIGN_UP_LIMIT.max);
        expect(refused).toHaveLength(5);
        for (const reason of refused) await expectTRPCError(Promise.reject(reason), "TOO_MANY_REQUESTS");
        const recorded = await world.db
          .select()
          .from(signInFailures)
          .where(eq(signInFailures.key, `signup-ip:${ip}`));
        expect(recorded).toHaveLength(SIGN_UP_LIMIT.max);
        await expectTRPCError(signUpFrom(ip), "TOO_MANY_REQUESTS");
      });
    });
  });

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
