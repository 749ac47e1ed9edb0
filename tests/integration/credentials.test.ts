import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { signInFailures } from "@/db/schema";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_DEVICE,
  MAX_FAILURES_PER_IP,
  THROTTLE_WINDOW_MS,
  throttleKeys,
  verifyCredentials,
} from "@/server/auth/credentials";
import { DEVICE_COOKIE_MAX_AGE_S, deviceCookieAfterSignIn, readDeviceCookie } from "@/server/auth/device-cookie";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser, TEST_PASSWORD, type TestUser } from "../helpers/fixtures";

/** Counts the argon2 verifications, to see how many attempts were really password-checked. */
const passwordChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/server/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/auth/password")>();
  return {
    ...original,
    verifyPassword: (hash: string, password: string) => {
      passwordChecks.count++;
      return original.verifyPassword(hash, password);
    },
  };
});

const WRONG_PASSWORD = "not-the-password";
const minutes = (n: number) => n * 60 * 1000;
const THROTTLED = { ok: false, reason: "throttled" } as const;
const INVALID = { ok: false, reason: "invalid" } as const;

describe("verifyCredentials", () => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    // Device cookies are signed with a key derived from the auth secret.
    vi.stubEnv("AUTH_SECRET", `test-${crypto.randomUUID()}`);
    handle = await createTestDatabase();
    db = handle.db;
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await handle?.close();
  });

  /** A fresh account per test, so that the failures of one test never throttle another. */
  const freshUser = (name: string) => createUser(db, name);
  const failTimes = async (user: Pick<TestUser, "email">, times: number, options: { ip?: string; now?: Date } = {}) => {
    for (let i = 0; i < times; i++) {
      expect(
        await verifyCredentials(db, { email: user.email, password: WRONG_PASSWORD, ip: options.ip }, options.now),
      ).toEqual({ ok: false, reason: "invalid" });
    }
  };

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

  describe("device cookies: an attacker cannot lock the user out of a browser they signed in with before", () => {
    const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

    it("during hours of one guess every 90 s from ever new addresses: the trusted browser signs in, untrusted ones are refused", async () => {
      const user = await freshUser("Besieged");
      const laptop = deviceCookieAfterSignIn(null, user.id); // issued when the user signed in there before
      const start = new Date();
      const hours = 3;
      let guessesChecked = 0;
      for (let i = 0; i < (hours * 3600) / 90; i++) {
        const now = at(start, i * 90 * 1000);
        const guess = await verifyCredentials(
          db,
          { email: user.email, password: `guess-${i}`, ip: `198.18.${i >> 8}.${i & 255}` },
          now,
        );
        expect(guess.ok).toBe(false);
        if (!guess.ok && guess.reason === "invalid") guessesChecked++;
        if (i >= MAX_FAILURES_PER_ACCOUNT && i % 20 === 0) {
          // The account-wide limit stays exhausted while the attack lasts...
          expect(
            await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip: "192.0.2.10" }, now),
          ).toEqual(THROTTLED);
          // ...but the user's own browser gets in, every time.
          expect(
            await verifyCredentials(
              db,
              { email: user.email, password: TEST_PASSWORD, ip: "192.0.2.10", device: laptop },
              now,
            ),
          ).toEqual({
            ok: true,
            userId: user.id,
            sessionVersion: 1,
          });
        }
      }
      // The attacker got at most the account limit's guesses per window, never more.
      expect(guessesChecked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT * (hours * 4 + 1));
      // 15 minutes after the last guess, untrusted browsers get in again.
      const after = at(start, hours * 3600 * 1000 + minutes(15) + 1000);
      expect(
        (await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip: "192.0.2.10" }, after)).ok,
      ).toBe(true);
    });

    it("gives no bypass when forged, tampered with, signed with another key, expired, or issued for another account", async () => {
      const user = await freshUser("Targeted");
      const other = await freshUser("Bystander");
      await failTimes(user, MAX_FAILURES_PER_ACCOUNT, { ip: "192.0.2.20" });
      const valid = deviceCookieAfterSignIn(null, user.id);
      const otherAccounts = deviceCookieAfterSignIn(null, other.id);
      const [otherEntry] = readDeviceCookie(otherAccounts);
      const attempts: Record<string, string> = {
        garbage: "not-a-device-cookie",
        "a tampered signature": `${valid.slice(0, -2)}${valid.endsWith("AA") ? "BB" : "AA"}`,
        "another account's cookie": otherAccounts,
        "another account's entry renamed to this account": otherAccounts.replace(otherEntry!.userId, user.id),
        "signed with another key": deviceCookieAfterSignIn(null, user.id, new Date(), "some-other-secret"),
        expired: deviceCookieAfterSignIn(null, user.id, new Date(Date.now() - (DEVICE_COOKIE_MAX_AGE_S + 60) * 1000)),
        "issued in the future": deviceCookieAfterSignIn(null, user.id, new Date(Date.now() + 3_600_000)),
      };
      for (const [label, device] of Object.entries(attempts)) {
        expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, device }), label).toEqual(
          THROTTLED,
        );
      }
      expect((await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, device: valid })).ok).toBe(
        true,
      );
      // The other account's own cookie still works for the other account.
      expect(
        (await verifyCredentials(db, { email: other.email, password: TEST_PASSWORD, device: otherAccounts })).ok,
      ).toBe(true);
    });

    it("a trusted browser has its own limit: 10 failures in 15 minutes, without touching the account's count", async () => {
      const user = await freshUser("Fumbling");
      const laptop = deviceCookieAfterSignIn(null, user.id);
      const phone = deviceCookieAfterSignIn(null, user.id);
      const start = new Date();
      for (let i = 0; i < MAX_FAILURES_PER_DEVICE; i++) {
        expect(
          await verifyCredentials(db, { email: user.email, password: WRONG_PASSWORD, device: laptop }, start),
        ).toEqual(INVALID);
      }
      expect(
        await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, device: laptop }, start),
      ).toEqual(THROTTLED);
      // Another trusted browser of the same account, and untrusted ones, are not affected.
      expect(
        (await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, device: phone }, start)).ok,
      ).toBe(true);
      expect(
        await db
          .select()
          .from(signInFailures)
          .where(eq(signInFailures.key, throttleKeys.account(user.email))),
      ).toEqual([]);
      expect((await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD }, start)).ok).toBe(true);
      // The window slides for the device too.
      expect(
        (
          await verifyCredentials(
            db,
            { email: user.email, password: TEST_PASSWORD, device: laptop },
            at(start, minutes(15) + 1000),
          )
        ).ok,
      ).toBe(true);
    });

    it("the per-IP limit still holds for a trusted browser", async () => {
      const ip = "203.0.113.150";
      for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
        await verifyCredentials(db, { email: `spray.device.${i}@example.test`, password: WRONG_PASSWORD, ip });
      }
      const user = await freshUser("Crowded");
      const device = deviceCookieAfterSignIn(null, user.id);
      expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip, device })).toEqual(
        THROTTLED,
      );
      expect(
        (await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.151", device })).ok,
      ).toBe(true);
    });

    it("a successful sign-in from a trusted browser clears that browser's failures", async () => {
      const user = await freshUser("Typo");
      const device = deviceCookieAfterSignIn(null, user.id);
      const [entry] = readDeviceCookie(device);
      for (let i = 0; i < MAX_FAILURES_PER_DEVICE - 1; i++)
        await verifyCredentials(db, { email: user.email, password: WRONG_PASSWORD, device });
      expect((await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, device })).ok).toBe(true);
      expect(
        await db
          .select()
          .from(signInFailures)
          .where(eq(signInFailures.key, throttleKeys.device(entry!.nonce))),
      ).toEqual([]);
    });

    it("one browser remembers several accounts, the newest first, at most 5", async () => {
      const people = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => freshUser(`Shared ${n}`)));
      let cookie: string | null = null;
      for (const person of people) cookie = deviceCookieAfterSignIn(cookie, person.id);
      expect(readDeviceCookie(cookie).map((entry) => entry.userId)).toEqual(
        people
          .slice(1)
          .reverse()
          .map((person) => person.id),
      );
      // Signing in again as an account already there keeps one entry for it, in front.
      cookie = deviceCookieAfterSignIn(cookie, people[3]!.id);
      expect(readDeviceCookie(cookie).map((entry) => entry.userId)).toEqual([
        people[3]!.id,
        people[5]!.id,
        people[4]!.id,
        people[2]!.id,
        people[1]!.id,
      ]);
    });
  });

  describe("checking and recording is one step: parallel guesses cannot overtake the count", () => {
    it("a burst of 30 parallel wrong guesses on one account: exactly 10 are password-checked, the others are throttled", async () => {
      const user = await freshUser("Burst");
      passwordChecks.count = 0;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          verifyCredentials(db, { email: user.email, password: `parallel-${i}`, ip: `198.19.0.${i}` }),
        ),
      );
      const checked = results.filter((result) => !result.ok && result.reason === "invalid").length;
      expect(passwordChecks.count).toBe(checked);
      expect(checked).toBe(MAX_FAILURES_PER_ACCOUNT);
      expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(30 - checked);
      // Exactly the checked guesses are recorded as failures; the throttled ones left nothing behind.
      expect(
        await db
          .select()
          .from(signInFailures)
          .where(eq(signInFailures.key, throttleKeys.account(user.email))),
      ).toHaveLength(checked);
    });

    it("10 parallel guesses (the limit) are all checked; 20 more in parallel after them are all throttled", async () => {
      const user = await freshUser("Exact");
      passwordChecks.count = 0;
      const first = await Promise.all(
        Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) =>
          verifyCredentials(db, { email: user.email, password: `first-${i}` }),
        ),
      );
      expect(first).toEqual(Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => INVALID));
      const second = await Promise.all(
        Array.from({ length: 20 }, (_, i) => verifyCredentials(db, { email: user.email, password: `second-${i}` })),
      );
      expect(second).toEqual(Array.from({ length: 20 }, () => THROTTLED));
      expect(passwordChecks.count).toBe(MAX_FAILURES_PER_ACCOUNT);
    });

    it("a burst of 70 parallel guesses from one address on different accounts: exactly 50 are password-checked", async () => {
      const ip = "198.19.1.1";
      passwordChecks.count = 0;
      const results = await Promise.all(
        Array.from({ length: 70 }, (_, i) =>
          verifyCredentials(db, {
            email: `burst.${i}.${crypto.randomUUID()}@example.test`,
            password: WRONG_PASSWORD,
            ip,
          }),
        ),
      );
      const checked = results.filter((result) => !result.ok && result.reason === "invalid").length;
      expect(passwordChecks.count).toBe(checked);
      expect(checked).toBe(MAX_FAILURES_PER_IP);
      expect(
        await db
          .select()
          .from(signInFailures)
          .where(eq(signInFailures.key, throttleKeys.ip(ip))),
      ).toHaveLength(checked);
    });

    it("after a burst, the next sequential guesses are still counted up to the limit", async () => {
      const user = await freshUser("Aftermath");
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => verifyCredentials(db, { email: user.email, password: `parallel-${i}` })),
      );
      const recorded = (
        await db
          .select()
          .from(signInFailures)
          .where(eq(signInFailures.key, throttleKeys.account(user.email)))
      ).length;
      await failTimes(user, MAX_FAILURES_PER_ACCOUNT - recorded);
      expect(await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD })).toEqual(THROTTLED);
    });
  });
});
