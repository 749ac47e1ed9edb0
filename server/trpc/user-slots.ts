/**
 * Fair share of this instance's connection pool: each signed-in user runs at most USER_DB_CONCURRENCY tenant
 * transactions at once; their further calls (a long batch, several tabs) wait here, in memory, without holding a
 * connection. With the default pool of 10 (`DATABASE_POOL_MAX`) and 3 per user, one user can never take the
 * connections everyone else needs. More than MAX_WAITING_PER_USER waiting calls → TOO_MANY_REQUESTS.
 */
import { TRPCError } from "@trpc/server";

function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export const USER_DB_CONCURRENCY = fromEnv("USER_DB_CONCURRENCY", 3);
export const MAX_WAITING_PER_USER = 200;
export const TOO_MANY_WAITING_MESSAGE = "Too many requests at once. Please wait for the ones running to finish.";

interface Slots {
  running: number;
  waiting: (() => void)[];
}

/**
 * On globalThis: Next bundles this module more than once (the tRPC route, the pages' server caller), and a limit
 * kept per copy would let a user run USER_DB_CONCURRENCY transactions in each (db/client.ts keeps its registry
 * there for the same reason).
 */
const registry = globalThis as unknown as { tandemUserSlots?: Map<string, Slots> };
const byUser = (registry.tandemUserSlots ??= new Map<string, Slots>());

/** Runs `fn` once the user has a free slot; releases it however `fn` ends. */
export async function withUserSlot<T>(userId: string, fn: () => Promise<T>, limit = USER_DB_CONCURRENCY): Promise<T> {
  let slots = byUser.get(userId);
  if (!slots) {
    slots = { running: 0, waiting: [] };
    byUser.set(userId, slots);
  }
  if (slots.running >= limit) {
    if (slots.waiting.length >= MAX_WAITING_PER_USER)
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: TOO_MANY_WAITING_MESSAGE });
    const mine = slots;
    await new Promise<void>((resolve) => mine.waiting.push(resolve));
  } else {
    slots.running++;
  }
  try {
    return await fn();
  } finally {
    const next = slots.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next waiting call
    else if (--slots.running === 0) byUser.delete(userId);
  }
}

/** Calls of `userId` running now (for tests). */
export function runningFor(userId: string): number {
  return byUser.get(userId)?.running ?? 0;
}
