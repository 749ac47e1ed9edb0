import { DATABASE_WAIT_ABANDONED } from "./outage";

/** Postgres error codes we translate into answers (drizzle may wrap the driver's error in `cause`). */
export function pgCode(error: unknown): string | undefined {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 6;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Every `code` string along the cause chain (Postgres SQLSTATEs, postgres.js and Node socket codes). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 6;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    // AggregateError (Node's happy-eyeballs connect tries IPv4 and IPv6): look at each attempt.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const inner of errors) codes.push(...codesOf(inner));
  }
  return codes;
}

/** Whether `code` (a SQLSTATE, a postgres.js or a Node error code) is anywhere along the error's cause chain. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return codesOf(error).includes(code);
}

export const isUniqueViolation = (error: unknown) => pgCode(error) === "23505";
export const isForeignKeyViolation = (error: unknown) => pgCode(error) === "23503";

/** postgres.js connection states and Node socket errors that mean "no database right now". */
const UNAVAILABLE_DRIVER_CODES = new Set([
  DATABASE_WAIT_ABANDONED, // a request stopped waiting on a database known to be down (outage.ts)
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Postgres SQLSTATEs that mean the server is going away, starting up or refusing connections:
 * class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now
 * (starting up / shutting down), 53300 too many connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";
}

/**
 * True when a failure is the database being unreachable rather than anything about the request: the
 * API answers 503 SERVICE_UNAVAILABLE (retry later) instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return codesOf(error).some(
    (code) => UNAVAILABLE_DRIVER_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)),
  );
}

/**
 * Postgres refused a value of the request (class 22 data exception: out of range, invalid text, NUL byte…;
 * 23502 not null, 23514 check constraint). It means a zod schema lets through what the column cannot hold:
 * the API answers BAD_REQUEST rather than 500, and the fuzz tests report it as a validation gap.
 */
export function isInvalidInputData(error: unknown): boolean {
  const code = pgCode(error);
  return code !== undefined && (code.startsWith("22") || code === "23502" || code === "23514");
}

/**
 * A statement was cancelled (57014 query_canceled): in practice the tenant transaction's statement_timeout
 * (server/db/tenant.ts). The API answers TIMEOUT with a clear message rather than 500.
 */
export const isStatementTimeout = (error: unknown) => pgCode(error) === "57014";
