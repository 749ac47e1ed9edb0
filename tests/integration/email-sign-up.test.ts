/**
 * Sign-up confirmed by a mailed link (docs/security.md, promise 4): nothing exists under an address until its
 * owner follows the link and gives the chosen password again.
 */
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, organizations, signUpRequests, users } from "@/db/schema";
import { verifyCredentials } from "@/server/auth/credentials";
import { SIGN_UP_LINK_MESSAGES, WRONG_SIGN_UP_PASSWORD_MESSAGE } from "@/server/auth/sign-up";
import { hashToken } from "@/server/auth/tokens";
import { permissionsOf } from "@/server/authz/permissions";
import { MAILS_PER_ADDRESS_LIMIT } from "@/server/auth/public-limits";
import { RESEND_THROTTLED_MESSAGE, SIGN_UP_THROTTLED_MESSAGE } from "@/server/trpc/routers/onboarding";
import { expectTRPCError } from "../helpers/expect-trpc";
import { TEST_PASSWORD } from "../helpers/fixtures";
import { expectBadRequest, lastAudit, scalar, useWorld } from "../helpers/world";
import { tokenIn, useOutbox } from "./email-fixtures";

const PASSWORD = "a-brand-new-passphrase";
const CONFIRM = "/confirm-email/";

describe("sign-up confirmed by email", () => {
  const world = useWorld();
  const outbox = useOutbox();
  const signedOut = () => world.api(null, undefined);
  const uniqueEmail = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@example.test`;
  const countWhere = (table: string, email: string) =>
    scalar<number>(world.db, sql`select count(*)::int as value from ${sql.identifier(table)} where email = ${email}`);
  /** Signs up and returns the token of the link mailed for it. */
  const signUp = async (email: string, overrides: { password?: string; organizationName?: string } = {}) => {
    expect(
      await signedOut().onboarding.signUp({
        name: "  Fran Founder ",
        email: email.toUpperCase(),
        password: overrides.password ?? PASSWORD,
        organizationName: overrides.organizationName ?? "Founders Inc",
      }),
    ).toEqual({ email });
    return tokenIn(await outbox.mailTo(email), CONFIRM);
  };

  it("signing up creates no account: the link and the chosen password create the account and organization", async () => {
    const email = uniqueEmail("founder");
    const token = await signUp(email);
    expect(await countWhere("users", email)).toBe(0);
    expect(
      await scalar<number>(world.db, sql`select count(*)::int as value from organizations where name = 'Founders Inc'`),
    ).toBe(0);
    // Only the token's hash is stored, with a 24-hour expiry.
    const [request] = await world.db.select().from(signUpRequests).where(eq(signUpRequests.email, email));
    expect(request!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(request)).not.toContain(token);
    expect(request!.expiresAt.getTime() - request!.createdAt.getTime()).toBeCloseTo(24 * 60 * 60 * 1000, -4);
    expect(request!.passwordHash).toMatch(/^\$argon2id\$/);

    // Signing in before confirming: "confirm your email" with the right password, "wrong password" otherwise.
    expect(await verifyCredentials(world.db, { email, password: PASSWORD })).toEqual({
      ok: false,
      reason: "unconfirmed",
    });
    expect(await verifyCredentials(world.db, { email, password: "not-the-password" })).toEqual({
      ok: false,
      reason: "invalid",
    });

    expect(await signedOut().onboarding.signUpRequest({ token })).toEqual({
      email,
      name: "Fran Founder",
      organizationName: "Founders Inc",
    });
    const created = await signedOut().onboarding.confirmSignUp({ token, password: PASSWORD });
    expect(created).toEqual({ orgSlug: expect.stringMatching(/^founders-inc/), email });

    const [user] = await world.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ name: "Fran Founder", sessionVersion: 1, passwordHash: request!.passwordHash });
    const [org] = await world.db.select().from(organizations).where(eq(organizations.slug, created.orgSlug));
    expect(org?.name).toBe("Founders Inc");
    expect(
      await world.db
        .select({ userId: memberships.userId, role: memberships.role, status: memberships.status })
        .from(memberships)
        .where(eq(memberships.orgId, org!.id)),
    ).toEqual([{ userId: user!.id, role: "admin", status: "active" }]);
    expect(await lastAudit(world.db, org!.id, "organization.created")).toMatchObject({
      actorId: user!.id,
      after: { name: "Founders Inc" },
    });
    expect(await verifyCredentials(world.db, { email, password: PASSWORD })).toEqual({
      ok: true,
      userId: user!.id,
      sessionVersion: 1,
    });
    expect(await world.api(user!, org!.id).org.current()).toMatchObject({
      role: "admin",
      permissions: permissionsOf("admin"),
    });

    // The link works once.
    const again = await expectTRPCError(
      signedOut().onboarding.confirmSignUp({ token, password: PASSWORD }),
      "NOT_FOUND",
    );
    expect(again.message).toBe(SIGN_UP_LINK_MESSAGES.used);
    await expectTRPCError(signedOut().onboarding.signUpRequest({ token }), "NOT_FOUND");
  });

  it("someone who signs up with an invited person's address first does not stop them joining", async () => {
    const invitee = uniqueEmail("invitee");
    const squatterToken = await signUp(invitee, { password: "the-squatters-password" });
    const created = await world.api(world.org.admin).invitations.create({ email: invitee, role: "rep" });
    const invitationToken = created.path.replace("/invite/", "");
    // The waiting sign-up is no account: the invitation is not matched to it.
    expect(await signedOut().onboarding.invitation({ token: invitationToken })).toMatchObject({ hasAccount: false });
    // The invitation token proves the address: the invitee joins with their own name and password.
    await signedOut().onboarding.acceptInvitation({ token: invitationToken, name: "Ivy Invitee", password: PASSWORD });
    const [user] = await world.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(eq(users.email, invitee));
    expect(user?.name).toBe("Ivy Invitee");
    expect((await world.api(user!).org.current()).role).toBe("rep");
    expect((await verifyCredentials(world.db, { email: invitee, password: PASSWORD })).ok).toBe(true);
    // The squatter's password opens nothing, and their link can no longer create an account.
    expect(await verifyCredentials(world.db, { email: invitee, password: "the-squatters-password" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    await expectTRPCError(
      signedOut().onboarding.confirmSignUp({ token: squatterToken, password: "the-squatters-password" }),
      "CONFLICT",
    );
    expect(await countWhere("users", invitee)).toBe(1);
  });

  it("an address that has an account gets the same answer, and a mail saying so; nothing changes", async () => {
    const existing = world.org.rep.email;
    const answer = await signedOut().onboarding.signUp({
      name: "Copycat",
      email: existing,
      password: PASSWORD,
      organizationName: "Copycat Ltd",
    });
    expect(answer).toEqual({ email: existing });
    expect((await outbox.mailTo(existing)).subject).toBe("You already have a Tandem account");
    expect(await countWhere("sign_up_requests", existing)).toBe(0);
    expect(
      await scalar<number>(world.db, sql`select count(*)::int as value from organizations where name = 'Copycat Ltd'`),
    ).toBe(0);
    expect((await verifyCredentials(world.db, { email: existing, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it("the wrong password changes nothing and the link still works", async () => {
    const email = uniqueEmail("forgetful");
    const token = await signUp(email);
    const error = await expectTRPCError(
      signedOut().onboarding.confirmSignUp({ token, password: "another-password-9" }),
      "UNAUTHORIZED",
    );
    expect(error.message).toBe(WRONG_SIGN_UP_PASSWORD_MESSAGE);
    expect(await countWhere("users", email)).toBe(0);
    await signedOut().onboarding.confirmSignUp({ token, password: PASSWORD });
    expect(await countWhere("users", email)).toBe(1);
  });

  it("an expired, unknown or malformed link is refused with its reason", async () => {
    const email = uniqueEmail("late");
    const token = await signUp(email);
    await world.db
      .update(signUpRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(signUpRequests.email, email));
    const expired = await expectTRPCError(
      signedOut().onboarding.confirmSignUp({ token, password: PASSWORD }),
      "NOT_FOUND",
    );
    expect(expired.message).toBe(SIGN_UP_LINK_MESSAGES.expired);
    expect(await countWhere("users", email)).toBe(0);
    // An expired sign-up no longer answers "confirm your email" at sign-in.
    expect(await verifyCredentials(world.db, { email, password: PASSWORD })).toEqual({ ok: false, reason: "invalid" });
    const unknown = await expectTRPCError(signedOut().onboarding.signUpRequest({ token: "z".repeat(43) }), "NOT_FOUND");
    expect(unknown.message).toBe(SIGN_UP_LINK_MESSAGES.invalid);
    await expectBadRequest(signedOut().onboarding.confirmSignUp({ token: "short", password: PASSWORD }), "token");
  });

  it("resending mails a new link and the previous one stops working; an unknown address gets the same answer", async () => {
    const email = uniqueEmail("resend");
    const first = await signUp(email);
    expect(await signedOut().onboarding.resendSignUpLink({ email })).toEqual({ email });
    const second = tokenIn(await outbox.mailTo(email), CONFIRM);
    expect(second).not.toBe(first);
    await expectTRPCError(signedOut().onboarding.signUpRequest({ token: first }), "NOT_FOUND");
    await signedOut().onboarding.confirmSignUp({ token: second, password: PASSWORD });

    const nobody = uniqueEmail("nobody");
    expect(await signedOut().onboarding.resendSignUpLink({ email: nobody })).toEqual({ email: nobody });
    // Once confirmed, there is nothing left to resend either.
    await signedOut().onboarding.resendSignUpLink({ email });
    expect(await outbox.newMailsTo(nobody)).toEqual([]);
    expect(await outbox.newMailsTo(email)).toEqual([]);
  });

  it("two sign-ups for one address each have their own link; confirming one voids the other", async () => {
    const email = uniqueEmail("twice");
    const mine = await signUp(email, { organizationName: "Mine Ltd" });
    const theirs = await signUp(email, { password: "someone-elses-pass", organizationName: "Theirs Ltd" });
    expect((await signedOut().onboarding.signUpRequest({ token: theirs })).organizationName).toBe("Theirs Ltd");
    // Each link needs the password chosen with it.
    await expectTRPCError(signedOut().onboarding.confirmSignUp({ token: theirs, password: PASSWORD }), "UNAUTHORIZED");
    const created = await signedOut().onboarding.confirmSignUp({ token: mine, password: PASSWORD });
    expect(created.orgSlug).toMatch(/^mine-ltd/);
    await expectTRPCError(
      signedOut().onboarding.confirmSignUp({ token: theirs, password: "someone-elses-pass" }),
      "NOT_FOUND",
    );
    expect(await countWhere("users", email)).toBe(1);
  });

  it("two simultaneous confirmations of one link: exactly one creates the account", async () => {
    const email = uniqueEmail("racer");
    const token = await signUp(email);
    const results = await Promise.allSettled([
      signedOut().onboarding.confirmSignUp({ token, password: PASSWORD }),
      signedOut().onboarding.confirmSignUp({ token, password: PASSWORD }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    await expectTRPCError(Promise.reject(rejected?.reason), "NOT_FOUND");
    expect(await countWhere("users", email)).toBe(1);
    expect(
      await scalar<number>(
        world.db,
        sql`select count(*)::int as value from memberships m join users u on u.id = m.user_id where u.email = ${email}`,
      ),
    ).toBe(1);
  });

  it(`at most ${MAILS_PER_ADDRESS_LIMIT.max} mails to one address per hour, whatever asks for them`, async () => {
    const email = uniqueEmail("flooded");
    await signUp(email);
    for (let i = 1; i < MAILS_PER_ADDRESS_LIMIT.max; i++) await signedOut().onboarding.resendSignUpLink({ email });
    expect(await outbox.newMailsTo(email)).toHaveLength(MAILS_PER_ADDRESS_LIMIT.max - 1);
    const resend = await expectTRPCError(signedOut().onboarding.resendSignUpLink({ email }), "TOO_MANY_REQUESTS");
    expect(resend.message).toBe(RESEND_THROTTLED_MESSAGE);
    const again = await expectTRPCError(
      signedOut().onboarding.signUp({ name: "Flood", email, password: PASSWORD, organizationName: "Flood Co" }),
      "TOO_MANY_REQUESTS",
    );
    expect(again.message).toBe(SIGN_UP_THROTTLED_MESSAGE);
    await expectTRPCError(signedOut().passwordReset.request({ email }), "TOO_MANY_REQUESTS");
    expect(await outbox.newMailsTo(email)).toEqual([]);
    // Another address is not affected.
    await signUp(uniqueEmail("neighbour"));
  });

  it("bad input → BAD_REQUEST naming the field", async () => {
    await expectBadRequest(signedOut().onboarding.resendSignUpLink({ email: "nope" }), "email");
    await expectBadRequest(
      signedOut().onboarding.confirmSignUp({ token: "x".repeat(43), password: "short" }),
      "password",
    );
    await expectBadRequest(signedOut().onboarding.signUpRequest({ token: "x".repeat(101) }), "token");
    expect(
      await world.db
        .select({ id: signUpRequests.id })
        .from(signUpRequests)
        .where(and(eq(signUpRequests.email, "nope"))),
    ).toEqual([]);
  });
});
