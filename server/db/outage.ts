/**
 * Whether this app instance has seen its database unreachable and not answering since — so that page requests
 * during an outage get a clear 503 "try again" page from proxy.ts instead of a failed render (HTTP 500).
 * No imports on purpose: proxy.ts reads it without loading the database driver. Kept on globalThis, which the
 * proxy and the route handlers share (one Node.js process).
 */
const state = globalThis as unknown as { tandemDatabaseDownSince?: number; tandemDatabaseProbeAt?: number };

/** While the database is down, one page request in this many milliseconds still goes through, as a probe. */
export const PROBE_INTERVAL_MS = 2_000;

/** A query failed because the database could not be reached (server/db/index.ts noteDatabaseFailure). */
export function noteDatabaseDown(now = Date.now()): void {
  state.tandemDatabaseDownSince ??= now;
}

/** A query got its answer. */
export function noteDatabaseAnswered(): void {
  if (state.tandemDatabaseDownSince !== undefined) state.tandemDatabaseDownSince = undefined;
}

/**
 * Whether a page request should be answered "unavailable" without rendering: the database is known to be down,
 * and another request let through as a probe less than PROBE_INTERVAL_MS ago. The probe renders normally: if
 * the database is back it succeeds and ends the outage (noteDatabaseAnswered), otherwise it fails as before.
 */
export function answerPagesUnavailable(now = Date.now()): boolean {
  if (state.tandemDatabaseDownSince === undefined) return false;
  if (now - (state.tandemDatabaseProbeAt ?? 0) >= PROBE_INTERVAL_MS) {
    state.tandemDatabaseProbeAt = now;
    return false;
  }
  return true;
}

/** How long a request may wait on a database known to be down before it answers "unavailable" anyway. */
export const OUTAGE_WAIT_LIMIT_MS = 5_000;
/** The `code` of the error below, one of the "database unavailable" codes of server/db/errors.ts. */
export const DATABASE_WAIT_ABANDONED = "DATABASE_WAIT_ABANDONED";

/**
 * `work`, unless the database is noted down and the request has waited OUTAGE_WAIT_LIMIT_MS since `startedAt`: then
 * it rejects with DATABASE_WAIT_ABANDONED, so that the caller answers 503 now. A query sent on a connection that
 * postgres.js left unable to write (porsager/postgres#1176) settles only when its pool is closed, seconds after
 * the database is back (server/db/index.ts); without this bound, such a request hangs that long. The abandoned work
 * still ends on its own; its transaction never commits without its connection.
 */
export function abandonDuringOutage<T>(work: Promise<T>, startedAt: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One timer at the limit (most calls end before it and never wake up), then a look every 250 ms.
  const watchdog = new Promise<never>((_, reject) => {
    const check = () => {
      if (state.tandemDatabaseDownSince === undefined) return void (timer = setTimeout(check, 250));
      reject(
        Object.assign(new Error("Gave up waiting on a database that is down."), { code: DATABASE_WAIT_ABANDONED }),
      );
    };
    timer = setTimeout(check, Math.max(0, startedAt + OUTAGE_WAIT_LIMIT_MS - Date.now()));
  });
  return Promise.race([work, watchdog]).finally(() => clearTimeout(timer));
}

/** Whether this instance has seen the database unreachable and not answering since. */
export const databaseKnownDown = () => state.tandemDatabaseDownSince !== undefined;
