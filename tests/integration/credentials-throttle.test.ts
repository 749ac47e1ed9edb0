import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signInFailures } from "@/db/schema";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_DEVICE,
  MAX_FAILURES_PER_IP,
  THROTTLE_WINDOW_MS,
  throttleKeys,
  verifyCredentials,
} from "@/server/auth/credentials";
import { TEST_PASSWORD } from "../helpers/fixtures";
import { db, failTimes, freshUser, minutes, THROTTLED, useCredentialsDb, WRONG_PASSWORD } from "./credentials-fixtures";

describe("verifyCredentials", () => {
  useCredentialsDb();

  it("the limits are 10 per account (untrusted browsers), 10 per trusted browser and 50 per IP address in 15 minutes", () => {
    expect(MAX_FAILURES_PER_ACCOUNT).toBe(10);
    expect(MAX_FAILURES_PER_DEVICE).toBe(10);
    expect(MAX_FAILURES_PER_IP).toBe(50);
    expect(THROTTLE_WINDOW_MS).toBe(minutes(15));
  });

  it("accepts the right password", async () => {
    const user = await freshUser("Right");
    expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: true,
      userId: user.id,
      sessionVersion: 1,
    });
  });

  it("ignores the case and surrounding spaces of the email", async () => {
    const user = await freshUser("Casey");
    const result = await verifyCredentials(db, { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
    expect(result).toEqual({ ok: true, userId: user.id, sessionVersion: 1 });
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const user = await freshUser("Wrong");
    const wrongPassword = await verifyCredentials(db, { email: user.email, password: WRONG_PASSWORD });
    const unknownEmail = await verifyCredentials(db, { email: "nobody@example.test", password: TEST_PASSWORD });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("records each failure in Postgres, per account and per IP", async () => {
    const user = await freshUser("Recorded");
    await failTimes(user, 2, { ip: "198.51.100.1" });
    const keys = await db
      .select({ key: signInFailures.key })
      .from(signInFailures)
      .where(eq(signInFailures.key, `email:${user.email}`));
    expect(keys).toHaveLength(2);
    const ipKeys = await db
      .select({ key: signInFailures.key })
      .from(signInFailures)
      .where(eq(signInFailures.key, "ip:198.51.100.1"));
    expect(ipKeys).toHaveLength(2);
  });

  it("after 10 failures, refuses the 11th attempt from a browser without a device cookie, even with the right password", async () => {
    const user = await freshUser("Throttled");
    await failTimes(user, MAX_FAILURES_PER_ACCOUNT - 1);
    // 9 failures: still allowed.
    expect(await verifyCredentials(db, { email: user.email, password: WRONG_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid",
    });
    // 10 failures: the next attempt is throttled, right password or not.
    expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(await verifyCredentials(db, { email: user.email.toUpperCase(), password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "throttled",
    });
    // Another account is not affected.
    const neighbour = await freshUser("Neighbour");
    expect((await verifyCredentials(db, { email: neighbour.email, password: TEST_PASSWORD })).ok).toBe(true);
  });

  it("throttles unknown emails too (no way to tell accounts apart)", async () => {
    const ghost = { email: `ghost.${crypto.randomUUID()}@example.test` };
    await failTimes(ghost, MAX_FAILURES_PER_ACCOUNT);
    expect(await verifyCredentials(db, { email: ghost.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("stops counting failures older than 15 minutes", async () => {
    const user = await freshUser("Patient");
    const start = new Date();
    await failTimes(user, MAX_FAILURES_PER_ACCOUNT, { now: start });
    const later = (ms: number) => new Date(start.getTime() + ms);
    expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD }, later(minutes(14)))).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(
      await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD }, later(minutes(15) + 1000)),
    ).toEqual({
      ok: true,
      userId: user.id,
      sessionVersion: 1,
    });
  });

  it("a sliding window: only the failures of the last 15 minutes count", async () => {
    const user = await freshUser("Sliding");
    const start = new Date();
    await failTimes(user, 6, { now: start });
    await failTimes(user, 4, { now: new Date(start.getTime() + minutes(10)) });
    // At +20 min only the 4 later failures are in the window: not throttled, but a wrong password still fails.
    expect(
      await verifyCredentials(
        db,
        { email: user.email, password: WRONG_PASSWORD },
        new Date(start.getTime() + minutes(20)),
      ),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("throttles an IP address after 50 failures across different emails", async () => {
    const ip = "203.0.113.50";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      // Each email fails once only: far below the per-account limit.
      expect(await verifyCredentials(db, { email: `spray.${i}@example.test`, password: WRONG_PASSWORD, ip })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const victim = await freshUser("Victim");
    expect(await verifyCredentials(db, { email: victim.email, password: TEST_PASSWORD, ip })).toEqual({
      ok: false,
      reason: "throttled",
    });
    // The same account from another address is fine.
    expect((await verifyCredentials(db, { email: victim.email, password: TEST_PASSWORD, ip: "203.0.113.51" })).ok).toBe(
      true,
    );
  });

  it("a successful sign-in does not count as a failure, but does not reset the account's count either", async () => {
    const user = await freshUser("Forgetful");
    await failTimes(user, MAX_FAILURES_PER_ACCOUNT - 1);
    expect((await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
    // Still the 9 failures: a success of the real user must not hand an attacker a fresh set of guesses.
    expect(
      await db
        .select()
        .from(signInFailures)
        .where(eq(signInFailures.key, throttleKeys.account(user.email))),
    ).toHaveLength(MAX_FAILURES_PER_ACCOUNT - 1);
    expect((await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD })).ok).toBe(true);
    await failTimes(user, 1);
    expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD })).toEqual(THROTTLED);
  });

  it("returns the user's current session version", async () => {
    const user = await freshUser("Versioned");
    await db.execute(sql`update users set session_version = 4 where id = ${user.id}`);
    expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: true,
      userId: user.id,
      sessionVersion: 4,
    });
  });
});
