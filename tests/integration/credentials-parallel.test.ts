import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { signInFailures } from "@/db/schema";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  throttleKeys,
  verifyCredentials,
} from "@/server/auth/credentials";
import { TEST_PASSWORD } from "../helpers/fixtures";
import { db, failTimes, freshUser, INVALID, THROTTLED, useCredentialsDb, WRONG_PASSWORD } from "./credentials-fixtures";

/**
 * Counts the argon2 verifications, to see how many attempts were really password-checked. Test files share their
 * worker's modules (vitest.config.ts): the cache is cleared first, since a file that ran before may have loaded the
 * credentials module with the real password module, and again at the end, so that the next file loads the real one.
 */
const passwordChecks = vi.hoisted(() => {
  vi.resetModules();
  return { count: 0 };
});
afterAll(() => {
  vi.doUnmock("@/server/auth/password");
  vi.resetModules();
});
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

describe("verifyCredentials", () => {
  useCredentialsDb();

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
