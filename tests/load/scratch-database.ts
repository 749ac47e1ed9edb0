import postgres from "postgres";
import { log, onCleanup } from "./lib";

/**
 * Creates the database `name` on the Postgres server at `serverUrl` and drops it when the script ends (onCleanup,
 * however it ends); answers its URL.
 */
export async function scratchDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  onCleanup(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    log(`dropped database ${name}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
