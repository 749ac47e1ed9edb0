/**
 * Attempt counting for the public entry points (sign-in, sign-up, accepting an invitation), stored in Postgres
 * (`sign_in_failures`) so that every instance sees the same counts. Runs on the privileged connection.
 *
 * Check and record are one step: in one transaction an attempt takes a transaction-scoped advisory lock per key
 * (in one global order, so two attempts never wait on each other crosswise), counts the attempts in the window and
 * records itself only if every limit has room. Attempts on the same key therefore run one after another (on
 * Postgres across every instance; PGlite runs one transaction at a time anyway): of a parallel burst exactly the
 * limit pass, the rest are refused, and the count stays. A refused attempt records nothing, so hammering a closed
 * door does not keep it closed: the window slides, and nobody is locked out for longer than the window after the
 * last attempt that was let through.
 */
import { createHash } from "node:crypto";
import { and, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
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

/** Advisory lock class of the attempt counts (the first key of the two-key form; other classes: alignment-worker). */
const THROTTLE_LOCK_CLASS = 7743;

/** One advisory lock id per distinct key, sorted: every attempt takes its locks in the same order. */
function lockIdsOf(limits: readonly Limit[]): number[] {
  const ids = limits.map((limit) => createHash("sha256").update(limit.key).digest().readInt32BE(0));
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** The attempts per key inside each limit's window; deletes the ones that fell out of it on the way. */
async function countInWindows(tx: Database, limits: readonly Limit[], now: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const windowMs of new Set(limits.map((limit) => limit.windowMs))) {
    const keys = limits.filter((limit) => limit.windowMs === windowMs).map((limit) => limit.key);
    const since = new Date(now.getTime() - windowMs);
    const found = await tx
      .select({ key: signInFailures.key, attempts: count() })
      .from(signInFailures)
      .where(and(inArray(signInFailures.key, keys), gt(signInFailures.at, since)))
      .groupBy(signInFailures.key);
    for (const row of found) counts.set(row.key, row.attempts);
    // Housekeeping: attempts outside the window never count again.
    await tx.delete(signInFailures).where(and(inArray(signInFailures.key, keys), lt(signInFailures.at, since)));
  }
  return counts;
}

/** Counts an attempt against every limit: throttled if one of them is full, else recorded under each key. */
export async function recordAttempt(db: Database, limits: readonly Limit[], now = new Date()): Promise<Attempt> {
  if (limits.length === 0) return { throttled: false, forget: async () => {} };
  const rows = limits.map((limit) => ({ id: crypto.randomUUID(), key: limit.key, at: now }));
  const recorded = await db.transaction(async (tx) => {
    for (const lockId of lockIdsOf(limits)) {
      await tx.execute(sql`select pg_advisory_xact_lock(${THROTTLE_LOCK_CLASS}::int, ${lockId}::int)`);
    }
    const counts = await countInWindows(tx, limits, now);
    if (limits.some((limit) => (counts.get(limit.key) ?? 0) >= limit.max)) return false;
    await tx.insert(signInFailures).values(rows);
    return true;
  });
  if (!recorded) return { throttled: true };
  const ids = rows.map((row) => row.id);
  return {
    throttled: false,
    forget: async () => {
      await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
    },
  };
}

/** Forgets every counted attempt of `key` (e.g. a device that has just proved it knows the password). */
export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}
