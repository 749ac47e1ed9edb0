/**
 * Database connections. With DATABASE_URL: postgres.js against that server. Without it: embedded PGlite,
 * in a folder (the app, under .data/) or in memory (tests). The same committed migrations run on both.
 *
 * The connection itself is privileged (it owns the schema and runs migrations); tenant queries switch to
 * the unprivileged role `tandem_app` inside their transaction (see server/db/tenant.ts).
 */
import { PGlite } from "@electric-sql/pglite";
import type { Logger, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import path from "node:path";
import postgres from "postgres";
import { preparingStatements } from "./prepared-statements";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel` (Postgres: a dedicated connection that re-listens after a
   * reconnect; PGlite: its own listen/notify). Resolves once listening, with the function that stops it.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * The handle each open database came from, so that code holding only `db` can listen on it. On globalThis:
 * Next bundles this module more than once (instrumentation, routes), and the app's one handle may have been
 * opened by another copy.
 */
const registry = globalThis as unknown as { tandemDbHandles?: WeakMap<Database, DatabaseHandle> };
const handles = (registry.tandemDbHandles ??= new WeakMap());

/** The handle `db` was opened by (not a transaction of it). */
export function handleOf(db: Database): DatabaseHandle | undefined {
  return handles.get(db);
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite folder; when absent (and no url), PGlite runs in memory. */
  dataDir?: string;
  /** In-memory PGlite only: start from this dump of a data folder (`dumpDataDir`), e.g. an already migrated one. */
  template?: Blob;
  logger?: Logger;
  /** postgres.js pool size. */
  max?: number;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function openDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // When the database goes away, requests must fail fast (the API answers 503) and the pool must come
      // back within about a second of the database returning: a hung connect gives up after 3 s (e.g. a server shutting down), and
      // reconnect attempts back off to at most 1 s (postgres.js's default grows to 20 s).
      connect_timeout: 3,
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      // Statements are prepared (preparingStatements, below) but planned for their parameters every time, unless a
      // transaction asks otherwise for its lookups by key (server/db/tenant.ts, TenantScope.plans).
      connection: { plan_cache_mode: "force_custom_plan" },
    });
    const db = drizzlePostgres(preparingStatements(client), { schema, casing: "snake_case", logger: options.logger });
    return registered({
      db,
      kind: "postgres",
      migrate: () => migratePostgres(db, { migrationsFolder }),
      close: () => client.end({ timeout: 5 }),
      listen: async (channel, onPayload) => {
        const { unlisten } = await client.listen(channel, onPayload);
        return unlisten;
      },
    });
  }
  const client = options.dataDir
    ? new PGlite(options.dataDir)
    : new PGlite(options.template ? { loadDataDir: options.template } : {});
  const db = drizzlePglite(client, { schema, casing: "snake_case", logger: options.logger });
  return registered({
    db,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
    listen: async (channel, onPayload) => {
      const stop = await client.listen(channel, onPayload);
      return () => stop();
    },
  });
}

function registered(handle: DatabaseHandle): DatabaseHandle {
  handles.set(handle.db, handle);
  return handle;
}

/** Where the app keeps its embedded database when DATABASE_URL is not set. */
export function embeddedDataDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/** Rows of a raw `db.execute(sql…)`: postgres.js returns an array, PGlite an object with `rows`. */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** The rows of a raw `execute` result: postgres.js gives an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
