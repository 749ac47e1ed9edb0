/**
 * A fresh, migrated database per test file: PGlite in memory by default, or — when DATABASE_URL is set —
 * a new database created on that Postgres server (and dropped afterwards), so runs never share state.
 */
import type { Logger } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";

export interface TestDatabase extends DatabaseHandle {
  /** Statements executed so far (for "no N+1" assertions). */
  queryCount(): number;
  resetQueryCount(): void;
  /** The engine the tests run against, for the test names. */
  label: string;
  /** The database's URL on Postgres (for a second connection pool, as another app instance would open). */
  url?: string;
}

/** Advisory lock key serializing test databases' migrations on one Postgres server. */
const MIGRATION_LOCK = 7_243_001;

export async function createTestDatabase(): Promise<TestDatabase> {
  let statements = 0;
  const logger: Logger = { logQuery: () => void statements++ };
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = openDatabase({ logger });
    await handle.migrate();
    return { ...handle, label: "pglite", queryCount: () => statements, resetQueryCount: () => void (statements = 0) };
  }
  const name = `tandem_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), logger, max: 5 });
  // One migration at a time on the server: migrations alter the shared role tandem_app (ALTER ROLE … SET jit),
  // and two at once fail with "tuple concurrently updated". The lock lives on the admin database all workers share.
  await admin`select pg_advisory_lock(${MIGRATION_LOCK})`;
  try {
    await handle.migrate();
  } finally {
    await admin`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  }
  return {
    ...handle,
    label: "postgres",
    url: url.toString(),
    queryCount: () => statements,
    resetQueryCount: () => void (statements = 0),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
