/**
 * Email + password verification with sign-in throttling. Runs on the privileged connection: before
 * sign-in there is no user, hence no tenant scope.
 */
import { and, count, eq, gt, inArray, lt, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { signInFailures, users } from "@/db/schema";
import { timingDummyHash, verifyPassword } from "./password";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts per account in the window before sign-in is refused. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** Failed attempts per IP address in the window (an IP may try many accounts). */
export const MAX_FAILURES_PER_IP = 50;

export type CredentialsResult = { ok: true; userId: string; sessionVersion: number } | { ok: false; reason: "invalid" | "throttled" };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The window slides: failures older than 15 minutes stop counting, so an attacker can slow a user down
 * but never lock them out for longer than that.
 */
async function isThrottled(db: Database, keys: { account: string; ip: string | null }, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const keyList = keys.ip ? [keys.account, keys.ip] : [keys.account];
  const rows = await db
    .select({ key: signInFailures.key, failures: count() })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, keyList), gt(signInFailures.at, since)))
    .groupBy(signInFailures.key);
  const failuresOf = (key: string | null) => rows.find((row) => row.key === key)?.failures ?? 0;
  return failuresOf(keys.account) >= MAX_FAILURES_PER_ACCOUNT || failuresOf(keys.ip) >= MAX_FAILURES_PER_IP;
}

export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string; ip?: string | null },
  now = new Date(),
): Promise<CredentialsResult> {
  const email = normalizeEmail(input.email);
  const keys = { account: `email:${email}`, ip: input.ip ? `ip:${input.ip}` : null };
  if (await isThrottled(db, keys, now)) return { ok: false, reason: "throttled" };

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, email));
  // Verify against a dummy hash for unknown emails: same work, same timing, same answer.
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  if (user && valid) {
    await db.delete(signInFailures).where(eq(signInFailures.key, keys.account));
    return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
  }
  const failedKeys = keys.ip ? [keys.account, keys.ip] : [keys.account];
  await db.insert(signInFailures).values(failedKeys.map((key) => ({ id: crypto.randomUUID(), key, at: now })));
  // Housekeeping: failures outside the window never count again.
  await db
    .delete(signInFailures)
    .where(and(or(...failedKeys.map((key) => eq(signInFailures.key, key))), lt(signInFailures.at, new Date(now.getTime() - THROTTLE_WINDOW_MS))));
  return { ok: false, reason: "invalid" };
}
