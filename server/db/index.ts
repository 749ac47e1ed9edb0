import { sql } from "drizzle-orm";
import { embeddedDataDir, openDatabase, type DatabaseHandle } from "@/db/client";
import { hasErrorCode } from "./errors";
import { noteDatabaseDown } from "./outage";
import { assertAppRoleIsUnprivileged } from "./tenant";

/**
 * The app's one database handle, opened on first use (never at build time). The embedded database is
 * migrated on open so that a fresh checkout just works; Postgres is migrated by `npm run db:migrate`.
 * Kept on globalThis so that development hot reloads do not open PGlite twice.
 */
const holder = globalThis as unknown as { tandemDb?: Promise<DatabaseHandle>; tandemDbRecycledAt?: number };

/**
 * Connections this instance opens to Postgres (`DATABASE_POOL_MAX`, default 10). Each user holds at most
 * USER_DB_CONCURRENCY of them at once (server/trpc/user-slots.ts); size the sum over instances below Postgres's
 * `max_connections`.
 */
function poolSize(): number {
  const value = Number(process.env.DATABASE_POOL_MAX);
  return Number.isInteger(value) && value > 0 ? value : 10;
}

async function open(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  const handle = openDatabase(url ? { url, max: poolSize() } : { dataDir: embeddedDataDir() });
  if (handle.kind === "pglite") {
    await handle.migrate();
    // PGlite runs no autovacuum: refresh the planner's statistics once per start (the database is small).
    await handle.db.execute(sql`analyze`);
  }
  await assertAppRoleIsUnprivileged(handle.db);
  return handle;
}

export async function getDatabase(): Promise<DatabaseHandle> {
  holder.tandemDb ??= open().catch((error: unknown) => {
    holder.tandemDb = undefined; // let the next request try again (e.g. the database was not up yet)
    throw error;
  });
  return holder.tandemDb;
}

/** At most one pool replacement in this many milliseconds. */
const RECYCLE_INTERVAL_MS = 5_000;
/** How long the replaced pool may finish the queries it still runs before it is closed. */
const RECYCLE_GRACE_MS = 10_000;

/**
 * Called with every "database unavailable" error: notes the outage (server/db/outage.ts), and: postgres.js 3.4.9 can leave a pooled connection unable to
 * send anything ever again when its socket dies in the middle of a write (its write timer is cleared but not
 * reset: porsager/postgres#1176, "pool poisoning"), so after a database restart some requests would keep
 * failing with CONNECT_TIMEOUT although the database is back. On CONNECT_TIMEOUT the pool is replaced by a
 * fresh one (at most every 5 s): the next request opens it; the old one finishes its queries, then closes.
 */
export function noteDatabaseFailure(error: unknown): void {
  noteDatabaseDown();
  if (!hasErrorCode(error, "CONNECT_TIMEOUT")) return;
  const current = holder.tandemDb;
  if (!current || Date.now() - (holder.tandemDbRecycledAt ?? 0) < RECYCLE_INTERVAL_MS) return;
  holder.tandemDbRecycledAt = Date.now();
  holder.tandemDb = undefined;
  console.warn("[db] connections time out: replacing the connection pool");
  void current
    .then((handle) => {
      setTimeout(() => void handle.close().catch(() => undefined), RECYCLE_GRACE_MS).unref?.();
    })
    .catch(() => undefined);
}
