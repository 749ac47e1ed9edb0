import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signInFailures } from "@/db/schema";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_DEVICE,
  MAX_FAILURES_PER_IP,
  throttleKeys,
  verifyCredentials,
} from "@/server/auth/credentials";
import { DEVICE_COOKIE_MAX_AGE_S, deviceCookieAfterSignIn, readDeviceCookie } from "@/server/auth/device-cookie";
import { TEST_PASSWORD } from "../helpers/fixtures";
import {
  db,
  failTimes,
  freshUser,
  INVALID,
  minutes,
  THROTTLED,
  useCredentialsDb,
  WRONG_PASSWORD,
} from "./credentials-fixtures";

describe("verifyCredentials", () => {
  useCredentialsDb();

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
});
