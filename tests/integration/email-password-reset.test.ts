/**
 * Password reset by mailed link (docs/security.md, promise 4): hashed token, 30 minutes, single use, the same
 * answer for unknown emails, rate limited, every session revoked.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, passwordResets, users } from "@/db/schema";
import { verifyCredentials } from "@/server/auth/credentials";
import { PASSWORD_RESET_LIFETIME_MS, RESET_LINK_MESSAGES } from "@/server/auth/password-reset";
import { hashToken } from "@/server/auth/tokens";
import { createContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { RESET_REQUEST_LIMIT, RESET_REQUEST_THROTTLED_MESSAGE } from "@/server/trpc/routers/password-reset";
import { expectTRPCError } from "../helpers/expect-trpc";
import { callerFor, createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { auditLog, expectBadRequest, useWorld } from "../helpers/world";
import { tokenIn, useOutbox } from "./email-fixtures";

const NEW_PASSWORD = "my-new-passphrase-42";
const RESET = "/reset-password/";

describe("password reset by email", () => {
  const world = useWorld();
  const outbox = useOutbox();
  const signedOut = () => world.api(null, undefined);
  const fromAddress = (ip: string) =>
    createCaller(createContext({ db: world.db, session: null, headers: new Headers({ "x-forwarded-for": ip }) }));
  /** Asks for a link and returns the token mailed for it. */
  const requestLink = async (email: string) => {
    expect(await signedOut().passwordReset.request({ email: email.toUpperCase() })).toEqual({ email });
    return tokenIn(await outbox.mailTo(email), RESET);
  };

  it("mails a link that sets a new password once, ends every session and is audited", async () => {
    const member = world.org.manager;
    const before = callerFor(world.db, member, world.org.id, 1);
    expect((await before.me.get()).user.email).toBe(member.email);

    const token = await requestLink(member.email);
    // Only the token's hash is stored, and the link lives 30 minutes.
    const [row] = await world.db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, hashToken(token)));
    expect(row!.userId).toBe(member.id);
    expect(JSON.stringify(await world.db.select().from(passwordResets))).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeCloseTo(PASSWORD_RESET_LIFETIME_MS, -3);

    expect(await signedOut().passwordReset.check({ token })).toEqual({ email: member.email });
    expect(await signedOut().passwordReset.complete({ token, password: NEW_PASSWORD })).toEqual({
      email: member.email,
    });

    expect((await verifyCredentials(world.db, { email: member.email, password: NEW_PASSWORD })).ok).toBe(true);
    expect(await verifyCredentials(world.db, { email: member.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid",
    });
    // Every session that existed is over; a new one (the new session version) works.
    await expectTRPCError(before.me.get(), "UNAUTHORIZED");
    await expectTRPCError(before.org.current(), "UNAUTHORIZED");
    const [user] = await world.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, member.id));
    expect(user!.sv).toBe(2);
    expect((await callerFor(world.db, member, world.org.id, 2).me.get()).user.id).toBe(member.id);
    expect(await auditLog(world.db, world.org.id, eq(auditEvents.action, "member.password_reset"))).toEqual([
      expect.objectContaining({ actorId: member.id, entityId: member.id, after: { sessionVersion: 2 } }),
    ]);
    expect((await outbox.mailTo(member.email)).subject).toBe("Your Tandem password was changed");

    // Single use.
    const used = await expectTRPCError(
      signedOut().passwordReset.complete({ token, password: "yet-another-one-1" }),
      "NOT_FOUND",
    );
    expect(used.message).toBe(RESET_LINK_MESSAGES.used);
    await expectTRPCError(signedOut().passwordReset.check({ token }), "NOT_FOUND");
    expect((await verifyCredentials(world.db, { email: member.email, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it("an unknown email gets the same answer and no mail", async () => {
    const nobody = `nobody.${crypto.randomUUID().slice(0, 8)}@example.test`;
    const links = () => world.db.select({ id: passwordResets.id }).from(passwordResets);
    const before = await links();
    expect(await signedOut().passwordReset.request({ email: nobody })).toEqual({ email: nobody });
    expect(await outbox.newMailsTo(nobody)).toEqual([]);
    // Nothing is stored either: there is no account to attach a link to.
    expect(await links()).toEqual(before);
  });

  it("a link expires after 30 minutes", async () => {
    const user = await createUser(world.db, "Slow Sam");
    const token = await requestLink(user.email);
    await world.db
      .update(passwordResets)
      .set({ expiresAt: sql`${passwordResets.createdAt} + interval '30 minutes' - interval '1 hour'` })
      .where(eq(passwordResets.userId, user.id));
    const expired = await expectTRPCError(
      signedOut().passwordReset.complete({ token, password: NEW_PASSWORD }),
      "NOT_FOUND",
    );
    expect(expired.message).toBe(RESET_LINK_MESSAGES.expired);
    expect((await verifyCredentials(world.db, { email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it("using one link voids the account's other links; of two simultaneous uses one wins", async () => {
    const user = await createUser(world.db, "Double Dee");
    const first = await requestLink(user.email);
    const second = await requestLink(user.email);
    const results = await Promise.allSettled([
      signedOut().passwordReset.complete({ token: second, password: NEW_PASSWORD }),
      signedOut().passwordReset.complete({ token: second, password: "racing-password-2" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    await expectTRPCError(Promise.reject(results.find((r) => r.status === "rejected")?.reason), "NOT_FOUND");
    await expectTRPCError(
      signedOut().passwordReset.complete({ token: first, password: "too-late-password" }),
      "NOT_FOUND",
    );
  });

  it("the new password works at once even if the account's sign-in limit was exhausted", async () => {
    const user = await createUser(world.db, "Locked Lou");
    for (let i = 0; i < 11; i++) await verifyCredentials(world.db, { email: user.email, password: `guess-${i}-wrong` });
    expect(await verifyCredentials(world.db, { email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "throttled",
    });
    const token = await requestLink(user.email);
    await signedOut().passwordReset.complete({ token, password: NEW_PASSWORD });
    expect((await verifyCredentials(world.db, { email: user.email, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it(`${RESET_REQUEST_LIMIT.max} requests per client address per hour, known emails or not`, async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < RESET_REQUEST_LIMIT.max; i++) {
      await fromAddress(ip).passwordReset.request({ email: `probe.${i}@example.test` });
    }
    const error = await expectTRPCError(
      fromAddress(ip).passwordReset.request({ email: world.org.viewer.email }),
      "TOO_MANY_REQUESTS",
    );
    expect(error.message).toBe(RESET_REQUEST_THROTTLED_MESSAGE);
    expect(await outbox.newMailsTo(world.org.viewer.email)).toEqual([]);
    await fromAddress("198.51.100.78").passwordReset.request({ email: world.org.viewer.email });
    expect(await outbox.newMailsTo(world.org.viewer.email)).toHaveLength(1);
  });

  it("unknown and malformed links; bad input names the field", async () => {
    const unknown = await expectTRPCError(signedOut().passwordReset.check({ token: "q".repeat(43) }), "NOT_FOUND");
    expect(unknown.message).toBe(RESET_LINK_MESSAGES.invalid);
    await expectTRPCError(
      signedOut().passwordReset.complete({ token: "q".repeat(43), password: NEW_PASSWORD }),
      "NOT_FOUND",
    );
    await expectBadRequest(signedOut().passwordReset.check({ token: "short" }), "token");
    await expectBadRequest(
      signedOut().passwordReset.complete({ token: "q".repeat(43), password: "short" }),
      "password",
    );
    await expectBadRequest(signedOut().passwordReset.request({ email: "not-an-email" }), "email");
  });
});
