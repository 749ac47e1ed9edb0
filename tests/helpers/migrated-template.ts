/**
 * Migrate once per test run, copy for every test file: migrating takes seconds per file, a copy a fraction of
 * that. vitest's globalSetup (tests/helpers/global-setup.ts) makes the template and hands its name to the workers:
 * - PGlite: a migrated data folder dumped to a file, loaded by each file's in-memory database;
 * - Postgres: a migrated database, copied with CREATE DATABASE … TEMPLATE (tests/helpers/db.ts).
 * Each run makes its own and removes it at the end; a file run without the setup migrates from nothing.
 */
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { openDatabase } from "@/db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite dump's file. */
    pgliteTemplate?: string;
    /** The migrated Postgres database to copy. */
    postgresTemplate?: string;
  }
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
const runId = () => crypto.randomUUID().replaceAll("-", "").slice(0, 12);

/** `serverUrl` with its database replaced by `name`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function writePgliteTemplate(): Promise<string> {
  const client = new PGlite();
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = path.join(os.tmpdir(), `tandem-pglite-migrated-${runId()}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

export async function removePgliteTemplate(file: string): Promise<void> {
  await rm(file, { force: true });
}

export async function createPostgresTemplate(serverUrl: string): Promise<string> {
  const name = `tandem_template_${runId()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
    const handle = openDatabase({ url: databaseUrl(serverUrl, name), max: 1 });
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
  } finally {
    await admin.end();
  }
  return name;
}

export async function dropPostgresTemplate(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
