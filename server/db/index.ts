import { embeddedDataDir, openDatabase, type DatabaseHandle } from "@/db/client";
import { assertAppRoleIsUnprivileged } from "./tenant";

/**
 * The app's one database handle, opened on first use (never at build time). The embedded database is
 * migrated on open so that a fresh checkout just works; Postgres is migrated by `npm run db:migrate`.
 * Kept on globalThis so that development hot reloads do not open PGlite twice.
 */
const holder = globalThis as unknown as { tandemDb?: Promise<DatabaseHandle> };

async function open(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  const handle = openDatabase(url ? { url } : { dataDir: embeddedDataDir() });
  if (handle.kind === "pglite") await handle.migrate();
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
