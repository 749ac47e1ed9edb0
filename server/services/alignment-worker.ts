/**
 * The background worker of the stored alignment (docs/performance.md "Background worker"): a strategy-wide change
 * too large to recompute at commit queues its deals in alignment_stale, and this loop recomputes them with
 * tandem_alignment_work(), batch by batch, each batch in its own short transaction as the application role under
 * row-level security (so the organization's writes go on meanwhile).
 *
 * Several app instances may run it: each batch first takes the organization's worker lock (a transaction-level
 * advisory lock, tried without waiting), so one instance works an organization at a time and the others pass on.
 * It polls (one index probe of alignment_stale) every `intervalMs`, and `nudge()` wakes it at once.
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { withTenant } from "@/server/db/tenant";
import { uuidArray } from "@/server/db/uuid-array";

/** Advisory lock class of the worker (tandem_alignment_lock uses 7741). */
const WORKER_LOCK_CLASS = 7742;

export interface AlignmentWorkerOptions {
  /** How many queued deals one transaction recomputes. */
  batch?: number;
  /** How long to wait between polls when the queue is empty. */
  intervalMs?: number;
  /** Called with the first error of a run of failures (the loop goes on at the next poll). */
  onError?: (error: unknown) => void;
}

export interface AlignmentWorker {
  /** Wakes the loop now (e.g. after a strategy save that queued deals). */
  nudge(): void;
  /** Stops the loop; resolves once the batch in progress (if any) has committed. */
  stop(): Promise<void>;
}

/** One batch of an organization's queue; answers how many deals are still queued, or null if another worker has it. */
async function workBatch(db: Database, orgId: string, batch: number): Promise<number | null> {
  return withTenant(db, { userId: "", orgId }, async (tx) => {
    const [lock] = await selectRows<{ held: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${WORKER_LOCK_CLASS}, hashtext(${orgId})) as held`,
    );
    if (!lock?.held) return null;
    const [row] = await selectRows<{ left: string }>(
      tx,
      sql`select tandem_alignment_work(${orgId}::uuid, ${batch}::int) as left`,
    );
    return Number(row?.left ?? 0);
  });
}

/**
 * Works every organization's queue until it is empty or another worker holds it; answers how many batches ran.
 * Reads alignment_stale across organizations on the privileged connection (to find them), then works each one as
 * the application role.
 */
export async function drainAlignmentQueue(
  db: Database,
  batch = 5000,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let batches = 0;
  const busy = new Set<string>();
  while (!shouldStop()) {
    const [next] = await selectRows<{ orgId: string }>(
      db,
      busy.size > 0
        ? sql`select org_id as "orgId" from alignment_stale where org_id <> all(${uuidArray(busy)}) limit 1`
        : sql`select org_id as "orgId" from alignment_stale limit 1`,
    );
    if (!next) return batches;
    let left = await workBatch(db, next.orgId, batch);
    batches++;
    while (!shouldStop() && left !== null && left > 0) {
      const before: number = left;
      left = await workBatch(db, next.orgId, batch);
      batches++;
      if (left !== null && left >= before) break;
    }
    // Held by another worker, or no progress (its rows are locked by a concurrent batch): leave it this round.
    if (left !== 0) busy.add(next.orgId);
  }
  return batches;
}

/** Starts the loop on a database; call stop() to end it. */
export function startAlignmentWorker(
  database: () => Promise<Database>,
  options: AlignmentWorkerOptions = {},
): AlignmentWorker {
  const { batch = 5000, intervalMs = 2000, onError = (error) => console.error("[alignment-worker]", error) } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref?.();
  };
  function tick() {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await drainAlignmentQueue(await database(), batch, () => stopped);
        failing = false;
      } catch (error) {
        if (!failing) onError(error);
        failing = true;
      }
      schedule(intervalMs);
    });
  }
  schedule(0);
  return {
    nudge: () => schedule(0),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
