/**
 * Attempt counting for the public entry points (sign-in, sign-up, accepting an invitation), stored in Postgres
 * (`sign_in_failures`) so that every instance sees the same counts. Runs on the privileged connection.
 *
 * Check and record are one step: an attempt is **inserted first** and then counted *including itself*, so
 * parallel attempts cannot all pass a check made before any of them was recorded. Each statement commits on
 * its own, so a count sees every attempt that was recorded before it (on Postgres and on PGlite); of N attempts
 * that pass, the last one to count saw all N, hence N ≤ the limit. (Under contention this errs on the safe
 * side: parallel attempts can refuse each other although fewer than the limit would have passed.)
 * A refused attempt removes its own rows again, so hammering a closed door does not keep it closed: the window
 * slides, and nobody is locked out for longer than the window after the last attempt that was let through.
 */
import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { signInFailures } from "@/db/schema";

export interface Limit {
  /** What is counted, with a prefix naming the limit: `email:…`, `ip:…`, `device:…`, `signup-ip:…` */
  key: string;
  /** Attempts allowed in the window. */
  max: number;
  windowMs: number;
}

export type Attempt =
  | { throttled: true }
  | {
      throttled: false;
      /** The attempt does not count after all (a sign-in that succeeded): removes its rows. */
      forget(): Promise<void>;
    };

export async function recordAttempt(db: Database, limits: readonly Limit[], now = new Date()): Promise<Attempt> {
  if (limits.length === 0) return { throttled: false, forget: async () => {} };
  const rows = limits.map((limit) => ({ id: crypto.randomUUID(), key: limit.key, at: now }));
  const ids = rows.map((row) => row.id);
  const forget = async () => {
    await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
  };
  await db.insert(signInFailures).values(rows);

  const windows = [...new Set(limits.map((limit) => limit.windowMs))];
  const counts = new Map<string, number>();
  for (const windowMs of windows) {
    const keys = limits.filter((limit) => limit.windowMs === windowMs).map((limit) => limit.key);
    const since = new Date(now.getTime() - windowMs);
    const found = await db
      .select({ key: signInFailures.key, attempts: count() })
      .from(signInFailures)
      .where(and(inArray(signInFailures.key, keys), gt(signInFailures.at, since)))
      .groupBy(signInFailures.key);
    for (const row of found) counts.set(row.key, row.attempts);
    // Housekeeping: attempts outside the window never count again.
    await db.delete(signInFailures).where(and(inArray(signInFailures.key, keys), lt(signInFailures.at, since)));
  }
  if (limits.some((limit) => (counts.get(limit.key) ?? 0) > limit.max)) {
    await forget();
    return { throttled: true };
  }
  return { throttled: false, forget };
}

/** Forgets every counted attempt of `key` (e.g. a device that has just proved it knows the password). */
export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}
