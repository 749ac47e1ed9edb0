/**
 * A fresh, migrated database per test file: PGlite in memory by default, or — when DATABASE_URL is set —
 * a new database created on that Postgres server (and dropped afterwards), so runs never share state.
 */
import type { Logger } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { databaseUrl } from "./migrated-template";

export interface TestDatabase extends DatabaseHandle {
  /** Statements executed so far (for "no N+1" assertions). */
  queryCount(): number;
  resetQueryCount(): void;
  /** The engine the tests run against, for the test names. */
  label: string;
  /** The database's URL on Postgres (for a second connection pool, as another app instance would open). */
  url?: string;
}

/** Advisory lock key serializing test databases' creation on one Postgres server. */
const MIGRATION_LOCK = 7_243_001;

export async function createTestDatabase(): Promise<TestDatabase> {
  let statements = 0;
  const logger: Logger = { logQuery: () => void statements++ };
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const file = inject("pgliteTemplate");
    const handle = openDatabase({ logger, template: file ? new Blob([await readFile(file)]) : undefined });
    await handle.migrate(); // from the template, nothing is left to run
    return { ...handle, label: "pglite", queryCount: () => statements, resetQueryCount: () => void (statements = 0) };
  }
  const name = `tandem_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  // One at a time on the server: migrations (without a template) alter the shared role tandem_app (ALTER ROLE …
  // SET jit), and two at once fail with "tuple concurrently updated". The lock is on the admin database.
  const template = inject("postgresTemplate");
  const url = databaseUrl(adminUrl, name);
  const handle = openDatabase({ url, logger, max: 5 });
  await admin`select pg_advisory_lock(${MIGRATION_LOCK})`;
  try {
    await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
    // A database's own settings are not copied with it: the one migration 0011 makes.
    if (template) await admin.unsafe(`alter database ${name} set jit = off`);
    await handle.migrate(); // from a template, nothing is left to run
  } finally {
    await admin`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  }
  return {
    ...handle,
    label: "postgres",
    url,
    queryCount: () => statements,
    resetQueryCount: () => void (statements = 0),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
