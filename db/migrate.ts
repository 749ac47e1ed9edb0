/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded database. */
import { mkdirSync } from "node:fs";
import { embeddedDataDir, openDatabase } from "./client";

const url = process.env.DATABASE_URL || undefined;
const dataDir = url ? undefined : embeddedDataDir();
if (dataDir) mkdirSync(dataDir, { recursive: true });
const handle = openDatabase({ url, dataDir });
try {
  await handle.migrate();
  console.log(`Migrated ${url ? "Postgres" : `the embedded database in ${dataDir}`}.`);
} finally {
  await handle.close();
}
