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
