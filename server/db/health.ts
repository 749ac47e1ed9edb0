import { sql } from "drizzle-orm";
import { getDatabase, noteDatabaseFailure } from "./index";
import { noteDatabaseAnswered } from "./outage";

export interface DatabaseHealth {
  ok: boolean;
  /** Round trip of `select 1`, or of the failed attempt. */
  ms: number;
  error?: string;
}

/** One `select 1` on the app's pool, bounded in time so a hung database cannot hang the probe. */
export async function checkDatabase(timeoutMs = 2000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([getDatabase().then(({ db }) => db.execute(sql`select 1`)), timeout]);
    noteDatabaseAnswered();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    noteDatabaseFailure(error);
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: typeof code === "string" ? code : typeof message === "string" ? message : "unavailable",
    };
  } finally {
    clearTimeout(timer);
  }
}
