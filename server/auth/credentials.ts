/**
 * Email + password verification with sign-in throttling. Runs on the privileged connection: before
 * sign-in there is no user, hence no tenant scope.
 *
 * Every attempt counts against the per-IP limit and against either
 * - the account-wide limit (an untrusted browser), or
 * - its own per-device limit, when the browser presents a valid device cookie for this account
 *   (server/auth/device-cookie.ts).
 * So an attacker who keeps an account's limit exhausted (one guess every 90 seconds from rotating addresses)
 * keeps untrusted browsers out while it lasts, but never the user on a browser they signed in with before.
 * The attempt is recorded before the password is checked (server/auth/throttle.ts), so parallel guesses cannot
 * overtake the count; a successful attempt is then removed (it was no failure).
 */
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { trustedDevice } from "./device-cookie";
import { pendingSignUp } from "./sign-up";
import { timingDummyHash, verifyPassword } from "./password";
import { clearAttempts, recordAttempt, type Limit } from "./throttle";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts per account in the window from browsers without a device cookie for it. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** Failed attempts per trusted browser (device cookie) in the window. */
export const MAX_FAILURES_PER_DEVICE = 10;
/** Failed attempts per IP address in the window (an IP may try many accounts). */
export const MAX_FAILURES_PER_IP = 50;

/**
 * `unconfirmed`: no account, but the password is the one of a sign-up still waiting for its email to be confirmed
 * (server/auth/sign-up.ts) — the person is told to open the link rather than "wrong password".
 */
export type CredentialsResult =
  { ok: true; userId: string; sessionVersion: number } | { ok: false; reason: "invalid" | "throttled" | "unconfirmed" };

export interface CredentialsInput {
  email: string;
  password: string;
  ip?: string | null;
  /** The raw value of the browser's device cookie, if it sent one. */
  device?: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The throttle keys (see throttle.ts) an attempt counts against. */
export const throttleKeys = {
  account: (email: string) => `email:${normalizeEmail(email)}`,
  device: (nonce: string) => `device:${nonce}`,
  ip: (ip: string) => `ip:${ip}`,
};

export async function verifyCredentials(
  db: Database,
  input: CredentialsInput,
  now = new Date(),
): Promise<CredentialsResult> {
  const email = normalizeEmail(input.email);
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, email));
  const device = user && input.device ? trustedDevice(input.device, user.id, now) : null;
  const limits: Limit[] = [
    device
      ? { key: throttleKeys.device(device.nonce), max: MAX_FAILURES_PER_DEVICE, windowMs: THROTTLE_WINDOW_MS }
      : { key: throttleKeys.account(email), max: MAX_FAILURES_PER_ACCOUNT, windowMs: THROTTLE_WINDOW_MS },
  ];
  if (input.ip) limits.push({ key: throttleKeys.ip(input.ip), max: MAX_FAILURES_PER_IP, windowMs: THROTTLE_WINDOW_MS });

  const attempt = await recordAttempt(db, limits, now);
  if (attempt.throttled) return { ok: false, reason: "throttled" };

  // Without an account: against the password of a sign-up waiting for confirmation, else a dummy hash (same work,
  // same timing, same answer as a wrong password).
  const pending = user ? null : await pendingSignUp(db, email, now);
  const valid = await verifyPassword(
    user?.passwordHash ?? pending?.passwordHash ?? (await timingDummyHash()),
    input.password,
  );
  if (pending && valid) {
    await attempt.forget(); // the person knows the password: no failure
    return { ok: false, reason: "unconfirmed" };
  }
  if (user && valid) {
    await attempt.forget();
    // The device has proved itself; the account-wide count is left alone (the window slides), or every
    // success of the real user would hand an attacker a fresh set of guesses.
    if (device) await clearAttempts(db, throttleKeys.device(device.nonce));
    return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
  }
  return { ok: false, reason: "invalid" };
}
