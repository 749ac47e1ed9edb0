/**
 * Read replicas (docs/scaling.md). With `DATABASE_REPLICA_URLS` (comma-separated postgres:// URLs of streaming
 * replicas of DATABASE_URL) set, every query procedure — dashboards, lists, reports — runs its tenant transaction on
 * a replica, taken in turn; mutations and subscriptions stay on the primary. Two exceptions send a read to the
 * primary:
 *
 * - read your writes: for READ_YOUR_WRITES_MS after a person's write on this instance, their reads go to the primary,
 *   so that a page reloaded after a save shows the save although the replica may lag behind;
 * - a replica that fails (unreachable, shutting down) is skipped for REPLICA_PAUSE_MS, and the read that met the
 *   failure runs again on the primary: the person sees no error. So does a read that turns out to need a write
 *   (the alignment clock rolling over at midnight: a hot standby refuses writes).
 *
 * Drizzle's `withReplicas` routes single statements; a tenant transaction (row-level security settings, one
 * snapshot) must stay on one server, so the choice is made here, once per call.
 */
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { isDatabaseUnavailable, pgCode } from "./errors";

function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** How long after a person's write their reads go to the primary (`READ_YOUR_WRITES_MS`, default 5 s). */
export const READ_YOUR_WRITES_MS = fromEnv("READ_YOUR_WRITES_MS", 5_000);
/** How long a replica that failed is left alone before it gets reads again. */
export const REPLICA_PAUSE_MS = 10_000;

/** Postgres "cannot execute … in a read-only transaction" (a hot standby refusing a write). */
const READ_ONLY_TRANSACTION = "25006";

/** Whether a read that failed on a replica should run again on the primary. */
export function retryOnPrimary(error: unknown): boolean {
  return isDatabaseUnavailable(error) || pgCode(error) === READ_ONLY_TRANSACTION;
}

export class ReplicaSet {
  private readonly replicas: { db: Database; pausedUntil: number }[];
  private readonly lastWriteAt = new Map<string, number>();
  private turn = 0;

  constructor(
    replicas: readonly Database[],
    private readonly readYourWritesMs = READ_YOUR_WRITES_MS,
  ) {
    this.replicas = replicas.map((db) => ({ db, pausedUntil: 0 }));
  }

  /** The replica for this person's next read, or null: read from the primary. */
  forRead(userId: string, now = Date.now()): Database | null {
    const wrote = this.lastWriteAt.get(userId);
    if (wrote !== undefined && now - wrote < this.readYourWritesMs) return null;
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.turn++ % this.replicas.length]!;
      if (replica.pausedUntil <= now) return replica.db;
    }
    return null;
  }

  /** The person wrote: their reads go to the primary for a while. */
  noteWrite(userId: string, now = Date.now()): void {
    this.lastWriteAt.set(userId, now);
    if (this.lastWriteAt.size > 10_000) {
      for (const [id, at] of this.lastWriteAt) if (now - at >= this.readYourWritesMs) this.lastWriteAt.delete(id);
    }
  }

  /** A read failed on `db`: no reads for it for REPLICA_PAUSE_MS. */
  noteFailure(db: Database, now = Date.now()): void {
    const replica = this.replicas.find((r) => r.db === db);
    if (replica) replica.pausedUntil = now + REPLICA_PAUSE_MS;
  }
}

const holder = globalThis as unknown as { tandemReplicas?: { set: ReplicaSet | null; handles: DatabaseHandle[] } };

/** The app's replicas from DATABASE_REPLICA_URLS (Postgres only), or null when none are set. */
export function appReplicas(): ReplicaSet | null {
  if (!holder.tandemReplicas) {
    const urls = (process.env.DATABASE_REPLICA_URLS ?? "")
      .split(",")
      .map((url) => url.trim())
      .filter(Boolean);
    const handles = process.env.DATABASE_URL ? urls.map((url) => openDatabase({ url })) : [];
    holder.tandemReplicas = { set: handles.length ? new ReplicaSet(handles.map((h) => h.db)) : null, handles };
  }
  return holder.tandemReplicas.set;
}

/**
 * Runs one call's tenant transaction (`run`) where it belongs: a query on a replica when one is due (and again on
 * the primary if the replica fails it: `causeOf` finds the database error inside the call's own failure), anything
 * else on the primary; a successful mutation sends the person's next reads to the primary.
 */
export async function runWhereItBelongs<T>(
  call: { replicas: ReplicaSet | null; primary: Database; userId: string; type: string },
  run: (db: Database) => Promise<T>,
  causeOf: (error: unknown) => unknown,
): Promise<T> {
  const { replicas, primary, userId, type } = call;
  const replica = type === "query" ? (replicas?.forRead(userId) ?? null) : null;
  if (replica) {
    try {
      return await run(replica);
    } catch (error) {
      if (!retryOnPrimary(causeOf(error))) throw error;
      if (isDatabaseUnavailable(causeOf(error))) replicas!.noteFailure(replica);
    }
  }
  const result = await run(primary);
  if (type === "mutation") replicas?.noteWrite(userId);
  return result;
}
